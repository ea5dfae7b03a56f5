extension DiagnosticCode {
  public static let formulaLikeValue = DiagnosticCode(
    id: "formula-like-value", stage: .validatingCSV, effect: .info,
    summary: "A text value starts with =, +, - or @.",
    explanation: "Spreadsheet programs run such values as formulas when the file is opened again, which can change the value or run unwanted commands (CSV injection). The import accepts them.",
    fix: "If it is not meant as a formula, rephrase the value or put a character before the sign.",
    example: (bad: "=HYPERLINK(\"http://…\")", good: "Link: http://…"))
}

enum FormulaLikeValueCheck {
  static func finding(at location: Location, field: String, value: String) -> Finding {
    Finding(
      .formulaLikeValue, "\(field): \(Shown.quoted(value)) starts like a spreadsheet formula",
      hint: "spreadsheets may run it as a formula when the file is opened", at: location, value: value)
  }
}
