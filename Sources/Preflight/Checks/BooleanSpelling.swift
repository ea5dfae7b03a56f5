extension DiagnosticCode {
  public static let booleanSpelling = DiagnosticCode(
    id: "boolean-spelling", stage: .validatingCSV, effect: .info,
    summary: "A yes/no field is written true or false.",
    explanation: "Some Wizart pages show True/False, the current ones yes/no. true and false are accepted, but yes/no is the documented spelling.",
    fix: "Write yes instead of true and no instead of false.",
    example: (bad: "repeatable = TRUE", good: "repeatable = yes"))
}

enum BooleanSpellingCheck {
  static func finding(at location: Location, field: String, value: String, meaning: Bool) -> Finding {
    Finding(
      .booleanSpelling, "\(field): \(Shown.quoted(value)) is accepted, but the documented spelling is \(meaning ? "yes" : "no")",
      hint: "write \(meaning ? "yes" : "no")", at: location, value: value)
  }
}
