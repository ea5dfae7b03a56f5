/// What a file's first bytes say it is.
public enum ImageFormat: String, Sendable, CaseIterable {
  case jpeg, png, gif, webp, tiff, bmp, heic, pdf, zip, rar
  case sevenZip = "7z"
  case gzip, unknown
}

/// How the samples of an image are organised.
public enum ColorMode: String, Sendable {
  case rgb, rgba, grayscale, grayscaleAlpha, palette, cmyk, ycck, unknown
}

/// Dots per inch on each axis, and where the value came from.
public struct Resolution: Sendable, Equatable {
  public enum Source: String, Sendable {
    case jfif, exif
    case png = "pHYs"
  }

  public var x: Double
  public var y: Double
  public var source: Source

  public init(x: Double, y: Double, source: Source) {
    self.x = x
    self.y = y
    self.source = source
  }
}

/// What the header of a JPEG or PNG says about the image.
public struct ImageInfo: Sendable, Equatable {
  /// `.jpeg` or `.png`.
  public var format: ImageFormat
  /// As stored (before EXIF orientation).
  public var width: Int
  public var height: Int
  public var colorMode: ColorMode
  /// Bits per sample (JPEG precision, PNG bit depth).
  public var bitDepth: Int
  /// JPEG components; PNG channels (1 gray, 2 gray+alpha, 3 rgb, 4 rgba, 1 palette).
  public var components: Int
  /// PNG colour type 4/6, or a tRNS chunk.
  public var hasAlpha: Bool
  /// JPEG SOF2/SOF6/SOF10/SOF14; PNG interlace = 1.
  public var progressive: Bool
  /// nil = the file states no absolute density.
  public var resolution: Resolution?
  /// EXIF 0x0112 (1...8) when present.
  public var orientation: Int?
  /// JPEG APP14 transform (0 = none/CMYK, 1 = YCbCr, 2 = YCCK).
  public var adobeTransform: Int?

  public init(
    format: ImageFormat, width: Int, height: Int, colorMode: ColorMode, bitDepth: Int, components: Int,
    hasAlpha: Bool = false, progressive: Bool = false, resolution: Resolution? = nil,
    orientation: Int? = nil, adobeTransform: Int? = nil
  ) {
    self.format = format
    self.width = width
    self.height = height
    self.colorMode = colorMode
    self.bitDepth = bitDepth
    self.components = components
    self.hasAlpha = hasAlpha
    self.progressive = progressive
    self.resolution = resolution
    self.orientation = orientation
    self.adobeTransform = adobeTransform
  }

  /// True when the EXIF orientation (5...8) makes viewers swap width and height.
  public var orientationSwapsAxes: Bool {
    guard let orientation else { return false }
    return (5...8).contains(orientation)
  }

  /// Width as displayed, after applying the EXIF orientation.
  public var displayWidth: Int { orientationSwapsAxes ? height : width }
  /// Height as displayed, after applying the EXIF orientation.
  public var displayHeight: Int { orientationSwapsAxes ? width : height }

  /// width × height, or nil if the product does not fit in an Int.
  public var pixelCount: Int? {
    let (product, overflow) = width.multipliedReportingOverflow(by: height)
    return overflow ? nil : product
  }
}

/// The outcome of `ImageProbe.probe`.
public enum ProbeResult: Sendable, Equatable {
  case image(ImageInfo)
  /// Ran out of bytes before the header ended, and `isComplete` was false.
  case needMore
  /// Content is another format (gif, webp, tiff, bmp, heic, pdf, zip, rar, 7z, gzip, unknown).
  case notAnImage(ImageFormat)
  /// A JPEG/PNG whose header is broken or truncated; the string is a plain-English reason.
  case invalid(String)
}
