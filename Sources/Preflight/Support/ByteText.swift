/// Small byte-level helpers for cell values: no `String` on the hot path.
enum ByteText {
  /// Leading and trailing ASCII spaces, tabs and no-break spaces (U+00A0) trimmed away.
  static func trimmed(_ bytes: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer {
    guard let base = bytes.baseAddress else { return bytes }
    var start = 0
    var end = bytes.count
    while start < end {
      let byte = bytes[start]
      if byte == 0x20 || byte == 0x09 {
        start += 1
      } else if byte == 0xC2 && start + 1 < end && bytes[start + 1] == 0xA0 {
        start += 2
      } else {
        break
      }
    }
    while end > start {
      let byte = bytes[end - 1]
      if byte == 0x20 || byte == 0x09 {
        end -= 1
      } else if byte == 0xA0 && end - 2 >= start && bytes[end - 2] == 0xC2 {
        end -= 2
      } else {
        break
      }
    }
    return UnsafeRawBufferPointer(start: base + start, count: end - start)
  }

  /// ASCII case-insensitive equality with an already lower-cased pattern.
  static func equalsLowercased(_ bytes: UnsafeRawBufferPointer, _ lowered: [UInt8]) -> Bool {
    guard bytes.count == lowered.count else { return false }
    for index in 0..<lowered.count {
      var byte = bytes[index]
      if byte >= 0x41 && byte <= 0x5A { byte |= 0x20 }
      if byte != lowered[index] { return false }
    }
    return true
  }

  static func equal(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer) -> Bool {
    guard a.count == b.count else { return false }
    return a.elementsEqual(b)
  }

  static func string(_ bytes: UnsafeRawBufferPointer) -> String {
    String(decoding: bytes, as: UTF8.self)
  }

  /// A 64-bit hash of bytes (FNV-1a with a murmur finaliser): keys for sets that must not keep
  /// the strings themselves.
  static func hash(_ bytes: UnsafeRawBufferPointer, seed: UInt64 = 0xcbf2_9ce4_8422_2325) -> UInt64 {
    var hash = seed
    for byte in bytes {
      hash ^= UInt64(byte)
      hash &*= 0x0000_0100_0000_01B3
    }
    hash ^= hash >> 33
    hash &*= 0xff51_afd7_ed55_8ccd
    hash ^= hash >> 33
    hash &*= 0xc4ce_b9fe_1a85_ec53
    hash ^= hash >> 33
    return hash
  }
}
