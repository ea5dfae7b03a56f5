extension DiagnosticCode {
  public static let archiveUnreadable = DiagnosticCode(
    id: "archive-unreadable", stage: .unpackingArchive, effect: .stopsImport,
    summary: "The image archive or folder is missing or cannot be read.",
    explanation: "Without the images nothing can be checked or uploaded.",
    fix: "Check the path given to --images and the file's permissions.")
}

enum ArchiveUnreadableCheck {
  static func finding(file: String, reason: String) -> Finding {
    Finding(.archiveUnreadable, "cannot read the images: \(reason)", hint: "check the path given to --images", at: Location(file: file))
  }
}
