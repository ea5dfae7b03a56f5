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
  private var spans: UnsafeMutablePointer<CellSpan>
  private var spanCapacity = 256
  /// Cells of the header record: data cells past it are kept only as a count (ragged-row).
  private var headerWidth: Int?

  init(path: String, sheet: String?) throws(XLSXError) {
    workbook = try XLSXWorkbook(path: path)
    self.sheet = try WorkbookSheet.choose(sheet, in: workbook)
    bytes = .allocate(byteCount: byteCapacity, alignment: 8)
    spans = .allocate(capacity: spanCapacity)
  }

  deinit {
    bytes.deallocate()
    spans.deallocate()
  }

  /// Hands out one record per Excel row from row 1 to the last stored row.
  func forEachRecord(_ body: (inout CSVRecord) throws -> Bool) throws {
    var nextLine = 1
    var number = 0
    var stopped = false
    try workbook.forEachRow(sheet: sheet) { row in
      while nextLine < row.number {
        var blank = record(number: number, line: nextLine, cells: [])
        number += 1
        nextLine += 1
        if try !body(&blank) {
          stopped = true
          return false
        }
      }
      var filled = record(number: number, line: row.number, cells: row.cells)
      number += 1
      nextLine = row.number + 1
      if try !body(&filled) {
        stopped = true
        return false
      }
      return true
    }
    _ = stopped
  }

  private func record(number: Int, line: Int, cells: [XLSXCell]) -> CSVRecord {
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
    var next = 0
    for cell in cells where cell.column < kept {
      while next < cell.column {
        spans[next] = CellSpan(start: used, end: used, flags: [], problemOffset: -1)
        next += 1
      }
      var text: String
      var flags: CellFlags = []
      switch cell.value {
      case .text(let value): text = value
      case .number(let value): text = value
      case .boolean(let value): text = value ? "TRUE" : "FALSE"
      case .date(let value):
        text = value
        flags.insert(.excelDate)
      case .error(let value): text = value
      }
      let start = used
      var problem = -1
      text.withUTF8 { utf8 in
        ensureBytes(used + utf8.count)
        for byte in utf8 {
          if problem < 0 && (byte < 0x20 && byte != 0x0A && byte != 0x0D || byte == 0x7F) { problem = used }
          if byte >= 0x80 { flags.insert(.nonASCII) }
          bytes.storeBytes(of: byte, toByteOffset: used, as: UInt8.self)
          used += 1
        }
      }
      if problem >= 0 {
        flags.insert(.controlCharacter)
        problems = true
      }
      spans[next] = CellSpan(start: start, end: used, flags: flags, problemOffset: problem)
      next += 1
    }
    while next < kept {
      spans[next] = CellSpan(start: used, end: used, flags: [], problemOffset: -1)
      next += 1
    }
    var record = CSVRecord(
      number: number, line: line, byteOffset: 0, cells: UnsafeBufferPointer(start: spans, count: kept),
      base: UnsafeRawPointer(bytes), start: 0, end: used, oversized: false)
    record.hasCellProblems = problems
    record.cellCount = max(width, kept)
    return record
  }

  private func ensureSpans(_ count: Int) {
    guard count > spanCapacity else { return }
    spans.deallocate()
    spanCapacity = max(count, spanCapacity * 2)
    spans = .allocate(capacity: spanCapacity)
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
