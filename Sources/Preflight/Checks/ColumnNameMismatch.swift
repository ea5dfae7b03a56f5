import Foundation

extension DiagnosticCode {
  public static let columnNameMismatch = DiagnosticCode(
    id: "column-name-mismatch", stage: .validatingCSV, effect: .stopsImport,
    summary: "A known column name written with other capitals or with spaces around it.",
    explanation: "Column names are compared exactly: \"Product_Width\" or \" product_width\" is not \"product_width\" for the server, so the column counts as missing.",
    fix: "Write the name exactly as the template does: lower case, no spaces around it.",
    example: (bad: "Product_Width", good: "product_width"))
}

enum ColumnNameMismatchCheck {
  static func finding(file: String, column: Int, name: String, expected: String) -> Finding {
    let what = name.trimmingCharacters(in: .whitespaces) == expected ? "has spaces around it" : "differs in capitals"
    return Finding(
      .columnNameMismatch, "column \(Shown.quoted(name)) \(what); the template name is \"\(expected)\"",
      hint: "rename the column to exactly \"\(expected)\"", at: Location(file: file, line: 1, column: column, field: name), value: name)
  }
}
