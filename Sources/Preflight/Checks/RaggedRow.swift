import XLSXKit

extension DiagnosticCode {
  public static let raggedRow = DiagnosticCode(
    id: "ragged-row", stage: .validatingCSV, effect: .stopsImport,
    summary: "A record has more or fewer cells than the header has columns.",
    explanation: "Each value is matched to its column by position. With a cell too many or too few, every value after it lands in the wrong column; the server rejects the file.",
    fix: "Enclose values that contain commas in double quotes (lists such as colours and image names), and remove stray commas.",
    example: (bad: "Wizart,Classic,Rose,wp_001,rose.jpg,1.06,0.53,red, white", good: "Wizart,Classic,Rose,wp_001,rose.jpg,1.06,0.53,\"red, white\""))
}

enum RaggedRowCheck {
  static func finding(file: String, line: Int, row: Int, cells: Int, columns: Int) -> Finding {
    let hint = cells > columns
      ? "a value containing commas must be enclosed in double quotes (\"red, white\")"
      : "a cell is missing: check for a value that was cut, or add the empty cells"
    return Finding(
      .raggedRow, "row \(row) has \(cells) cell\(cells == 1 ? "" : "s"), the header has \(columns) column\(columns == 1 ? "" : "s")",
      hint: hint, at: Location(file: file, line: line, row: row))
  }

  /// A sheet row has no commas to miscount: a row wider than the header has a value (a note?)
  /// past the header's last column, at `column` (1-based); columns are named as Excel shows them.
  static func pastHeader(file: String, line: Int, row: Int, column: Int, columns: Int) -> Finding {
    let last = columns > 0 ? ", past the header's last column \(XLSXCellReference.columnName(columns - 1))" : ""
    return Finding(
      .raggedRow, "row \(row) has a value in column \(XLSXCellReference.columnName(column - 1))\(last)",
      hint: "delete the value, or give its column a name in the header",
      at: Location(file: file, line: line, row: row, column: column))
  }
}
