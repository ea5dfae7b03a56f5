import ImageProbe

extension DiagnosticCode {
  public static let imageColorMode = DiagnosticCode(
    id: "image-color-mode", stage: .checkingImages, effect: .quality,
    summary: "An image is not RGB: CMYK, YCCK (print colours) or grayscale (warnings); palette or 16-bit (notices).",
    explanation: "Wizart asks for RGB; print colours (CMYK) look wrong on screens or are refused by browsers.",
    fix: "Convert the image to RGB (sRGB) in your image editor and export again.")
}

enum ImageColorModeCheck {
  static func finding(entry: String, info: ImageInfo, at location: Location) -> Finding? {
    let mode: String
    switch info.colorMode {
    case .cmyk: mode = "CMYK (print colours)"
    case .ycck: mode = "YCCK (print colours)"
    case .grayscale: mode = "grayscale"
    case .grayscaleAlpha: mode = "grayscale with transparency"
    default: return nil
    }
    return Finding(
      .imageColorMode, "\(Shown.quoted(entry)) is \(mode), not RGB", hint: "convert it to RGB (sRGB) and export again", at: location)
  }
}

extension ImageColorModeCheck {
  /// Palette and 16-bit images: valid, worth a notice (diagnostics.md: "palette/16-bit are info").
  static func detail(entry: String, info: ImageInfo, at location: Location) -> Finding? {
    var details: [String] = []
    if info.colorMode == .palette { details.append("uses a colour palette") }
    if info.bitDepth > 8 { details.append("has \(info.bitDepth) bits per channel") }
    guard !details.isEmpty else { return nil }
    return Finding(
      .imageColorMode, "\(Shown.quoted(entry)) \(details.joined(separator: " and "))",
      hint: "8-bit RGB is what the visualisation expects", at: location, effect: .info)
  }
}
