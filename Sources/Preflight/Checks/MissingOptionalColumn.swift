extension DiagnosticCode {
  public static let missingOptionalColumn = DiagnosticCode(
    id: "missing-optional-column", stage: .validatingCSV, effect: .quality,
    summary: "A documented optional column of the template is absent.",
    explanation: "The server compares the file with the template's structure; an absent optional column may be accepted, but the information it carries (a link, a colour, a roll length…) is then missing in the catalogue.",
    fix: "Add the column, empty if you have no values (wizart-preflight template CODE writes the full header).")
}

enum MissingOptionalColumnCheck {
  static func finding(file: String, field: Field) -> Finding {
    Finding(
      .missingOptionalColumn, "optional column \"\(field.name)\" of the template is missing",
      hint: "add the column; it may stay empty", at: Location(file: file, line: 1, field: field.name))
  }
}
