/// One cell's place in the tokenizer's buffer, plus what the tokenizer noticed about it.
struct CellSpan {
  var start: Int
  var end: Int
  var flags: CellFlags
  /// Offset (in the buffer) of the first control byte or stray quote, when flagged.
  var problemOffset: Int
}

struct CellFlags: OptionSet {
  let rawValue: UInt16
  static let quoted = CellFlags(rawValue: 1)
  static let doubledQuotes = CellFlags(rawValue: 2)
  static let nonASCII = CellFlags(rawValue: 4)
  static let controlCharacter = CellFlags(rawValue: 8)
  /// A quote inside an unquoted cell.
  static let strayQuote = CellFlags(rawValue: 16)
  /// Text after the closing quote of a quoted cell.
  static let textAfterQuote = CellFlags(rawValue: 64)
  /// The file ended inside a quoted cell.
  static let unclosedQuote = CellFlags(rawValue: 32)
  /// An Excel cell with a date or time format: a number field holding it was mangled by Excel.
  static let excelDate = CellFlags(rawValue: 128)
  /// An Excel cell holding a formula error (#N/A, #REF!…): the export writes the code as the value.
  static let excelError = CellFlags(rawValue: 256)
}

/// The bytes that end a record.
enum LineBreak: UInt8 {
  case none, lf, cr, crlf
}

/// A record as the tokenizer hands it out: valid only during the callback.
struct CSVRecord {
  /// Record number: 0 is the header, 1 the first data record.
  var number: Int
  /// Physical line where the record starts (1-based).
  var line: Int
  /// Byte offset of the record in the file.
  var byteOffset: Int
  var cells: UnsafeBufferPointer<CellSpan>
  /// The record's bytes in the buffer, from its first byte to its last cell's end.
  var base: UnsafeRawPointer
  var start: Int
  var end: Int
  /// The record was longer than the tokenizer keeps; it has no cells.
  var oversized: Bool
  /// An oversized record ran to the end of the file inside a quoted value.
  var endsInsideQuotes = false
  /// The first byte that is not valid UTF-8, if any.
  var invalidUTF8: InvalidByte?
  /// Some cell has a control character, a stray quote or an unclosed quote.
  var hasCellProblems = false
  /// Cells in the record, including any past the tokenizer's limit that `cells` does not hold.
  var cellCount = 0
  /// How the record's line ended (`none`: the file ended without a line break).
  var lineBreak = LineBreak.none
  /// The only cells that can hold a value or a problem, in ascending order, when the source knows
  /// them (a sheet row stores its values only): scans of the record visit these instead of every
  /// cell, so that a sheet a few columns wide in data but thousands in its header costs its
  /// values, not its width. Nil: every cell.
  var storedCells: UnsafeBufferPointer<Int>?

  struct InvalidByte {
    var cell: Int
    /// Physical line of the byte, and its character position on that line (1-based).
    var line: Int
    var character: Int
    var fileOffset: Int
    var byte: UInt8
  }

  var isBlankLine: Bool {
    cells.count == 1 && cells[0].start == cells[0].end && !cells[0].flags.contains(.quoted)
  }

  func bytes(_ index: Int) -> UnsafeRawBufferPointer {
    let span = cells[index]
    return UnsafeRawBufferPointer(start: base + span.start, count: span.end - span.start)
  }

  /// Physical line of a byte inside the record.
  func line(ofOffset offset: Int) -> Int {
    var line = self.line
    var position = start
    let limit = min(offset, end)
    while position < limit {
      let byte = base.load(fromByteOffset: position, as: UInt8.self)
      if byte == 0x0A {
        line += 1
      } else if byte == 0x0D {
        let next = position + 1 < end ? base.load(fromByteOffset: position + 1, as: UInt8.self) : 0
        if next != 0x0A { line += 1 }
      }
      position += 1
    }
    return line
  }

  /// 1-based character position of a byte on its physical line (a byte that is not UTF-8 counts as one).
  func character(ofOffset offset: Int) -> Int {
    var lineStart = offset
    while lineStart > start {
      let byte = base.load(fromByteOffset: lineStart - 1, as: UInt8.self)
      if byte == 0x0A || byte == 0x0D { break }
      lineStart -= 1
    }
    var count = 1
    for position in lineStart..<offset where base.load(fromByteOffset: position, as: UInt8.self) & 0xC0 != 0x80 {
      count += 1
    }
    return count
  }

  func cellIndex(in spans: UnsafeMutableBufferPointer<CellSpan>, containing offset: Int) -> Int {
    for (index, span) in spans.enumerated() where offset <= span.end { return index }
    return max(0, spans.count - 1)
  }
}
