extension DiagnosticCode {
  public static let archiveEmpty = DiagnosticCode(
    id: "archive-empty", stage: .unpackingArchive, effect: .stopsImport,
    summary: "The archive (or folder) holds no files.",
    explanation: "An import needs the product images.",
    fix: "Add the images to the archive.")
}

enum ArchiveEmptyCheck {
  static func finding(file: String, hasJunk: Bool) -> Finding {
    Finding(
      .archiveEmpty, hasJunk ? "the archive holds only system files, no images" : "the archive holds no files",
      hint: "add the product images", at: Location(file: file))
  }
}
