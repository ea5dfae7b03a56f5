extension DiagnosticCode {
  public static let malformedQuotes = DiagnosticCode(
    id: "malformed-quotes", stage: .validatingCSV, effect: .stopsImport,
    summary: "A quoted value is never closed, or a quote stands inside an unquoted value.",
    explanation: "Quotes decide where a value starts and ends. An unclosed quote swallows the following lines into one value; a stray quote makes the line ambiguous. The server cannot read such a file.",
    fix: "Enclose a value that contains commas, quotes or line breaks in double quotes, and write a quote inside it twice.",
    example: (bad: "wp_001,Say \"hello\",…", good: "wp_001,\"Say \"\"hello\"\"\",…"))
}

enum MalformedQuotesCheck {
  static func unclosed(file: String, line: Int, row: Int?, column: Int?, field: String?) -> Finding {
    Finding(
      .malformedQuotes, "a quoted value starts here and is never closed: the rest of the file was read as this one value",
      hint: "add the closing double quote, or write a quote inside a value twice (\"\")",
      at: Location(file: file, line: line, row: row, column: column, field: field))
  }

  static func stray(
    file: String, line: Int, row: Int?, column: Int, field: String?, value: String, afterClosingQuote: Bool
  ) -> Finding {
    Finding(
      .malformedQuotes,
      afterClosingQuote
        ? "text follows the closing quote of \(Shown.quoted(value))" : "a double quote stands inside \(Shown.quoted(value)), which is not enclosed in quotes",
      hint: "enclose the whole value in double quotes and write each quote inside it twice: \"Say \"\"hello\"\"\"",
      at: Location(file: file, line: line, row: row, column: column, field: field), value: value)
  }
}
