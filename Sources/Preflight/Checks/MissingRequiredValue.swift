extension DiagnosticCode {
  public static let missingRequiredValue = DiagnosticCode(
    id: "missing-required-value", stage: .validatingCSV, effect: .stopsImport,
    summary: "A required cell is empty (or holds only spaces).",
    explanation: "The server's validating_csv stage fails when a required value is missing: the whole import stops.",
    fix: "Fill in the value, or remove the row if the product should not be imported.",
    example: (bad: "Wizart,Classic,Rose,,rose.jpg", good: "Wizart,Classic,Rose,wp_001,rose.jpg"))
}

enum MissingRequiredValueCheck {
  static func finding(at location: Location, field: String) -> Finding {
    Finding(.missingRequiredValue, "required value \"\(field)\" is empty", hint: "fill in \(field) for this product", at: location)
  }
}
