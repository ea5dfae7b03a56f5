import XLSXKit

/// Which catalogues are read as Excel workbooks instead of CSV, and which of their sheets.
public enum ExcelCatalog {
  /// `.xlsx` (and the macro-enabled `.xlsm`, the same package): by name, so that a broken
  /// workbook gets a workbook's diagnostics rather than "this is not text".
  public static func isWorkbookPath(_ path: String) -> Bool {
    let lower = path.lowercased()
    return lower.hasSuffix(".xlsx") || lower.hasSuffix(".xlsm")
  }

  /// The sheet to read, as the workbook spells it: the one asked for (exact name first, then
  /// Excel's case-insensitive match), else the first visible worksheet.
  static func sheetName(in workbook: XLSXWorkbook, asked: String?) throws(XLSXError) -> String {
    guard let asked else {
      guard let first = workbook.defaultSheet else { throw XLSXError(kind: .malformed, message: "the workbook has no worksheet") }
      return first.name
    }
    guard
      let found = workbook.sheets.first(where: { $0.name == asked })
        ?? workbook.sheets.first(where: { $0.name.lowercased() == asked.lowercased() })
    else {
      let names = workbook.sheets.map { "\"\($0.name)\"" }.joined(separator: ", ")
      throw XLSXError(kind: .noSuchSheet, message: "the workbook has no sheet \"\(asked)\"; its sheets are \(names)")
    }
    return found.name
  }
}
