/// Where the writer's bytes go: the temporary output file, or nowhere for `--dry-run`.
protocol ByteSink: AnyObject {
  func write(_ bytes: UnsafeRawBufferPointer) throws
}

/// Counts and drops: `--dry-run` runs the same code as a real fix.
final class DiscardingSink: ByteSink {
  private(set) var byteCount = 0
  func write(_ bytes: UnsafeRawBufferPointer) throws { byteCount += bytes.count }
}

/// RFC 4180 output: comma delimiter, a field quoted only when it holds a comma, a quote, CR or
/// LF (quotes doubled inside), no byte-order mark. Every record ends with the same line break:
/// the input's own when it is CRLF or LF (so a clean file comes out byte-identical), else LF.
final class CSVWriter {
  private let sink: ByteSink
  private var buffer: [UInt8] = []
  private let flushAt: Int
  private var cellsInRecord = 0
  var lineBreak: [UInt8] = [0x0A]

  init(sink: ByteSink, bufferSize: Int = 256 << 10) {
    self.sink = sink
    flushAt = max(64, bufferSize)
    buffer.reserveCapacity(flushAt + 1024)
  }

  /// True when RFC 4180 requires quotes around the value, or a TAB is in it (rules.md: a TAB is
  /// a control character only outside quotes).
  static func needsQuotes(_ bytes: UnsafeRawBufferPointer) -> Bool {
    for byte in bytes where byte == 0x2C || byte == 0x22 || byte == 0x0A || byte == 0x0D || byte == 0x09 { return true }
    return false
  }

  func writeCell(_ bytes: UnsafeRawBufferPointer) throws {
    if cellsInRecord > 0 { buffer.append(0x2C) }
    cellsInRecord += 1
    if Self.needsQuotes(bytes) {
      buffer.append(0x22)
      for byte in bytes {
        buffer.append(byte)
        if byte == 0x22 { buffer.append(0x22) }
      }
      buffer.append(0x22)
    } else {
      buffer.append(contentsOf: bytes)
    }
    if buffer.count >= flushAt { try flush() }
  }

  func writeCell(_ text: String) throws {
    var text = text
    try text.withUTF8 { bytes throws in try writeCell(UnsafeRawBufferPointer(bytes)) }
  }

  func endRecord() throws {
    buffer.append(contentsOf: lineBreak)
    cellsInRecord = 0
    if buffer.count >= flushAt { try flush() }
  }

  func flush() throws {
    guard !buffer.isEmpty else { return }
    try buffer.withUnsafeBytes { bytes throws in try sink.write(bytes) }
    buffer.removeAll(keepingCapacity: true)
  }
}
