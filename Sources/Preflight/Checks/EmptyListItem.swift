extension DiagnosticCode {
  public static let emptyListItem = DiagnosticCode(
    id: "empty-list-item", stage: .validatingCSV, effect: .quality,
    summary: "A list cell has an empty item (two commas in a row, or a comma at either end).",
    explanation: "List cells (colours, interiors, image names…) are split on commas. An empty item is dropped or becomes an empty value, which is rarely what was meant; for images, a missing name.",
    fix: "Remove the extra comma.",
    example: (bad: "\"red,,white\"", good: "\"red, white\""))
}

enum EmptyListItemCheck {
  static func finding(at location: Location, field: String, value: String) -> Finding {
    Finding(.emptyListItem, "\(field): the list \(Shown.quoted(value)) has an empty item", hint: "remove the extra comma", at: location, value: value)
  }
}
