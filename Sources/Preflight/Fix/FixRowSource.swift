/// What a spreadsheet stores beyond a cell's text; a CSV cell is always `text`.
enum CellValueKind: Equatable {
  case text
  /// A number with a date or time format: its number is not what the sheet shows.
  case date
  /// A formula error such as #N/A or #REF!.
  case error
}

/// A cell problem the source noticed while reading.
enum SourceCellProblem: Equatable {
  /// A quote inside an unquoted cell, text after a closing quote, or a quote never closed.
  case malformedQuotes(String)
  case controlCharacter
}

/// One row as the fixer reads it, whatever the input format: the seam between the fixer and
/// its sources (CSV through the tokenizer; a workbook sheet through a spreadsheet reader).
/// Valid only during the callback that hands it out.
protocol FixRowView {
  /// Physical line of a CSV file (or row of a sheet) where the row starts.
  var line: Int { get }
  /// `line 3` for a file, `row 3` for a sheet: what messages call the row's place.
  var lineName: String { get }
  var lineBreak: LineBreak { get }
  var cellCount: Int { get }
  /// The cell's text, UTF-8, without CSV quoting.
  func bytes(_ index: Int) -> UnsafeRawBufferPointer
  /// The cell was quoted in the input (CSV only).
  func isQuoted(_ index: Int) -> Bool
  func problem(_ index: Int) -> SourceCellProblem?
  func hasNonASCII(_ index: Int) -> Bool
  func valueKind(_ index: Int) -> CellValueKind
  /// The spreadsheet cell (`F3`), when the row comes from a sheet.
  func cellName(_ index: Int) -> String?
}

/// Hands the fixer every row in order, the header first, after telling it what it found while
/// opening the input (encoding, delimiter).
protocol FixRowSource {
  associatedtype Row: FixRowView
  func forEachRow(_ body: (Row) throws -> Void) throws
}

/// A CSV record as a `FixRowView`.
struct CSVRow: FixRowView {
  let record: CSVRecord

  var line: Int { record.line }
  var lineName: String { "line \(record.line)" }
  var lineBreak: LineBreak { record.lineBreak }
  var cellCount: Int { record.cells.count }
  func bytes(_ index: Int) -> UnsafeRawBufferPointer { record.bytes(index) }
  func isQuoted(_ index: Int) -> Bool { record.cells[index].flags.contains(.quoted) }
  func hasNonASCII(_ index: Int) -> Bool { record.cells[index].flags.contains(.nonASCII) }
  func valueKind(_ index: Int) -> CellValueKind { .text }
  func cellName(_ index: Int) -> String? { nil }

  func problem(_ index: Int) -> SourceCellProblem? {
    guard record.hasCellProblems else { return nil }
    let flags = record.cells[index].flags
    if flags.contains(.unclosedQuote) { return .malformedQuotes("a quote opens the value and is never closed") }
    if flags.contains(.textAfterQuote) { return .malformedQuotes("text follows the closing quote") }
    if flags.contains(.strayQuote) { return .malformedQuotes("a quote inside a value that does not start with one") }
    if flags.contains(.controlCharacter) { return .controlCharacter }
    return nil
  }
}
