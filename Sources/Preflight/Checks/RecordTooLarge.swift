extension DiagnosticCode {
  public static let recordTooLarge = DiagnosticCode(
    id: "record-too-large", stage: .validatingCSV, effect: .stopsImport,
    summary: "One record is larger than 16 MiB.",
    explanation: "No product row is that large. It almost always means a quote was opened and never closed, so the rest of the file became one value.",
    fix: "Look for an unmatched double quote at the line named; close it or write it twice.")
}

enum RecordTooLargeCheck {
  static func finding(file: String, line: Int, row: Int?, limit: Int) -> Finding {
    Finding(
      .recordTooLarge, "this record is larger than \(limit >> 20) MiB and was not checked",
      hint: "look for an unclosed double quote starting at this line",
      at: Location(file: file, line: line, row: row))
  }
}
