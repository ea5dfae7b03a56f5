import Foundation
import XLSXKit

/// A worksheet read as the records of the CSV that Excel would export from it, so that every
/// validating_csv check runs unchanged on Excel catalogues (a second row source, not a second
/// validator). Record i holds Excel's columns A, B, … as cells 0, 1, …; `line` is the row
/// number Excel shows; a row Excel does not store (empty) is a blank record, as in the export.
final class XLSXRecords {
  private let workbook: XLSXWorkbook
  let sheet: String
  private var bytes: UnsafeMutableRawPointer
  private var byteCapacity = 1 << 16
  /// Cell spans, all empty except those of the record last handed out (listed in `stored`):
  /// a record costs its stored cells, not the header's width, which a sheet can make 16,384
  /// columns with one value while its rows hold one each.
  private var spans: UnsafeMutablePointer<CellSpan>
  private var spanCapacity = 256
  /// Indices of the cells the last record wrote, ascending: its `storedCells`, cleared before the next.
  private var stored: UnsafeMutablePointer<Int>
  private var storedCount = 0
  /// Cells of the header record: data cells past it are kept only as a count (ragged-row).
  private var headerWidth: Int?

  private static let emptySpan = CellSpan(start: 0, end: 0, flags: [], problemOffset: -1)

  init(path: String, sheet: String?) throws(XLSXError) {
    workbook = try XLSXWorkbook(path: path)
    self.sheet = try WorkbookSheet.choose(sheet, in: workbook)
    bytes = .allocate(byteCount: byteCapacity, alignment: 8)
    spans = .allocate(capacity: spanCapacity)
    spans.initialize(repeating: Self.emptySpan, count: spanCapacity)
    stored = .allocate(capacity: spanCapacity)
  }

  deinit {
    bytes.deallocate()
    spans.deallocate()
    stored.deallocate()
  }

  /// Hands out one record per Excel row from row 1 to the last stored row.
  func forEachRecord(_ body: (inout CSVRecord) throws -> Bool) throws {
    var nextLine = 1
    var number = 0
    try workbook.forEachRow(sheet: sheet) { row in
      while nextLine < row.number {
        var blank = record(number: number, line: nextLine, cells: [])
        number += 1
        nextLine += 1
        if try !body(&blank) { return false }
      }
      var filled = record(number: number, line: row.number, cells: row.cells)
      number += 1
      nextLine = row.number + 1
      return try body(&filled)
    }
  }

  private func record(number: Int, line: Int, cells: [XLSXCell]) -> CSVRecord {
    for index in 0..<storedCount { spans[stored[index]] = Self.emptySpan }
    storedCount = 0
    let width = (cells.last?.column ?? -1) + 1
    let kept: Int
    if let headerWidth {
      // A blank row still has the header's width in the export (",,,,").
      kept = min(max(width, headerWidth), headerWidth + 1)
    } else {
      kept = max(width, 1)
      headerWidth = width
    }
    ensureSpans(kept)
    var used = 0
    var problems = false
    for cell in cells where cell.column < kept {
      var text: String
      var flags: CellFlags = []
      switch cell.value {
      case .text(let value): text = value
      // A percentage reads as Excel's export writes it ("50%"): a number field then says so.
      case .number(let value), .percent(let value): text = value
      case .boolean(let value): text = value ? "TRUE" : "FALSE"
      case .date(let value):
        text = value
        flags.insert(.excelDate)
      case .error(let value):
        text = value
        flags.insert(.excelError)
      }
      let start = used
      var problem = -1
      text.withUTF8 { utf8 in
        ensureBytes(used + utf8.count)
        for byte in utf8 {
          // Line breaks and TABs are legal in a quoted CSV value, which is how the cell is exported.
          if problem < 0 && (byte < 0x20 && byte != 0x0A && byte != 0x0D && byte != 0x09 || byte == 0x7F) { problem = used }
          if byte >= 0x80 { flags.insert(.nonASCII) }
          bytes.storeBytes(of: byte, toByteOffset: used, as: UInt8.self)
          used += 1
        }
      }
      if problem >= 0 {
        flags.insert(.controlCharacter)
        problems = true
      }
      if flags.contains(.excelError) {
        // Reported with the structure findings, which visit only cells with a problem offset.
        if problem < 0 { problem = start }
        problems = true
      }
      spans[cell.column] = CellSpan(start: start, end: used, flags: flags, problemOffset: problem)
      stored[storedCount] = cell.column
      storedCount += 1
    }
    var record = CSVRecord(
      number: number, line: line, byteOffset: 0, cells: UnsafeBufferPointer(start: spans, count: kept),
      base: UnsafeRawPointer(bytes), start: 0, end: used, oversized: false)
    record.hasCellProblems = problems
    record.cellCount = max(width, kept)
    record.storedCells = UnsafeBufferPointer(start: stored, count: storedCount)
    return record
  }

  /// Grows the span and index buffers (all spans empty: called between records).
  private func ensureSpans(_ count: Int) {
    guard count > spanCapacity else { return }
    spans.deallocate()
    stored.deallocate()
    spanCapacity = max(count, spanCapacity * 2)
    spans = .allocate(capacity: spanCapacity)
    spans.initialize(repeating: Self.emptySpan, count: spanCapacity)
    stored = .allocate(capacity: spanCapacity)
  }

  private func ensureBytes(_ count: Int) {
    guard count > byteCapacity else { return }
    let grown = UnsafeMutableRawPointer.allocate(byteCount: max(count, byteCapacity * 2), alignment: 8)
    grown.copyMemory(from: bytes, byteCount: byteCapacity)
    bytes.deallocate()
    bytes = grown
    byteCapacity = max(count, byteCapacity * 2)
  }
}
