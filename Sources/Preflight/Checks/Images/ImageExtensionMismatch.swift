import ImageProbe

extension DiagnosticCode {
  public static let imageExtensionMismatch = DiagnosticCode(
    id: "image-extension-mismatch", stage: .checkingImages, effect: .quality,
    summary: "An image's file extension does not match its content (a PNG named .jpg).",
    explanation: "Some tools trust the extension and fail to read such a file.",
    fix: "Rename the file to the extension of its real format, or export it again.",
    example: (bad: "rose.jpg containing a PNG", good: "rose.png"))
}

enum ImageExtensionMismatchCheck {
  static func finding(entry: String, fileExtension: String, format: ImageFormat, at location: Location) -> Finding? {
    let expected: Set<String>
    switch format {
    case .jpeg: expected = ["jpg", "jpeg"]
    case .png: expected = ["png"]
    case .gif: expected = ["gif"]
    case .webp: expected = ["webp"]
    case .tiff: expected = ["tif", "tiff"]
    case .bmp: expected = ["bmp"]
    case .heic: expected = ["heic", "heif"]
    default: return nil
    }
    guard !expected.contains(fileExtension) else { return nil }
    let shown = fileExtension.isEmpty ? "no extension" : "the extension .\(fileExtension)"
    return Finding(
      .imageExtensionMismatch, "\(Shown.quoted(entry)) is a \(ImageFormatCheck.name(format)) file with \(shown)",
      hint: "rename it to .\(expected.sorted().first ?? "") or export it in the format its name says", at: location)
  }
}
