extension DiagnosticCode {
  public static let imageDPIMissing = DiagnosticCode(
    id: "image-dpi-missing", stage: .checkingImages, effect: .info,
    summary: "An image states no density (dpi).",
    explanation: "Not an error: the pixel size is what counts. Stating 300 dpi documents the intended size.",
    fix: "Nothing required; export with 300 dpi to document it.")
}
