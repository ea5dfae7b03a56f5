extension DiagnosticCode {
  public static let invalidBoolean = DiagnosticCode(
    id: "invalid-boolean", stage: .validatingCSV, effect: .skipsRow,
    summary: "A yes/no field holds something other than yes or no.",
    explanation: "Fields such as repeatable, customized_size, flip, black_white and reverse take yes or no. Another value is a wrong type for the server, which skips the row.",
    fix: "Write yes or no (any capitals), or leave the cell empty for the default (no).",
    example: (bad: "repeatable = 1", good: "repeatable = yes"))
}

enum InvalidBooleanCheck {
  static func finding(at location: Location, field: String, value: String) -> Finding {
    Finding(.invalidBoolean, "\(field): \(Shown.quoted(value)) is not yes or no", hint: "write yes or no, or leave the cell empty", at: location, value: value)
  }
}
