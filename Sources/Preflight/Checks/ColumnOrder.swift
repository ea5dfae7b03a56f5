extension DiagnosticCode {
  public static let columnOrder = DiagnosticCode(
    id: "column-order", stage: .validatingCSV, effect: .info,
    summary: "The known columns are in another order than in the template.",
    explanation: "Columns are matched by name, so another order is accepted; an older Wizart page asked to keep the template's order, and keeping it makes files easier to compare.",
    fix: "Nothing required. To follow the template, reorder the columns as wizart-preflight template CODE writes them.")
}

enum ColumnOrderCheck {
  static func finding(file: String, column: Int, name: String, expectedAfter: String?) -> Finding {
    let message = expectedAfter.map { "column \(Shown.quoted(name)) comes before \"\($0)\" in the template" }
      ?? "column \(Shown.quoted(name)) is out of the template's order"
    return Finding(
      .columnOrder, message, hint: "columns are matched by name; reordering is optional",
      at: Location(file: file, line: 1, column: column, field: name))
  }
}
