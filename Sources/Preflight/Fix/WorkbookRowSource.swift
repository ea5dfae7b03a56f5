import XLSXKit

/// A worksheet as rows for the fixer: every stored cell, in Excel's columns A, B, … Each row is
/// padded with empty cells to the header's width (as Excel's own CSV export does); cells past
/// the header are kept (the row is then ragged, for `check` to name). Rows Excel does not store
/// (empty rows) come as blank rows, so that row numbers stay Excel's. Memory is one row.
final class WorkbookRowSource: FixRowSource {
  let sheet: String
  private let workbook: XLSXWorkbook
  /// The current row's text, grown to the longest row.
  private var bytes: UnsafeMutableRawPointer
  private var byteCount = 0
  private var byteCapacity = 1 << 16
  private var spans: [Range<Int>] = []
  private var kinds: [CellValueKind] = []
  private var headerWidth: Int?

  init(path: String, sheet: String?) throws(XLSXError) {
    workbook = try XLSXWorkbook(path: path)
    self.sheet = try WorkbookSheet.choose(sheet, in: workbook)
    bytes = .allocate(byteCount: byteCapacity, alignment: 8)
  }

  deinit { bytes.deallocate() }

  private func append(_ text: String) {
    var text = text
    text.withUTF8 { utf8 in
      if byteCount + utf8.count > byteCapacity {
        let capacity = max(byteCount + utf8.count, byteCapacity * 2)
        let grown = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: 8)
        grown.copyMemory(from: bytes, byteCount: byteCount)
        bytes.deallocate()
        bytes = grown
        byteCapacity = capacity
      }
      if let base = utf8.baseAddress { (bytes + byteCount).copyMemory(from: base, byteCount: utf8.count) }
      byteCount += utf8.count
    }
  }

  func forEachRow(_ body: (WorkbookRow) throws -> Void) throws {
    do {
      try readRows(body)
    } catch let error as XLSXError {
      // The fixer's own refusals and failures come back wrapped: hand them on as they were.
      if let own = error.underlying, own is FixFailure || own is FixRefusal { throw own }
      throw FixFailure(message: "cannot read sheet \"\(sheet)\": \(error.message)")
    }
  }

  /// The sheet's rows, with a blank row for each row Excel does not store.
  private func readRows(_ body: (WorkbookRow) throws -> Void) throws {
    var next = 1
    try workbook.forEachRow(sheet: sheet) { row in
      while next < row.number {
        try body(WorkbookRow(number: next, source: self, count: 0))
        next += 1
      }
      let count = fill(row.cells)
      try body(WorkbookRow(number: row.number, source: self, count: count))
      next = row.number + 1
      return true
    }
  }

  /// Lays the row's cells out densely; returns how many cells the row has.
  private func fill(_ cells: [XLSXCell]) -> Int {
    let width = (cells.last?.column ?? -1) + 1
    let count = headerWidth.map { max($0, width) } ?? width
    if headerWidth == nil { headerWidth = width }
    byteCount = 0
    spans.removeAll(keepingCapacity: true)
    kinds.removeAll(keepingCapacity: true)
    for cell in cells {
      while spans.count < cell.column {
        spans.append(byteCount..<byteCount)
        kinds.append(.text)
      }
      let start = byteCount
      var kind = CellValueKind.text
      switch cell.value {
      // A percentage stays as Excel's export writes it ("50%"): fix never guesses 0.5 or 50.
      case .text(let text), .number(let text), .percent(let text): append(text)
      // What Excel's CSV export writes; a yes/no field then reads it as yes or no.
      case .boolean(let value): append(value ? "TRUE" : "FALSE")
      case .date(let text):
        append(text)
        kind = .date
      case .error(let text):
        append(text)
        kind = .error
      }
      spans.append(start..<byteCount)
      kinds.append(kind)
    }
    while spans.count < count {
      spans.append(byteCount..<byteCount)
      kinds.append(.text)
    }
    return count
  }

  fileprivate func cell(_ index: Int) -> UnsafeRawBufferPointer {
    let span = spans[index]
    return UnsafeRawBufferPointer(start: bytes + span.lowerBound, count: span.count)
  }

  fileprivate func kind(_ index: Int) -> CellValueKind { kinds[index] }
}

/// One sheet row: valid only during the callback (its bytes belong to the source).
struct WorkbookRow: FixRowView {
  let number: Int
  fileprivate let source: WorkbookRowSource
  let count: Int

  var line: Int { number }
  var lineName: String { "row \(number) of sheet \"\(source.sheet)\"" }
  /// The output's line break: Excel's own CSV export writes CRLF.
  var lineBreak: LineBreak { .crlf }
  var cellCount: Int { count }
  func bytes(_ index: Int) -> UnsafeRawBufferPointer { source.cell(index) }
  /// As if the sheet were a well-formed CSV: quoted exactly when the value needs it, so that
  /// only real changes are counted.
  func isQuoted(_ index: Int) -> Bool { CSVWriter.needsQuotes(source.cell(index)) }
  func problem(_ index: Int) -> SourceCellProblem? {
    // A TAB is written quoted, where it is legal; other control characters stay a problem.
    for byte in source.cell(index) where byte < 0x20 && byte != 0x0A && byte != 0x0D && byte != 0x09 || byte == 0x7F {
      return .controlCharacter
    }
    return nil
  }
  func hasNonASCII(_ index: Int) -> Bool { false }
  func valueKind(_ index: Int) -> CellValueKind { source.kind(index) }
  func cellName(_ index: Int) -> String? { XLSXCellReference.name(column: index, row: number) }
}
