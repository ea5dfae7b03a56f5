#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// What one pass over a file without a byte-order mark says about its encoding: is every byte
/// UTF-8, and if not, which Windows code page the other bytes look like.
struct EncodingEvidence: Equatable {
  /// Bytes that are not part of a valid UTF-8 sequence.
  var invalidBytes = 0
  /// Valid UTF-8 sequences of two to four bytes.
  var multibyteSequences = 0
  var firstInvalidLine: Int?
  var firstInvalidByte: UInt8 = 0
  var firstMultibyteLine: Int?
  /// Bytes ≥ 0x80 standing alone between ASCII bytes, and bytes in runs of three or more.
  var singleHighBytes = 0
  var highBytesInLongRuns = 0
  /// Bytes that the code page defines no character for (so the file cannot be in it).
  var undefinedIn1252 = 0
  var undefinedIn1251 = 0
  var firstUndefinedIn1252: UInt8 = 0
  var firstUndefinedIn1251: UInt8 = 0

  enum Verdict: Equatable {
    case utf8
    case legacy(TextEncoding, reason: String)
    /// UTF-8 and another encoding in one file: no single reading keeps every value.
    case mixed(reason: String)
    /// Neither UTF-8 nor either code page.
    case unknown(reason: String)
  }

  var verdict: Verdict {
    guard invalidBytes > 0, let invalidLine = firstInvalidLine else { return .utf8 }
    let bytes = "\(invalidBytes) byte\(invalidBytes == 1 ? " is" : "s are") not UTF-8 (the first, 0x\(TextTranscoder.hex(firstInvalidByte)), at line \(invalidLine))"
    if multibyteSequences > 0, multibyteSequences * 10 >= invalidBytes, let multibyteLine = firstMultibyteLine {
      return .mixed(
        reason: "\(bytes), but \(multibyteSequences) other character\(multibyteSequences == 1 ? " is" : "s are") valid UTF-8 (the first at line \(multibyteLine)): the file mixes two encodings")
    }
    switch (undefinedIn1252 > 0, undefinedIn1251 > 0) {
    case (true, true):
      return .unknown(
        reason: "\(bytes), and neither Windows-1252 nor Windows-1251 defines bytes 0x\(TextTranscoder.hex(firstUndefinedIn1252)) and 0x\(TextTranscoder.hex(firstUndefinedIn1251))")
    case (true, false):
      return .legacy(
        .windows1251, reason: "\(bytes); byte 0x\(TextTranscoder.hex(firstUndefinedIn1252)) has no character in Windows-1252, so they are read as Windows-1251 (Cyrillic)")
    case (false, true):
      return .legacy(
        .windows1252, reason: "\(bytes); byte 0x\(TextTranscoder.hex(firstUndefinedIn1251)) has no character in Windows-1251, so they are read as Windows-1252 (Western European)")
    case (false, false):
      // Cyrillic words are runs of high bytes; Western text has single accented letters.
      if highBytesInLongRuns > 0 && highBytesInLongRuns >= singleHighBytes {
        return .legacy(
          .windows1251, reason: "\(bytes); they come in runs, as Cyrillic words do, so they are read as Windows-1251 (Cyrillic)")
      }
      return .legacy(
        .windows1252, reason: "\(bytes); they stand mostly alone between ASCII letters, as accented letters do, so they are read as Windows-1252 (Western European)")
    }
  }
}

/// Scans a whole file once, in chunks, for `EncodingEvidence`.
enum EncodingDetector {
  private static let undefined1252: Set<UInt8> = [0x81, 0x8D, 0x8F, 0x90, 0x9D]
  private static let undefined1251: Set<UInt8> = [0x98]

  static func scan(descriptor: Int32, chunkSize: Int = 1 << 20) throws -> EncodingEvidence {
    var evidence = EncodingEvidence()
    var scanner = Scanner()
    var chunk = [UInt8](repeating: 0, count: max(16, chunkSize))
    // Up to three bytes of a sequence cut by the chunk's end wait for the next chunk.
    var carried: [UInt8] = []
    while true {
      let got = try chunk.withUnsafeMutableBytes { bytes throws -> Int in
        while true {
          let count = read(descriptor, bytes.baseAddress!, bytes.count)
          if count >= 0 { return count }
          if errno == EINTR { continue }
          throw InputReadError(message: String(cString: strerror(errno)))
        }
      }
      let atEnd = got == 0
      var data = carried
      data.append(contentsOf: chunk[0..<got])
      carried = data.withUnsafeBytes { bytes in
        let consumed = scanner.scan(bytes, atEnd: atEnd, into: &evidence)
        return Array(bytes[consumed...])
      }
      if atEnd { break }
    }
    scanner.finishRun(into: &evidence)
    return evidence
  }

  /// The scan's state between chunks.
  private struct Scanner {
    var line = 1
    var run = 0

    /// Scans `bytes`; returns how many it consumed (all but a sequence cut by the end).
    mutating func scan(_ bytes: UnsafeRawBufferPointer, atEnd: Bool, into evidence: inout EncodingEvidence) -> Int {
      var index = 0
      let count = bytes.count
      while index < count {
        let byte = bytes[index]
        if byte < 0x80 {
          finishRun(into: &evidence)
          if byte == 0x0A { line += 1 }
          index += 1
          continue
        }
        if !atEnd && count - index < 4 && Self.mightBeCut(bytes, at: index) { return index }
        if let length = UTF8Validation.sequenceLength(in: bytes, at: index) {
          evidence.multibyteSequences += 1
          if evidence.firstMultibyteLine == nil { evidence.firstMultibyteLine = line }
          for offset in 0..<length { note(bytes[index + offset], into: &evidence) }
          index += length
          continue
        }
        evidence.invalidBytes += 1
        if evidence.firstInvalidLine == nil {
          evidence.firstInvalidLine = line
          evidence.firstInvalidByte = byte
        }
        note(byte, into: &evidence)
        index += 1
      }
      return count
    }

    private mutating func note(_ byte: UInt8, into evidence: inout EncodingEvidence) {
      run += 1
      if EncodingDetector.undefined1252.contains(byte) {
        if evidence.undefinedIn1252 == 0 { evidence.firstUndefinedIn1252 = byte }
        evidence.undefinedIn1252 += 1
      }
      if EncodingDetector.undefined1251.contains(byte) {
        if evidence.undefinedIn1251 == 0 { evidence.firstUndefinedIn1251 = byte }
        evidence.undefinedIn1251 += 1
      }
    }

    mutating func finishRun(into evidence: inout EncodingEvidence) {
      if run == 1 { evidence.singleHighBytes += 1 }
      if run >= 3 { evidence.highBytesInLongRuns += run }
      run = 0
    }

    /// A lead byte whose sequence would run past the end of the chunk.
    private static func mightBeCut(_ bytes: UnsafeRawBufferPointer, at index: Int) -> Bool {
      let lead = bytes[index]
      let length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1
      return index + length > bytes.count
    }
  }
}
