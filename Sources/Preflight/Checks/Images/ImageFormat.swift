import ImageProbe

extension DiagnosticCode {
  public static let imageFormat = DiagnosticCode(
    id: "image-format", stage: .checkingImages, effect: .stopsImport,
    summary: "An image's content is not a format the product type allows (JPEG or PNG; PNG only for wall decals).",
    explanation: "The server reads JPEG and PNG only (decals need PNG for their transparency); another format fails checking_images.",
    fix: "Export the image as JPEG or PNG (decals: PNG with transparent background).",
    example: (bad: "rose.jpg containing WebP", good: "rose.jpg saved as JPEG"))
}

enum ImageFormatCheck {
  static func name(_ format: ImageFormat) -> String {
    switch format {
    case .jpeg: "JPEG"
    case .png: "PNG"
    case .gif: "GIF"
    case .webp: "WebP"
    case .tiff: "TIFF"
    case .bmp: "BMP"
    case .heic: "HEIC"
    case .pdf: "PDF"
    case .zip: "a ZIP archive"
    case .rar: "a RAR archive"
    case .sevenZip: "a 7z archive"
    case .gzip: "gzip data"
    case .unknown: "not an image"
    }
  }

  /// Content that is not JPEG/PNG, or not allowed for the type (decals: PNG only).
  static func finding(entry: String, format: ImageFormat, allowed: [String], type: String, at location: Location) -> Finding? {
    guard !allowed.contains(format.rawValue) else { return nil }
    let allowedNames = allowed.compactMap { ImageFormat(rawValue: $0) }.map(name).joined(separator: " or ")
    let what = format == .unknown ? "is not an image" : "is \(name(format))"
    return Finding(
      .imageFormat, "\(Shown.quoted(entry)) \(what); \(type) needs \(allowedNames)",
      hint: "export the image as \(allowedNames)", at: location)
  }
}
