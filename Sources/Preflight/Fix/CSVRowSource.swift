#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A refusal found before any row: the file as a whole cannot be read one certain way.
struct FixRefusal: Error {
  var kind: FixKind
  var detail: String
}

/// A CSV export, whatever its encoding and delimiter, as rows of UTF-8 cells. Opening it works
/// out the encoding (byte-order mark, NUL pattern, or one pass over the whole file) and the
/// delimiter (an Excel `sep=` line, or the header); reading streams through the tokenizer.
final class CSVRowSource: FixRowSource {
  let encoding: TextEncoding
  /// Bytes of a byte-order mark at the start (dropped).
  let bomLength: Int
  let encodingNote: String?
  let dialect: Dialect
  private let descriptor: Int32
  private let chunkSize: Int
  private let progress: ((Int) -> Void)?
  /// The tokenizer's largest buffer, for tests that check memory stays bounded.
  private(set) var largestBuffer = 0

  init(
    descriptor: Int32, prefix: [UInt8], kind: InputKind, forcedEncoding: TextEncoding?, forcedDelimiter: UInt8?,
    knownNames: Set<String>, chunkSize: Int, progress: ((Int) -> Void)?
  ) throws {
    self.descriptor = descriptor
    self.chunkSize = chunkSize
    self.progress = progress
    (encoding, bomLength, encodingNote) = try Self.encoding(descriptor: descriptor, prefix: prefix, kind: kind, forced: forcedEncoding)
    let reader = DecodingReader(descriptor: descriptor, encoding: encoding, skip: bomLength)
    var sample = [UInt8](repeating: 0, count: 64 << 10)
    var filled = 0
    while filled < sample.count {
      let got = try sample.withUnsafeMutableBytes { bytes throws(InputReadError) in
        try reader.read(into: bytes.baseAddress! + filled, count: bytes.count - filled)
      }
      if got == 0 { break }
      filled += got
    }
    dialect = DialectDetector.detect(sample: Array(sample[0..<filled]), knownNames: knownNames, forced: forcedDelimiter)
  }

  private static func encoding(
    descriptor: Int32, prefix: [UInt8], kind: InputKind, forced: TextEncoding?
  ) throws -> (TextEncoding, Int, String?) {
    if let forced {
      let mark = forced.byteOrderMark
      let bom = !mark.isEmpty && prefix.starts(with: mark) ? mark.count : 0
      return (forced, bom, "read as \(forced.displayName), as --encoding says")
    }
    switch kind {
    case .utf8(bom: true):
      return (.utf8, 3, nil)
    case .utf16(let bigEndian, let bom):
      let encoding: TextEncoding = bigEndian ? .utf16BigEndian : .utf16LittleEndian
      let why = bom ? "its byte-order mark says so" : "every other byte is NUL, as in UTF-16 without a byte-order mark"
      return (encoding, bom ? 2 : 0, "read as \(encoding.displayName): \(why)")
    case .utf32:
      throw FixFailure(message: "the file is UTF-32, which fix does not read: save it as \"CSV UTF-8 (comma delimited)\"")
    case .binary(let format, let advice):
      throw FixFailure(message: "the file is \(format), not a CSV export: \(advice)")
    case .utf8(bom: false):
      _ = lseek(descriptor, 0, SEEK_SET)
      let evidence = try EncodingDetector.scan(descriptor: descriptor)
      switch evidence.verdict {
      case .utf8:
        return (.utf8, 0, nil)
      case .legacy(let encoding, let reason):
        let other: TextEncoding = encoding == .windows1252 ? .windows1251 : .windows1252
        return (encoding, 0, "\(reason); if the converted text looks wrong, run again with --encoding \(other.rawValue)")
      case .mixed(let reason):
        throw FixRefusal(
          kind: .mixedEncoding,
          detail: "\(reason); no single reading keeps every value: correct the file, or run again with --encoding NAME to read all of it one way")
      case .unknown(let reason):
        throw FixFailure(message: "cannot tell the file's encoding: \(reason); save it as \"CSV UTF-8 (comma delimited)\"")
      }
    }
  }

  func forEachRow(_ body: (CSVRow) throws -> Void) throws {
    let reader = DecodingReader(descriptor: descriptor, encoding: encoding, skip: bomLength)
    let tokenizer = CSVTokenizer(
      reader: { buffer, count throws(InputReadError) in try reader.read(into: buffer, count: count) },
      delimiter: dialect.delimiter, chunkSize: chunkSize)
    var lastProgress = 0
    let skipsFirst = dialect.sepLine != nil
    try tokenizer.forEachRecord { record in
      largestBuffer = max(largestBuffer, tokenizer.bufferCapacity)
      if skipsFirst && record.number == 0 { return true }
      if record.oversized {
        throw FixFailure(
          message: "line \(record.line): a record longer than \(tokenizer.maxRecordBytes >> 20) MiB, which no catalogue has (a quote that is never closed?)")
      }
      if let bad = record.invalidUTF8 {
        // Only a file read as UTF-8 on the user's word (or its byte-order mark's) gets here: a
        // detected or converted file is valid UTF-8 throughout.
        throw FixFailure(
          message: "line \(bad.line): byte 0x\(TextTranscoder.hex(bad.byte)) is not UTF-8, although the file is read as UTF-8 (\(bomLength > 0 ? "its byte-order mark says so" : "--encoding utf-8")); run again with --encoding NAME for the encoding it was saved in")
      }
      if record.cellCount > record.cells.count {
        throw FixFailure(message: "line \(record.line): more than \(tokenizer.maxCells) cells in one record, which no catalogue has")
      }
      try body(CSVRow(record: record))
      if let progress, reader.bytesRead - lastProgress >= 4 << 20 {
        lastProgress = reader.bytesRead
        progress(reader.bytesRead)
      }
      return true
    }
  }
}
