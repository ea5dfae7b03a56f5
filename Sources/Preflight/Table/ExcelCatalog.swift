/// Which catalogues are read as Excel workbooks instead of CSV.
public enum ExcelCatalog {
  /// `.xlsx` (and the macro-enabled `.xlsm`, the same package): by name, so that a broken
  /// workbook gets a workbook's diagnostics rather than "this is not text".
  public static func isWorkbookPath(_ path: String) -> Bool {
    let lower = path.lowercased()
    return lower.hasSuffix(".xlsx") || lower.hasSuffix(".xlsm")
  }
}

