/// How the decoded text separates its columns: an Excel `sep=` first line, or the delimiter
/// under which the header reads as the most known column names.
struct Dialect: Equatable {
  var delimiter: UInt8
  /// The `sep=` line as written (it is dropped from the output), if the file starts with one.
  var sepLine: String?
  /// How the delimiter was chosen, for the summary.
  var reason: String
}

enum DialectDetector {
  /// The delimiters Excel and LibreOffice write, in order of preference on a tie.
  static let candidates: [UInt8] = [0x2C, 0x3B, 0x09, 0x7C]

  /// `sample` is the first bytes of the decoded text (UTF-8, no byte-order mark); `knownNames`
  /// the column names (folded: lower case, trimmed) of the product types in question.
  static func detect(sample: [UInt8], knownNames: Set<String>, forced: UInt8?) -> Dialect {
    var headerStart = 0
    var sepLine: String?
    var sepDelimiter: UInt8?
    if let directive = sepDirective(sample) {
      sepLine = String(decoding: sample[0..<directive.length], as: UTF8.self)
      sepDelimiter = directive.delimiter
      headerStart = directive.length + directive.lineBreak
    }
    if let forced {
      return Dialect(delimiter: forced, sepLine: sepLine, reason: "given with --delimiter")
    }
    if let sepDelimiter {
      return Dialect(delimiter: sepDelimiter, sepLine: sepLine, reason: "named by the file's first line \"\(sepLine ?? "")\"")
    }
    let header = Array(sample[headerStart...])
    var best: (delimiter: UInt8, known: Int, cells: Int)?
    for candidate in candidates {
      let cells = firstRecord(header, delimiter: candidate)
      let known = cells.filter { knownNames.contains(HeaderMapping.fold($0)) }.count
      if best == nil || known > best!.known || (known == best!.known && best!.known == 0 && cells.count > best!.cells) {
        best = (candidate, known, cells.count)
      }
    }
    let chosen = best!
    let reason =
      chosen.known > 0
      ? "the header reads as \(chosen.known) known column name\(chosen.known == 1 ? "" : "s") with it"
      : "the header splits into the most columns with it"
    return Dialect(delimiter: chosen.cells > 1 ? chosen.delimiter : 0x2C, sepLine: sepLine, reason: reason)
  }

  /// `sep=X` (any case) alone on the first line, as Excel writes it: its length, the length of
  /// its line break and the delimiter it names (nil for a bare `sep=`).
  static func sepDirective(_ sample: [UInt8]) -> (length: Int, lineBreak: Int, delimiter: UInt8?)? {
    guard sample.count >= 4 else { return nil }
    let prefix = sample[0..<4].map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
    guard prefix == Array("sep=".utf8) else { return nil }
    var length = 4
    var delimiter: UInt8?
    if length < sample.count, sample[length] != 0x0A && sample[length] != 0x0D {
      let byte = sample[length]
      guard byte < 0x80 && byte != 0x22 else { return nil }
      delimiter = byte
      length += 1
    }
    if length == sample.count { return (length, 0, delimiter) }
    switch sample[length] {
    case 0x0A: return (length, 1, delimiter)
    case 0x0D: return (length, length + 1 < sample.count && sample[length + 1] == 0x0A ? 2 : 1, delimiter)
    default: return nil
    }
  }

  /// The first record's cells under a delimiter, read by the tokenizer itself.
  static func firstRecord(_ bytes: [UInt8], delimiter: UInt8) -> [String] {
    let source = MemoryByteReader(bytes)
    let tokenizer = CSVTokenizer(
      reader: { buffer, count throws(InputReadError) in source.read(into: buffer, count: count) }, delimiter: delimiter,
      chunkSize: 64 << 10)
    var cells: [String] = []
    try? tokenizer.forEachRecord { record in
      cells = (0..<record.cells.count).map { ByteText.string(record.bytes($0)) }
      return false
    }
    return cells
  }
}

/// Bytes in memory as a `ByteReader`.
final class MemoryByteReader {
  private let bytes: [UInt8]
  private var position = 0

  init(_ bytes: [UInt8]) { self.bytes = bytes }

  func read(into buffer: UnsafeMutableRawPointer, count: Int) -> Int {
    let available = min(count, bytes.count - position)
    guard available > 0 else { return 0 }
    bytes.withUnsafeBytes { buffer.copyMemory(from: $0.baseAddress! + position, byteCount: available) }
    position += available
    return available
  }
}
