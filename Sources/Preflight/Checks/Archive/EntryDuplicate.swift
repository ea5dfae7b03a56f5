extension DiagnosticCode {
  public static let entryDuplicate = DiagnosticCode(
    id: "entry-duplicate", stage: .unpackingArchive, effect: .stopsImport,
    summary: "Two entries have the same name (byte for byte, or after Unicode normalisation).",
    explanation: "With two files of one name it is undefined which image the server takes.",
    fix: "Remove or rename one of them.")
}

enum EntryDuplicateCheck {
  static func finding(file: String, entry: String, first: String, normalized: Bool) -> Finding {
    Finding(
      .entryDuplicate,
      normalized
        ? "\(Shown.quoted(Shown.codePoints(entry))) is the same name as \(Shown.quoted(Shown.codePoints(first))) once Unicode is normalised (composed vs decomposed accents)"
        : "\(Shown.quoted(entry)) appears twice in the archive",
      hint: "keep one file of that name", at: Location(file: file, entry: entry))
  }
}
