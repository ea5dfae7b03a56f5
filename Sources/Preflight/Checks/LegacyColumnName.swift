extension DiagnosticCode {
  public static let legacyColumnName = DiagnosticCode(
    id: "legacy-column-name", stage: .validatingCSV, effect: .stopsImport,
    summary: "A column uses an old name of a field (from an earlier template).",
    explanation: "Wizart renamed several columns (Unique_SKU_ID → unique_sku_id, repeat → pattern_repeat…). The current template structure is checked by the server, so an old name fails the validating_csv stage.",
    fix: "Rename the column to the current name given in the message.",
    example: (bad: "Unique_SKU_ID", good: "unique_sku_id"))
}

enum LegacyColumnNameCheck {
  static func finding(file: String, column: Int, name: String, current: String) -> Finding {
    Finding(
      .legacyColumnName, "\(Shown.quoted(name)) is an old column name; the current name is \"\(current)\"",
      hint: "rename the column to \"\(current)\"", at: Location(file: file, line: 1, column: column, field: name), value: name)
  }
}
