import ImageProbe

extension DiagnosticCode {
  public static let imageColorDetail = DiagnosticCode(
    id: "image-color-detail", stage: .checkingImages, effect: .info,
    summary: "An image uses a palette or 16 bits per channel.",
    explanation: "Both are valid PNG, but 8-bit RGB is what visualisation expects; palettes can band colours and 16-bit files are needlessly large.",
    fix: "Export as 8-bit RGB (or RGBA) if you see banding or large files.")
}

enum ImageColorDetailCheck {
  static func finding(entry: String, info: ImageInfo, at location: Location) -> Finding? {
    var details: [String] = []
    if info.colorMode == .palette { details.append("uses a colour palette") }
    if info.bitDepth > 8 { details.append("has \(info.bitDepth) bits per channel") }
    guard !details.isEmpty else { return nil }
    return Finding(
      .imageColorDetail, "\(Shown.quoted(entry)) \(details.joined(separator: " and "))",
      hint: "8-bit RGB is what the visualisation expects", at: location)
  }
}
