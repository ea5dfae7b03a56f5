extension DiagnosticCode {
  public static let imagePrefixUnmatched = DiagnosticCode(
    id: "image-prefix-unmatched", stage: .checkingImages, effect: .stopsImport,
    summary: "A prefix reference (ending in _) matches no image in the archive.",
    explanation: "A prefix stands for every image whose name starts with it; when none does, the product has no image and the import fails.",
    fix: "Check the prefix against the image names, or list the images by name.",
    example: (bad: "oak_natural_ (no image starts with it)", good: "oak_natural_01, oak_natural_02"))
}

enum ImagePrefixUnmatchedCheck {
  static func finding(at location: Location, prefix: String, archive: String) -> Finding {
    Finding(
      .imagePrefixUnmatched, "no image in \(archive) starts with the prefix \(Shown.quoted(prefix))",
      hint: "check the prefix against the image names, or list the images by name", at: location, value: prefix)
  }
}
