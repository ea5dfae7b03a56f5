/// Walks PNG chunks from IHDR up to the first IDAT, verifying the CRC of every chunk on the way.
/// Declared chunk lengths are never used to allocate; a chunk is only read once it lies inside the
/// supplied bytes.
enum PNGParser {
  static let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
  static let iendChunk: [UInt8] = [0, 0, 0, 0, 0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82]

  static let IHDR: UInt32 = 0x4948_4452
  static let IDAT: UInt32 = 0x4944_4154
  static let IEND: UInt32 = 0x4945_4E44
  static let PLTE: UInt32 = 0x504C_5445
  static let tRNS: UInt32 = 0x7452_4E53
  static let pHYs: UInt32 = 0x7048_5973
  static let maxLength: UInt32 = 0x7FFF_FFFF

  static func parse(_ r: ByteReader) throws(ParseStop) -> ImageInfo {
    try r.require(8, "file ends inside the 8-byte PNG signature")
    for i in 0..<8 where r.u8(i) != signature[i] {
      throw .invalid("damaged PNG signature (byte \(i + 1) of 8 is wrong; line-ending conversion?)")
    }
    // IHDR: length 13, always first.
    try r.require(16, "PNG ends before the IHDR chunk")
    let ihdrLength = r.be32(8)
    guard r.be32(12) == IHDR else {
      throw .invalid("the first chunk is '\(chunkName(r, at: 12))', not IHDR")
    }
    guard ihdrLength == 13 else { throw .invalid("IHDR chunk length is \(ihdrLength), expected 13") }
    try r.require(33, "PNG ends inside the IHDR chunk")
    guard crcMatches(r, chunkAt: 8, length: 13) else { throw .invalid("IHDR chunk CRC mismatch (damaged header)") }

    let width = r.be32(16), height = r.be32(20)
    let bitDepth = Int(r.u8(24)), colorType = Int(r.u8(25))
    let compression = r.u8(26), filter = r.u8(27), interlace = r.u8(28)
    guard (1...maxLength).contains(width) else { throw .invalid("PNG width \(width) is out of range (1…2147483647)") }
    guard (1...maxLength).contains(height) else { throw .invalid("PNG height \(height) is out of range (1…2147483647)") }
    let allowedDepths: [Int]
    let colorMode: ColorMode
    let channels: Int
    switch colorType {
    case 0: allowedDepths = [1, 2, 4, 8, 16]; colorMode = .grayscale; channels = 1
    case 2: allowedDepths = [8, 16]; colorMode = .rgb; channels = 3
    case 3: allowedDepths = [1, 2, 4, 8]; colorMode = .palette; channels = 1
    case 4: allowedDepths = [8, 16]; colorMode = .grayscaleAlpha; channels = 2
    case 6: allowedDepths = [8, 16]; colorMode = .rgba; channels = 4
    default: throw .invalid("invalid PNG colour type \(colorType)")
    }
    guard allowedDepths.contains(bitDepth) else {
      throw .invalid("invalid PNG bit depth \(bitDepth) for colour type \(colorType)")
    }
    guard compression == 0 else { throw .invalid("unknown PNG compression method \(compression)") }
    guard filter == 0 else { throw .invalid("unknown PNG filter method \(filter)") }
    guard interlace <= 1 else { throw .invalid("unknown PNG interlace method \(interlace)") }

    var hasAlpha = colorType == 4 || colorType == 6
    var resolution: Resolution?
    var sawPHYs = false
    var paletteEntries: Int?

    var pos = 33
    while true {
      try r.require(addClamped(pos, 8), "no image data: PNG ends before any IDAT chunk")
      let length = r.be32(pos)
      let type = r.be32(pos + 4)
      guard length <= maxLength else {
        throw .invalid("chunk '\(chunkName(r, at: pos + 4))' declares length \(length), over 2^31−1")
      }
      guard isValidChunkType(r, at: pos + 4) else {
        throw .invalid("invalid PNG chunk type bytes at offset \(pos + 4) (damaged chunk stream)")
      }
      switch type {
      case IDAT:
        if colorType == 3 && paletteEntries == nil {
          throw .invalid("palette PNG has no PLTE chunk before its image data")
        }
        return ImageInfo(
          format: .png, width: Int(width), height: Int(height), colorMode: colorMode, bitDepth: bitDepth,
          components: channels, hasAlpha: hasAlpha, progressive: interlace == 1, resolution: resolution)
      case IEND:
        throw .invalid("no image data: IEND comes before any IDAT chunk")
      case IHDR:
        throw .invalid("duplicate IHDR chunk")
      default:
        break
      }
      let dataLength = Int(length)  // ≤ 2^31−1
      let end = addClamped(pos, addClamped(12, dataLength))
      let name = chunkName(r, at: pos + 4)
      try r.require(end, "no image data: chunk '\(name)' (\(length) bytes) runs past the end of the file")
      guard crcMatches(r, chunkAt: pos, length: dataLength) else {
        throw .invalid("'\(name)' chunk CRC mismatch (damaged header)")
      }
      let data = pos + 8
      switch type {
      case PLTE:
        if colorType == 3 {
          guard paletteEntries == nil else { throw .invalid("duplicate PLTE chunk") }
          guard dataLength % 3 == 0, (1...256).contains(dataLength / 3) else {
            throw .invalid("PLTE chunk length \(dataLength) is not 3 × 1…256 entries")
          }
          paletteEntries = dataLength / 3
        }
      case tRNS:
        // Valid only with the right size for the colour type (libpng ignores it otherwise).
        switch colorType {
        case 0: if dataLength == 2 { hasAlpha = true }
        case 2: if dataLength == 6 { hasAlpha = true }
        case 3: if let n = paletteEntries, (1...n).contains(dataLength) { hasAlpha = true }
        default: break
        }
      case pHYs:
        // Must be exactly 9 bytes; otherwise the DPI is unknown. Only the first pHYs counts.
        if !sawPHYs {
          sawPHYs = true
          if dataLength == 9, r.u8(data + 8) == 1 {
            let x = Double(r.be32(data)), y = Double(r.be32(data + 4))
            if x > 0, y > 0 { resolution = Resolution(x: x * 0.0254, y: y * 0.0254, source: .png) }
          }
        }
      default:
        break
      }
      pos = end
    }
  }

  /// CRC over type + data of the chunk whose length field is at `pos` (all bytes must be present).
  static func crcMatches(_ r: ByteReader, chunkAt pos: Int, length: Int) -> Bool {
    let crcPos = pos + 8 + length
    return CRC32.checksum(r.slice(pos + 4..<crcPos)) == r.be32(crcPos)
  }

  static func isValidChunkType(_ r: ByteReader, at i: Int) -> Bool {
    for k in 0..<4 {
      let c = r.u8(i + k)
      guard (0x41...0x5A).contains(c) || (0x61...0x7A).contains(c) else { return false }
    }
    return true
  }

  static func chunkName(_ r: ByteReader, at i: Int) -> String {
    var s = ""
    for k in 0..<4 {
      let c = r.u8(i + k)
      s += (0x20...0x7E).contains(c) ? String(UnicodeScalar(c)) : "\\x" + JPEGParser.hex(c)
    }
    return s
  }
}
