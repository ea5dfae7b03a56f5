extension DiagnosticCode {
  public static let duplicateSKU = DiagnosticCode(
    id: "duplicate-sku", stage: .validatingCSV, effect: .stopsImport,
    summary: "The same unique_sku_id appears twice in one collection.",
    explanation: "unique_sku_id identifies a product inside its collection and links it to your shop. Two products with the same SKU in one collection overwrite each other or fail the import.",
    fix: "Give each product its own SKU, or delete the duplicated row.",
    example: (bad: "row 2: Classic,wp_001 … row 9: Classic,wp_001", good: "row 9: Classic,wp_009"))
}

enum DuplicateSKUCheck {
  static func finding(at location: Location, field: String, sku: String, collection: String, firstRow: Int) -> Finding {
    Finding(
      .duplicateSKU, "\(field) \(Shown.quoted(sku)) is already used in collection \(Shown.quoted(collection)) at row \(firstRow)",
      hint: "give this product its own SKU or delete the duplicate row", at: location, value: sku)
  }
}
