extension DiagnosticCode {
  public static let surroundingWhitespace = DiagnosticCode(
    id: "surrounding-whitespace", stage: .validatingCSV, effect: .quality,
    summary: "A value starts or ends with spaces.",
    explanation: "\"Classic \" and \"Classic\" are different names for the server: a trailing space creates a second brand or collection in the catalogue, and a SKU with spaces no longer matches your shop.",
    fix: "Remove the spaces around the value (Excel: =TRIM(A2)).",
    example: (bad: "\"Classic \"", good: "\"Classic\""))
}

enum SurroundingWhitespaceCheck {
  static func finding(at location: Location, field: String, value: String) -> Finding {
    Finding(
      .surroundingWhitespace, "\(field): \(Shown.quoted(value)) has spaces around it", hint: "remove the leading and trailing spaces",
      at: location, value: value)
  }
}
