extension DiagnosticCode {
  public static let invalidEnum = DiagnosticCode(
    id: "invalid-enum", stage: .validatingCSV, effect: .skipsRow,
    summary: "A value is not one of the values the field allows.",
    explanation: "Some fields take fixed values (product_shape: round or square; product_availability: In stock, Out of stock, Preorder; application_surface: wall, ceiling, floor). Another value is rejected and the row is skipped.",
    fix: "Use one of the allowed values listed in the message (capitals do not matter).",
    example: (bad: "product_availability = available", good: "product_availability = In stock"))
}

enum InvalidEnumCheck {
  static func finding(at location: Location, field: String, value: String, item: String?, allowed: [String]) -> Finding {
    let shown = item ?? value
    let suggestion = EditDistance.suggestion(for: shown, in: allowed)
    var hint = "allowed: \(allowed.joined(separator: ", "))"
    if let suggestion { hint = "did you mean \"\(suggestion)\"? " + hint }
    let what = item == nil ? "\(field): \(Shown.quoted(value)) is not an allowed value" : "\(field): list item \(Shown.quoted(shown)) is not an allowed value"
    return Finding(.invalidEnum, what, hint: hint, at: location, value: value)
  }
}
