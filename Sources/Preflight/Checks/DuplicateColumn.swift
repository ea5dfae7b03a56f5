extension DiagnosticCode {
  public static let duplicateColumn = DiagnosticCode(
    id: "duplicate-column", stage: .validatingCSV, effect: .stopsImport,
    summary: "The same column name appears twice in the header.",
    explanation: "With two columns of the same name the server cannot know which one holds the value; the template structure check fails.",
    fix: "Remove or rename one of the two columns.")
}

enum DuplicateColumnCheck {
  static func finding(file: String, column: Int, name: String, first: Int) -> Finding {
    Finding(
      .duplicateColumn, "column \(Shown.quoted(name)) appears again (first in column \(first))",
      hint: "remove one of the two columns", at: Location(file: file, line: 1, column: column, field: name), value: name)
  }
}
