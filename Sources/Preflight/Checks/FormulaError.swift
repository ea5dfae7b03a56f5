extension DiagnosticCode {
  public static let formulaError = DiagnosticCode(
    id: "formula-error", stage: .validatingCSV, effect: .quality,
    summary: "An Excel cell holds a formula error (#N/A, #REF!, #VALUE!…) instead of a value.",
    explanation: "A formula that failed (a lookup that found nothing, a deleted reference) leaves Excel's error code in the cell, and the export writes that code as the value: the product would be imported with \"#N/A\" as its name, colour or description. Only Excel workbooks show this; in a CSV the code is plain text.",
    fix: "Repair the formula in Excel, or copy the column and paste it as values, then check again.",
    example: (bad: "product_name: #N/A (from =VLOOKUP(...))", good: "product_name: Rose Garden"))
}

enum FormulaErrorCheck {
  static func finding(file: String, line: Int, row: Int?, column: Int, field: String?, value: String) -> Finding {
    Finding(
      .formulaError, "\(field ?? "column \(column)"): the cell holds Excel's error \(value), not a value",
      hint: "repair the formula, or paste the column as values", at: Location(file: file, line: line, row: row, column: column, field: field),
      value: value)
  }
}
