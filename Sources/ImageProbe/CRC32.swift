/// CRC-32 (ISO-HDLC / zlib / PNG): reflected polynomial 0xEDB88320, init and final XOR 0xFFFFFFFF.
enum CRC32 {
  static let table: [UInt32] = (0..<256).map { n -> UInt32 in
    var c = UInt32(n)
    for _ in 0..<8 { c = (c & 1) != 0 ? (0xEDB8_8320 ^ (c >> 1)) : (c >> 1) }
    return c
  }

  static func checksum(_ bytes: UnsafeRawBufferPointer) -> UInt32 {
    table.withUnsafeBufferPointer { t in
      var c: UInt32 = 0xFFFF_FFFF
      for byte in bytes { c = t[Int((c ^ UInt32(byte)) & 0xFF)] ^ (c >> 8) }
      return c ^ 0xFFFF_FFFF
    }
  }
}
