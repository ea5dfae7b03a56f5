extension DiagnosticCode {
  public static let missingRequiredColumn = DiagnosticCode(
    id: "missing-required-column", stage: .validatingCSV, effect: .stopsImport,
    summary: "A column the product type's template requires is absent from the header.",
    explanation: "The server checks the file against the template of the product type; without a required column the validating_csv stage fails and nothing is imported.",
    fix: "Add the column with its exact name (wizart-preflight template CODE writes the full header).",
    example: (bad: "brand_name,collection_name,product_name,product_image", good: "brand_name,collection_name,product_name,unique_sku_id,product_image"))
}

enum MissingRequiredColumnCheck {
  static func finding(file: String, field: Field, type: String) -> Finding {
    Finding(
      .missingRequiredColumn, "required column \"\(field.name)\" is missing",
      hint: "add a \"\(field.name)\" column (see: wizart-preflight template \(type))",
      at: Location(file: file, line: 1, field: field.name))
  }
}

extension MissingRequiredColumnCheck {
  /// The file starts with an empty line: the server reads it as a header without any column.
  static func blankFirstLine(file: String, headerLine: Int) -> Finding {
    Finding(
      .missingRequiredColumn, "line 1 is empty, so the file has no header; the header on line \(headerLine) is read as data",
      hint: "delete the empty line(s) before the header; the header must be the first line", at: Location(file: file, line: 1))
  }
}
