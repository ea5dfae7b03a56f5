#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A failure to read the file itself (not a problem in its content).
public struct InputReadError: Error, Sendable {
  public var message: String
}

/// Fills a buffer with up to `count` bytes and returns how many it wrote; 0 means the end.
typealias ByteReader = (_ buffer: UnsafeMutableRawPointer, _ count: Int) throws(InputReadError) -> Int

/// Streaming RFC 4180 tokenizer over a file descriptor (or any `ByteReader`), on bytes.
///
/// Memory is one buffer that grows to the longest record, never past `maxRecordBytes`: a longer
/// record is scanned through and handed out as `oversized` without its cells.
final class CSVTokenizer {
  private enum Step {
    case complete(end: Int, next: Int, newlines: Int)
    case needMore
  }

  let delimiter: UInt8
  let maxRecordBytes: Int
  private let source: ByteReader
  private let table: [UInt8]
  private var buffer: UnsafeMutableRawPointer
  private var capacity: Int
  private var dataStart = 0
  private var dataEnd = 0
  private var atEOF = false
  /// File offset of buffer[0].
  private var bufferFileOffset = 0
  /// The current record's cells; grown by doubling, reused for every record.
  private var cells: UnsafeMutablePointer<CellSpan>
  private var cellCapacity = 64
  private var cellCount = 0
  /// Cells past `maxCells`: counted, not kept.
  private var droppedCells = 0
  /// A template has a few dozen columns; a record with more than this keeps only the first ones.
  let maxCells: Int
  /// The delimiter repeated in every byte, for the eight-bytes-at-a-time scan.
  private let delimiterWord: UInt64
  private(set) var nextLine = 1
  private(set) var recordCount = 0
  private(set) var bytesRead = 0
  /// The buffer's current size: it grows only to the longest record.
  var bufferCapacity: Int { capacity }

  convenience init(
    fileDescriptor: Int32, delimiter: UInt8 = 0x2C, chunkSize: Int = 1 << 20, maxRecordBytes: Int = 16 << 20,
    maxCells: Int = 20_000
  ) {
    let reader: ByteReader = { buffer, count throws(InputReadError) in
      while true {
        let got = read(fileDescriptor, buffer, count)
        if got >= 0 { return got }
        if errno == EINTR { continue }
        throw InputReadError(message: String(cString: strerror(errno)))
      }
    }
    self.init(reader: reader, delimiter: delimiter, chunkSize: chunkSize, maxRecordBytes: maxRecordBytes, maxCells: maxCells)
  }

