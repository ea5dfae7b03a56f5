/// Strict UTF-8 validation on bytes (no overlongs, no surrogates, nothing above U+10FFFF).
enum UTF8Validation {
  /// Offset of the first byte that does not start a valid sequence, or nil when all is valid.
  static func firstInvalidOffset(in bytes: UnsafeRawBufferPointer) -> Int? {
    var index = 0
    while index < bytes.count {
      guard let length = sequenceLength(in: bytes, at: index) else { return index }
      index += length
    }
    return nil
  }

  /// Length of the valid UTF-8 sequence starting at `index`, or nil when none starts there.
  static func sequenceLength(in bytes: UnsafeRawBufferPointer, at index: Int) -> Int? {
    let count = bytes.count
    do {
      let lead = bytes[index]
      if lead < 0x80 { return 1 }
      let length: Int
      var lower: UInt8 = 0x80
      var upper: UInt8 = 0xBF
      switch lead {
      case 0xC2...0xDF: length = 2
      case 0xE0: length = 3; lower = 0xA0
      case 0xE1...0xEC, 0xEE, 0xEF: length = 3
      case 0xED: length = 3; upper = 0x9F
      case 0xF0: length = 4; lower = 0x90
      case 0xF1...0xF3: length = 4
      case 0xF4: length = 4; upper = 0x8F
      default: return nil
      }
      guard index + length <= count else { return nil }
      let second = bytes[index + 1]
      guard second >= lower && second <= upper else { return nil }
      var next = index + 2
      while next < index + length {
        guard bytes[next] & 0xC0 == 0x80 else { return nil }
        next += 1
      }
      return length
    }
  }

  /// Number of Unicode scalars in valid UTF-8: every byte that is not a continuation byte.
  static func scalarCount(_ bytes: UnsafeRawBufferPointer) -> Int {
    var count = 0
    for byte in bytes where byte & 0xC0 != 0x80 { count += 1 }
    return count
  }
}
