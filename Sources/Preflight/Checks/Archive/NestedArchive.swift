extension DiagnosticCode {
  public static let nestedArchive = DiagnosticCode(
    id: "nested-archive", stage: .unpackingArchive, effect: .quality,
    summary: "The archive contains another archive.",
    explanation: "Nested archives are not unpacked by the server (and never opened by this tool): the images inside them do not exist for the import.",
    fix: "Extract the inner archive and put its images directly into the ZIP.")
}

enum NestedArchiveCheck {
  static func finding(file: String, entry: String) -> Finding {
    Finding(
      .nestedArchive, "\(Shown.quoted(entry)) is an archive inside the archive; it is not opened",
      hint: "extract it and put its images directly into the ZIP", at: Location(file: file, entry: entry))
  }
}
