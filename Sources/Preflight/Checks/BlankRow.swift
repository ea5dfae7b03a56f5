extension DiagnosticCode {
  public static let blankRow = DiagnosticCode(
    id: "blank-row", stage: .validatingCSV, effect: .skipsRow,
    summary: "An empty line, or a line of empty cells only.",
    explanation: "An empty record is not a product: the server skips it and the import ends with a warning instead of success.",
    fix: "Delete the empty lines (in Excel, rows that look empty may still hold spaces or formatting).",
    example: (bad: ",,,,,,", good: "(delete the line)"))
}

enum BlankRowCheck {
  static func finding(file: String, line: Int, row: Int) -> Finding {
    Finding(.blankRow, "row \(row) is empty", hint: "delete the empty line", at: Location(file: file, line: line, row: row))
  }
}
