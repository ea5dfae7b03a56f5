import ImageProbe

extension DiagnosticCode {
  public static let imageDimensionsExtreme = DiagnosticCode(
    id: "image-dimensions-extreme", stage: .checkingImages, effect: .quality,
    summary: "An image is wider or taller than 30,000 px, or larger than 200 megapixels.",
    explanation: "The server may refuse to decode images this large.",
    fix: "Scale the image down to what the physical size needs (1024 px per metre).")
}

enum ImageDimensionsExtremeCheck {
  static let maxSide = 30_000
  static let maxPixels = 200_000_000

  static func finding(entry: String, info: ImageInfo, at location: Location) -> Finding? {
    let (pixels, overflow) = info.width.multipliedReportingOverflow(by: info.height)
    guard info.width > maxSide || info.height > maxSide || overflow || pixels > maxPixels else { return nil }
    return Finding(
      .imageDimensionsExtreme, "\(Shown.quoted(entry)) is \(info.width) × \(info.height) px; the server may refuse to decode it",
      hint: "scale it down to what the physical size needs (1024 px per metre)", at: location)
  }
}