  /// Reads through `reader`: `fix` hands in a decoder that turns UTF-16 or a legacy code page into UTF-8.
  init(
    reader: @escaping ByteReader, delimiter: UInt8 = 0x2C, chunkSize: Int = 1 << 20, maxRecordBytes: Int = 16 << 20,
    maxCells: Int = 20_000
  ) {
    self.maxCells = max(1, maxCells)
    self.source = reader
    self.delimiter = delimiter
    self.capacity = max(chunkSize, 64)
    self.maxRecordBytes = max(maxRecordBytes, self.capacity)
    self.table = ByteClass.table(delimiter: delimiter)
    self.buffer = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: 16)
    self.cells = UnsafeMutablePointer<CellSpan>.allocate(capacity: cellCapacity)
    self.delimiterWord = UInt64(delimiter) &* 0x0101_0101_0101_0101
  }

  deinit {
    buffer.deallocate()
    cells.deallocate()
  }

  @inline(__always)
  private func appendCell(_ span: CellSpan) {
    if cellCount == maxCells {
      droppedCells += 1
      return
    }
    if cellCount == cellCapacity {
      let larger = UnsafeMutablePointer<CellSpan>.allocate(capacity: cellCapacity * 2)
      larger.moveInitialize(from: cells, count: cellCount)
      cells.deallocate()
      cells = larger
      cellCapacity *= 2
    }
    (cells + cellCount).initialize(to: span)
    cellCount += 1
  }

  private var cellSpans: UnsafeMutableBufferPointer<CellSpan> {
    UnsafeMutableBufferPointer(start: cells, count: cellCount)
  }

  #if _endian(little)
    private let isLittleEndian = true
  #else
    private let isLittleEndian = false
  #endif

  /// Bytes that end the fast scan of an unquoted cell: the delimiter, a quote, any byte below
  /// 0x20 (line breaks, controls) or above 0x7F. Returns a word with the high bit set in each
  /// such byte's lane (lanes above the first may be false alarms; the first is exact).
  @inline(__always)
  private func specialLanes(_ word: UInt64) -> UInt64 {
    let ones: UInt64 = 0x0101_0101_0101_0101
    let highs: UInt64 = 0x8080_8080_8080_8080
    let below32 = (word &- 0x2020_2020_2020_2020) & ~word
    let delimiter = word ^ delimiterWord
    let quote = word ^ 0x2222_2222_2222_2222
    let isDelimiter = (delimiter &- ones) & ~delimiter
    let isQuote = (quote &- ones) & ~quote
    return (word | below32 | isDelimiter | isQuote) & highs
  }

  /// The first bytes of the file (up to `count`), without consuming them.
  func peek(_ count: Int) throws(InputReadError) -> [UInt8] {
    while dataEnd - dataStart < count && !atEOF { try refill() }
    let available = min(count, dataEnd - dataStart)
    return [UInt8](UnsafeRawBufferPointer(start: buffer + dataStart, count: available))
  }

  /// Skips bytes already peeked (a byte-order mark) without counting them as a line.
  func skip(_ count: Int) {
    dataStart = min(dataEnd, dataStart + count)
  }

  /// Hands every record to `body` in file order; `body` returns false to stop early.
  func forEachRecord(_ body: (inout CSVRecord) throws -> Bool) throws {
    while true {
      if dataStart >= dataEnd {
        if atEOF { return }
        try refill()
        continue
      }
      switch parseRecord(from: dataStart) {
      case .needMore:
        if atEOF {
          // parseRecord only asks for more before the end of the file.
          return
        }
        if dataStart == 0 && dataEnd == capacity {
          if capacity >= maxRecordBytes {
            var record = try skipOversizedRecord()
            recordCount += 1
            guard try body(&record) else { return }
            continue
          }
          grow()
        }
        try refill()
      case .complete(let end, let next, let newlines):
        let lineBreak = lineBreak(end: end, next: next)
        var record = finishRecord(end: end)
        record.lineBreak = lineBreak
        nextLine += newlines
        dataStart = next
        recordCount += 1
        record.cells = UnsafeBufferPointer(cellSpans)
        guard try body(&record) else { return }
      }
    }
  }

  // MARK: - Reading

  private func refill() throws(InputReadError) {
    if dataStart > 0 {
      let live = dataEnd - dataStart
      if live > 0 { (buffer).copyMemory(from: buffer + dataStart, byteCount: live) }
      bufferFileOffset += dataStart
      dataStart = 0
      dataEnd = live
    }
    guard dataEnd < capacity else { return }
    let count = try source(buffer + dataEnd, capacity - dataEnd)
    if count > 0 {
      dataEnd += count
      bytesRead += count
    } else {
      atEOF = true
    }
  }

  /// What ended the record: the bytes between its last cell and the next record.
  private func lineBreak(end: Int, next: Int) -> LineBreak {
    switch next - end {
    case 2: return .crlf
    case 1: return buffer.load(fromByteOffset: end, as: UInt8.self) == 0x0A ? .lf : .cr
    default: return .none
    }
  }

  private func grow() {
    let newCapacity = min(capacity * 2, maxRecordBytes)
    let newBuffer = UnsafeMutableRawPointer.allocate(byteCount: newCapacity, alignment: 16)
    newBuffer.copyMemory(from: buffer, byteCount: dataEnd)
    buffer.deallocate()
    buffer = newBuffer
    capacity = newCapacity
  }

  // MARK: - Records

  @inline(__always)
  private func parseRecord(from start: Int) -> Step {
    let bytes = buffer.assumingMemoryBound(to: UInt8.self)
    let end = dataEnd
    let eof = atEOF
    let delimiter = self.delimiter
    var position = start
    var newlines = 0
    cellCount = 0
    droppedCells = 0
    let raw = UnsafeRawPointer(buffer)
    return table.withUnsafeBufferPointer { table -> Step in
      while true {
        var span = CellSpan(start: position, end: position, flags: [], problemOffset: -1)
        if position < end && bytes[position] == 0x22 {
          span.flags.insert(.quoted)
          position += 1
          span.start = position
          var closed = false
          while !closed {
            guard position < end else {
              if !eof { return .needMore }
              span.flags.insert(.unclosedQuote)
              span.end = position
              appendCell(span)
              return .complete(end: position, next: position, newlines: newlines)
            }
            let byte = bytes[position]
            let kind = table[Int(byte)]
            if kind == ByteClass.ordinary || kind == ByteClass.delimiter {
              position += 1
              continue
            }
            switch kind {
            case ByteClass.quote:
              if position + 1 < end {
                if bytes[position + 1] == 0x22 {
                  span.flags.insert(.doubledQuotes)
                  position += 2
                } else {
                  span.end = position
                  position += 1
                  closed = true
                }
              } else if !eof {
                return .needMore
              } else {
                span.end = position
                position += 1
                closed = true
              }
            case ByteClass.lineFeed:
              newlines += 1
              position += 1
            case ByteClass.carriageReturn:
              if position + 1 < end {
                if bytes[position + 1] == 0x0A { position += 1 }
              } else if !eof {
                return .needMore
              }
              newlines += 1
              position += 1
            case ByteClass.control:
              if byte != 0x09 { span.mark(.controlCharacter, at: position) }
              position += 1
            default:
              span.flags.insert(.nonASCII)
              position += 1
            }
          }
          // After the closing quote only a delimiter or the end of the record may follow.
          while position < end {
            let kind = table[Int(bytes[position])]
            if kind == ByteClass.delimiter || kind == ByteClass.lineFeed || kind == ByteClass.carriageReturn {
              break
            }
            span.mark(.textAfterQuote, at: position)
            if kind == ByteClass.control { span.mark(.controlCharacter, at: position) }
            if kind == ByteClass.high { span.flags.insert(.nonASCII) }
            position += 1
            span.end = position
          }
          if position >= end && !eof { return .needMore }
        } else {
          // Skip ordinary bytes eight at a time; the byte loop below handles what stops it.
          // Lane order (first byte = lowest bits) assumes a little-endian machine.
          while isLittleEndian && position &+ 8 <= end {
            let lanes = specialLanes(raw.loadUnaligned(fromByteOffset: position, as: UInt64.self))
            if lanes != 0 {
              position &+= lanes.trailingZeroBitCount >> 3
              break
            }
            position &+= 8
          }
          while position < end {
            let kind = table[Int(bytes[position])]
            if kind == ByteClass.ordinary {
              position += 1
              continue
            }
            if kind == ByteClass.delimiter || kind == ByteClass.lineFeed || kind == ByteClass.carriageReturn {
              break
            }
            switch kind {
            case ByteClass.quote: span.mark(.strayQuote, at: position)
            case ByteClass.control: span.mark(.controlCharacter, at: position)
            default: span.flags.insert(.nonASCII)
            }
            position += 1
          }
          if position >= end && !eof { return .needMore }
          span.end = position
        }
        appendCell(span)
        guard position < end else {
          return .complete(end: position, next: position, newlines: newlines)
        }
        let byte = bytes[position]
        if byte == delimiter {
          position += 1
          continue
        }
        if byte == 0x0A {
          return .complete(end: position, next: position + 1, newlines: newlines + 1)
        }
        // Carriage return: CRLF, or a lone CR ending the line as old Mac exports do.
        if position + 1 < end {
          let next = bytes[position + 1] == 0x0A ? position + 2 : position + 1
          return .complete(end: position, next: next, newlines: newlines + 1)
        }
        if !eof { return .needMore }
        return .complete(end: position, next: position + 1, newlines: newlines + 1)
      }
    }
  }

  /// Validates the record's encoding, notes whether any cell has a problem, removes doubled quotes.
  private func finishRecord(end: Int) -> CSVRecord {
    let start = dataStart
    var record = CSVRecord(
      number: recordCount, line: nextLine, byteOffset: bufferFileOffset + start,
      cells: UnsafeBufferPointer(start: nil, count: 0), base: UnsafeRawPointer(buffer),
      start: start, end: end, oversized: false)
    var anyNonASCII = false
    var anyProblem = false
    let cells = cellSpans
    for span in cells {
      if span.flags.contains(.nonASCII) { anyNonASCII = true }
      if span.problemOffset >= 0 || span.flags.contains(.unclosedQuote) { anyProblem = true }
    }
    record.hasCellProblems = anyProblem
    record.cellCount = cellCount + droppedCells
    if anyNonASCII,
      let bad = UTF8Validation.firstInvalidOffset(
        in: UnsafeRawBufferPointer(start: buffer + start, count: end - start))
    {
      let offset = start + bad
      record.invalidUTF8 = .init(
        cell: record.cellIndex(in: cells, containing: offset), line: record.line(ofOffset: offset),
        character: record.character(ofOffset: offset),
        fileOffset: bufferFileOffset + offset, byte: buffer.load(fromByteOffset: offset, as: UInt8.self))
    }
    let bytes = buffer.assumingMemoryBound(to: UInt8.self)
    for index in cells.indices where cells[index].flags.contains(.doubledQuotes) {
      var read = cells[index].start
      var write = read
      let stop = cells[index].end
      while read < stop {
        let byte = bytes[read]
        bytes[write] = byte
        write += 1
        read += byte == 0x22 && read + 1 < stop && bytes[read + 1] == 0x22 ? 2 : 1
      }
      cells[index].end = write
    }
    return record
  }

  /// Scans past a record longer than `maxRecordBytes`, keeping nothing but its line count.
  private func skipOversizedRecord() throws -> CSVRecord {
    let line = nextLine
    let offset = bufferFileOffset + dataStart
    var inQuotes = false
    var pendingCR = false
    var newlines = 0
    let bytes = buffer.assumingMemoryBound(to: UInt8.self)
    while true {
      if dataStart >= dataEnd {
        if atEOF { break }
        try refill()
        continue
      }
      let byte = bytes[dataStart]
      if pendingCR {
        pendingCR = false
        if byte == 0x0A {
          dataStart += 1
          if !inQuotes { break }
          continue
        }
        if !inQuotes { break }
      }
      dataStart += 1
      if byte == 0x22 {
        inQuotes.toggle()
      } else if byte == 0x0A {
        newlines += 1
        if !inQuotes { break }
      } else if byte == 0x0D {
        newlines += 1
        pendingCR = true
      }
    }
    nextLine += newlines
    var record = CSVRecord(
      number: recordCount, line: line, byteOffset: offset,
      cells: UnsafeBufferPointer(start: nil, count: 0), base: UnsafeRawPointer(buffer),
      start: dataStart, end: dataStart, oversized: true)
    record.endsInsideQuotes = inQuotes
    return record
  }
}

extension CellSpan {
  fileprivate mutating func mark(_ flag: CellFlags, at offset: Int) {
    flags.insert(flag)
    if problemOffset < 0 { problemOffset = offset }
  }
}
