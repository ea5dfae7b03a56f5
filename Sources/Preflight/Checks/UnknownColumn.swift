extension DiagnosticCode {
  public static let unknownColumn = DiagnosticCode(
    id: "unknown-column", stage: .validatingCSV, effect: .quality,
    summary: "A column that is not in the product type's schema (usually a typo).",
    explanation: "A misspelt column is not imported, and the column it should have been is then missing. Our offline templates may also lack a column your account has: in that case it is harmless.",
    fix: "Correct the name to the suggested one, or remove the column; if your account's template has it, use --template with the template downloaded from Wizart.",
    example: (bad: "prodcut_width", good: "product_width"))
}

enum UnknownColumnCheck {
  static func finding(file: String, column: Int, name: String, suggestion: String?) -> Finding {
    let message = name.isEmpty ? "column \(column) has no name" : "unknown column \"\(name)\""
    let hint: String
    if let suggestion {
      hint = "did you mean \"\(suggestion)\"?"
    } else if name.isEmpty {
      hint = "remove the empty column (a trailing comma in the header adds one)"
    } else {
      hint = "check the name against the template, or remove the column"
    }
    return Finding(.unknownColumn, message, hint: hint, at: Location(file: file, line: 1, column: column, field: name), value: name)
  }
}
