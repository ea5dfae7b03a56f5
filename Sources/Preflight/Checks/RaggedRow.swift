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
}
