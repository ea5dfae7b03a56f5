extension DiagnosticCode {
  public static let tooLong = DiagnosticCode(
    id: "too-long", stage: .validatingCSV, effect: .skipsRow,
    summary: "A text is longer than the field allows.",
    explanation: "brand_name, collection_name and product_name hold at most 255 characters. A longer value is rejected and the row is skipped.",
    fix: "Shorten the text; long descriptions belong in product_description.")
}

enum TooLongCheck {
  static func finding(at location: Location, field: String, value: String, length: Int, limit: Int) -> Finding {
    Finding(
      .tooLong, "\(field) is \(length) characters long; at most \(limit) are allowed",
      hint: "shorten it by \(length - limit) character\(length - limit == 1 ? "" : "s")", at: location,
      value: value)
  }
}
