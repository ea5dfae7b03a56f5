import ImageProbe

extension DiagnosticCode {
  public static let imageColorMode = DiagnosticCode(
    id: "image-color-mode", stage: .checkingImages, effect: .quality,
    summary: "An image is not RGB: CMYK, YCCK (print colours) or grayscale.",
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
