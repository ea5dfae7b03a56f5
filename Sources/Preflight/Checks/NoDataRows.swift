extension DiagnosticCode {
  public static let noDataRows = DiagnosticCode(
    id: "no-data-rows", stage: .validatingCSV, effect: .stopsImport,
    summary: "The file is empty or holds only the header.",
    explanation: "An import needs at least one product row.",
    fix: "Fill in one row per product below the header, or check that you exported the right sheet.")
}

enum NoDataRowsCheck {
  static func finding(file: String, empty: Bool) -> Finding {
    Finding(
      .noDataRows, empty ? "the file is empty (no header, no product rows)" : "the file has a header but no product rows",
      hint: "add one row per product under the header", at: Location(file: file, line: empty ? nil : 1))
  }
}
