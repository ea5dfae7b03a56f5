/// CRC-32 (ISO-HDLC, the ZIP one), slicing-by-8.
struct CRC32 {
  private(set) var value: UInt32 = 0

  static let tables: [UInt32] = {
    var tables = [UInt32](repeating: 0, count: 8 * 256)
    for n in 0..<256 {
      var c = UInt32(n)
      for _ in 0..<8 { c = c & 1 != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
      tables[n] = c
    }
    for n in 0..<256 {
      var c = tables[n]
      for k in 1..<8 {
        c = tables[Int(c & 0xFF)] ^ (c >> 8)
        tables[k * 256 + n] = c
      }
    }
    return tables
  }()

  mutating func update(_ buffer: UnsafeRawBufferPointer) {
    var crc = ~value
    Self.tables.withUnsafeBufferPointer { t in
      var i = 0
      let n = buffer.count
      while i + 8 <= n {
        let lo = crc ^ (UInt32(buffer[i]) | UInt32(buffer[i + 1]) << 8 | UInt32(buffer[i + 2]) << 16 | UInt32(buffer[i + 3]) << 24)
        crc = t[7 * 256 + Int(lo & 0xFF)] ^ t[6 * 256 + Int((lo >> 8) & 0xFF)]
          ^ t[5 * 256 + Int((lo >> 16) & 0xFF)] ^ t[4 * 256 + Int(lo >> 24)]
          ^ t[3 * 256 + Int(buffer[i + 4])] ^ t[2 * 256 + Int(buffer[i + 5])]
          ^ t[1 * 256 + Int(buffer[i + 6])] ^ t[Int(buffer[i + 7])]
        i += 8
      }
      while i < n {
        crc = t[Int((crc ^ UInt32(buffer[i])) & 0xFF)] ^ (crc >> 8)
        i += 1
      }
    }
    value = ~crc
  }

  static func checksum(_ bytes: [UInt8]) -> UInt32 {
    var crc = CRC32()
    bytes.withUnsafeBytes { crc.update($0) }
    return crc.value
  }
}
