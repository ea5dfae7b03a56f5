extension DiagnosticCode {
  public static let archiveExtension = DiagnosticCode(
    id: "archive-extension", stage: .unpackingArchive, effect: .quality,
    summary: "The ZIP archive is not named .zip.",
    explanation: "Upload forms and the API expect a .zip file; another name is easy to pick by mistake.",
    fix: "Rename the file to end in .zip.",
    example: (bad: "images.zip.bak", good: "images.zip"))
}

enum ArchiveExtensionCheck {
  static func finding(file: String) -> Finding? {
    guard !file.lowercased().hasSuffix(".zip") else { return nil }
    return Finding(.archiveExtension, "the image archive is not named .zip", hint: "rename it to end in .zip", at: Location(file: file))
  }
}
