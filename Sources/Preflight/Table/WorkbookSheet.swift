import XLSXKit

/// Which worksheet of a workbook `check`, `fix` and `pack` read: the one `--sheet` names, else
/// the first visible one. One rule for every command, so that they all read the same rows.
enum WorkbookSheet {
  /// The sheet's name as the workbook spells it. Excel matches sheet names case-insensitively.
  static func choose(_ name: String?, in workbook: XLSXWorkbook) throws(XLSXError) -> String {
    guard let name else {
      guard let first = workbook.defaultSheet else { throw XLSXError(kind: .malformed, message: "the workbook has no worksheet") }
      return first.name
    }
    let lower = name.lowercased()
    guard let found = workbook.sheets.first(where: { $0.name == name }) ?? workbook.sheets.first(where: { $0.name.lowercased() == lower })
    else {
      let names = workbook.sheets.map { "\"\($0.name)\"" }.joined(separator: ", ")
      throw XLSXError(kind: .noSuchSheet, message: "the workbook has no sheet \"\(name)\"; its sheets are \(names)")
    }
    return found.name
  }
}
