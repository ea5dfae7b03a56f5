extension DiagnosticCode {
  public static let unknownColumn = DiagnosticCode(
    id: "unknown-column", stage: .validatingCSV, effect: .quality,
    summary: "A column that is not in the product type's schema (usually a typo).",
    explanation: "A misspelt column is not imported, and the column it should have been is then missing. Our offline templates may also lack a column your account has: in that case it is harmless.",
    fix: "Correct the name to the suggested one, or remove the column. If your account's template really has this column, add it to a copy of the schema and pass it with --schema.",
    example: (bad: "prodcut_width", good: "product_width"))
}

enum UnknownColumnCheck {
  static func finding(
    file: String, column: Int, name: String, suggestion: String?, otherTypes: [String] = [], type: String = ""
  ) -> Finding {
    let message = name.isEmpty ? "column \(column) has no name" : "unknown column \(Shown.quoted(name))"
    let hint: String
    if let suggestion {
      hint = "did you mean \"\(suggestion)\"?"
    } else if name.isEmpty {
      hint = "remove the empty column (a trailing comma in the header adds one)"
    } else if !otherTypes.isEmpty {
      let listed = otherTypes.prefix(3).joined(separator: ", ") + (otherTypes.count > 3 ? ", …" : "")
      hint = "\(Shown.quoted(name)) is a column of other product types (\(listed)), not of \(type): check --type, or remove the column"
    } else {
      hint = "check the name against the template (wizart-preflight template \(type.isEmpty ? "CODE" : type)), or remove the column"
    }
    return Finding(.unknownColumn, message, hint: hint, at: Location(file: file, line: 1, column: column, field: name), value: name)
  }

  /// A header wider than the tokenizer keeps: one finding for the columns past the limit.
  static func tooManyColumns(file: String, columns: Int, kept: Int) -> Finding {
    Finding(
      .unknownColumn, "the header has \(columns) columns; only the first \(kept) were checked",
      hint: "a template has a few dozen columns: check that this is the right file", at: Location(file: file, line: 1, column: kept + 1))
  }
}
