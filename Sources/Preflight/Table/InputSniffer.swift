/// What the first bytes of a catalogue say about its encoding or format.
enum InputKind: Equatable {
  case utf8(bom: Bool)
  case utf16(bigEndian: Bool, bom: Bool)
  case utf32(bigEndian: Bool)
  /// Not text at all: a spreadsheet, an archive, a PDF…
  case binary(format: String, advice: String)
}

enum InputSniffer {
  static func kind(of prefix: [UInt8]) -> InputKind {
    func starts(with magic: [UInt8]) -> Bool { prefix.count >= magic.count && Array(prefix[0..<magic.count]) == magic }
    if starts(with: [0x00, 0x00, 0xFE, 0xFF]) { return .utf32(bigEndian: true) }
    if starts(with: [0xFF, 0xFE, 0x00, 0x00]) { return .utf32(bigEndian: false) }
    if starts(with: [0xEF, 0xBB, 0xBF]) { return .utf8(bom: true) }
    if starts(with: [0xFF, 0xFE]) { return .utf16(bigEndian: false, bom: true) }
    if starts(with: [0xFE, 0xFF]) { return .utf16(bigEndian: true, bom: true) }
    let saveAsCSV = "open it in Excel or LibreOffice and save it as \"CSV UTF-8 (comma delimited)\""
    if starts(with: [0x50, 0x4B, 0x03, 0x04]) || starts(with: [0x50, 0x4B, 0x05, 0x06]) {
      return .binary(format: "a ZIP container (an Excel .xlsx workbook or a ZIP archive)", advice: saveAsCSV)
    }
    if starts(with: [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
      return .binary(format: "a legacy Excel .xls workbook", advice: saveAsCSV)
    }
    if starts(with: Array("%PDF".utf8)) { return .binary(format: "a PDF document", advice: "export the table as CSV UTF-8") }
    if starts(with: [0x1F, 0x8B]) { return .binary(format: "a gzip archive", advice: "decompress it first") }
    if starts(with: Array("Rar!".utf8)) { return .binary(format: "a RAR archive", advice: "extract the CSV first") }
    if starts(with: [0x37, 0x7A, 0xBC, 0xAF, 0x27, 0x1C]) { return .binary(format: "a 7z archive", advice: "extract the CSV first") }
    if let utf16 = utf16WithoutBOM(prefix) { return .utf16(bigEndian: utf16, bom: false) }
    return .utf8(bom: false)
  }

  /// UTF-16 without a byte-order mark shows as NUL bytes at every other position.
  /// Returns true for big-endian, false for little-endian, nil when it is not UTF-16.
  private static func utf16WithoutBOM(_ prefix: [UInt8]) -> Bool? {
    let sample = prefix.prefix(1024)
    guard sample.count >= 4 else { return nil }
    var evenZeros = 0
    var oddZeros = 0
    for (index, byte) in sample.enumerated() where byte == 0 {
      if index % 2 == 0 { evenZeros += 1 } else { oddZeros += 1 }
    }
    let half = sample.count / 2
    if oddZeros * 10 >= half * 7 && evenZeros * 10 <= half { return false }
    if evenZeros * 10 >= half * 7 && oddZeros * 10 <= half { return true }
    return nil
  }
}

/// Names the single-byte encoding a non-UTF-8 export most likely used.
enum LegacyEncodingGuess {
  /// Cyrillic text in Windows-1251 is words of high bytes; Western text in Windows-1252 has
  /// lone accented letters between ASCII ones.
  /// Valid UTF-8 sequences in the sample are skipped: only the bytes that are not UTF-8 vote.
  static func guess(_ bytes: UnsafeRawBufferPointer) -> String {
    var high = 0
    var highNextToHigh = 0
    var previousHigh = false
    var index = 0
    while index < bytes.count {
      if bytes[index] >= 0x80, let length = UTF8Validation.sequenceLength(in: bytes, at: index), length > 1 {
        previousHigh = false
        index += length
        continue
      }
      let isHigh = bytes[index] >= 0x80
      if isHigh {
        high += 1
        if previousHigh { highNextToHigh += 2 }
      }
      previousHigh = isHigh
      index += 1
    }
    if high >= 2 && highNextToHigh * 2 > high {
      return "Windows-1251 (Cyrillic)"
    }
    return "Windows-1252 (Western European)"
  }
}
