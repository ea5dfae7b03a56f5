import ImageProbe

// MARK: Byte helpers

func be16(_ v: Int) -> [UInt8] { [UInt8((v >> 8) & 0xFF), UInt8(v & 0xFF)] }
func be32(_ v: UInt32) -> [UInt8] { [UInt8(v >> 24), UInt8((v >> 16) & 0xFF), UInt8((v >> 8) & 0xFF), UInt8(v & 0xFF)] }
func ascii(_ s: String) -> [UInt8] { Array(s.utf8) }

/// Bit-by-bit CRC-32, independent of the table-driven one in the module.
func referenceCRC32(_ bytes: [UInt8]) -> UInt32 {
  var c: UInt32 = 0xFFFF_FFFF
  for b in bytes {
    c ^= UInt32(b)
    for _ in 0..<8 { c = (c & 1) == 1 ? (c >> 1) ^ 0xEDB8_8320 : c >> 1 }
  }
  return ~c
}

/// Deterministic PRNG (SplitMix64) so fuzz-style tests are reproducible.
struct SplitMix64: RandomNumberGenerator {
  var state: UInt64
  init(seed: UInt64) { state = seed }
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}

// MARK: JPEG

enum JPEG {
  static let soi: [UInt8] = [0xFF, 0xD8]
  static let eoi: [UInt8] = [0xFF, 0xD9]

  static func segment(_ marker: UInt8, _ payload: [UInt8]) -> [UInt8] {
    [0xFF, marker] + be16(payload.count + 2) + payload
  }

  static func jfif(units: UInt8, x: Int, y: Int) -> [UInt8] {
    segment(0xE0, ascii("JFIF") + [0, 1, 2, units] + be16(x) + be16(y) + [0, 0])
  }

  static func adobe(transform: UInt8) -> [UInt8] {
    segment(0xEE, ascii("Adobe") + [0, 100, 0, 0, 0, 0, transform])
  }

  static func sof(_ marker: UInt8 = 0xC0, precision: UInt8 = 8, width: Int, height: Int, components: Int) -> [UInt8] {
    var p: [UInt8] = [precision] + be16(height) + be16(width) + [UInt8(components & 0xFF)]
    for c in 0..<components { p += [UInt8(c + 1), c == 0 ? 0x22 : 0x11, c == 0 ? 0 : 1] }
    return segment(marker, p)
  }

  static var dqt: [UInt8] { segment(0xDB, [0] + [UInt8](repeating: 1, count: 64)) }
  static var dht: [UInt8] { segment(0xC4, [0x00] + [UInt8](repeating: 0, count: 15) + [1] + [0]) }

  static func sos(components: Int) -> [UInt8] {
    var p: [UInt8] = [UInt8(components)]
    for c in 0..<components { p += [UInt8(c + 1), 0] }
    return segment(0xDA, p + [0, 63, 0])
  }

  /// Entropy-coded data with a stuffed byte and a restart marker, then EOI.
  static let scanData: [UInt8] = [0x12, 0x34, 0xFF, 0x00, 0x56, 0xFF, 0xD0, 0x78, 0x9A]

  /// A complete small JPEG.
  static func file(
    prefix: [UInt8] = [], sofMarker: UInt8 = 0xC0, precision: UInt8 = 8, width: Int = 640, height: Int = 480,
    components: Int = 3
  ) -> [UInt8] {
    soi + prefix + dqt
      + sof(sofMarker, precision: precision, width: width, height: height, components: components)
      + dht + sos(components: components) + scanData + eoi
  }

  /// A TIFF structure for EXIF. Entries are (tag, type, count, value-or-data).
  struct IFDEntry {
    var tag: UInt16
    var type: UInt16
    var count: UInt32
    /// For inline values: up to 4 bytes (already in the file's byte order). For offset values: the
    /// out-of-line data, placed after the IFD.
    var inline: [UInt8]?
    var data: [UInt8]?
  }

  static func tiff(littleEndian: Bool, entries: [IFDEntry], thumbnail: [UInt8]? = nil) -> [UInt8] {
    func u16(_ v: UInt16) -> [UInt8] { littleEndian ? [UInt8(v & 0xFF), UInt8(v >> 8)] : be16(Int(v)) }
    func u32(_ v: UInt32) -> [UInt8] { littleEndian ? be32(v).reversed() : be32(v) }
    var allEntries = entries
    let header: [UInt8] = (littleEndian ? [0x49, 0x49] : [0x4D, 0x4D]) + u16(42) + u32(8)
    let ifd0Size = 2 + 12 * allEntries.count + 4
    var dataArea: [UInt8] = []
    var dataOffset = 8 + ifd0Size
    var ifd: [UInt8] = u16(UInt16(allEntries.count))
    for i in allEntries.indices {
      var e = allEntries[i]
      var value: [UInt8]
      if let data = e.data {
        value = u32(UInt32(dataOffset))
        dataArea += data
        dataOffset += data.count
      } else {
        value = e.inline ?? []
      }
      value += [UInt8](repeating: 0, count: max(0, 4 - value.count))
      e.inline = value
      allEntries[i] = e
      ifd += u16(e.tag) + u16(e.type) + u32(e.count) + value
    }
    // IFD1 describing the thumbnail, after the data area.
    var tail: [UInt8] = []
    if let thumbnail {
      let ifd1Offset = dataOffset
      ifd += u32(UInt32(ifd1Offset))
      let thumbOffset = ifd1Offset + 2 + 2 * 12 + 4
      tail = u16(2)
        + u16(0x0201) + u16(4) + u32(1) + u32(UInt32(thumbOffset))
        + u16(0x0202) + u16(4) + u32(1) + u32(UInt32(thumbnail.count))
        + u32(0) + thumbnail
    } else {
      ifd += u32(0)
    }
    return header + ifd + dataArea + tail
  }

  static func exifEntries(
    littleEndian: Bool, xRes: (UInt32, UInt32)? = nil, yRes: (UInt32, UInt32)? = nil, unit: UInt16? = nil,
    orientation: UInt16? = nil
  ) -> [IFDEntry] {
    func u16(_ v: UInt16) -> [UInt8] { littleEndian ? [UInt8(v & 0xFF), UInt8(v >> 8)] : be16(Int(v)) }
    func u32(_ v: UInt32) -> [UInt8] { littleEndian ? be32(v).reversed() : be32(v) }
    var e: [IFDEntry] = [IFDEntry(tag: 0x010F, type: 2, count: 6, inline: nil, data: ascii("Maker") + [0])]
    if let orientation { e.append(IFDEntry(tag: 0x0112, type: 3, count: 1, inline: u16(orientation), data: nil)) }
    if let xRes { e.append(IFDEntry(tag: 0x011A, type: 5, count: 1, inline: nil, data: u32(xRes.0) + u32(xRes.1))) }
    if let yRes { e.append(IFDEntry(tag: 0x011B, type: 5, count: 1, inline: nil, data: u32(yRes.0) + u32(yRes.1))) }
    if let unit { e.append(IFDEntry(tag: 0x0128, type: 3, count: 1, inline: u16(unit), data: nil)) }
    return e
  }

  static func exif(
    littleEndian: Bool = true, xRes: (UInt32, UInt32)? = nil, yRes: (UInt32, UInt32)? = nil, unit: UInt16? = nil,
    orientation: UInt16? = nil, thumbnail: [UInt8]? = nil
  ) -> [UInt8] {
    let entries = exifEntries(littleEndian: littleEndian, xRes: xRes, yRes: yRes, unit: unit, orientation: orientation)
    return segment(0xE1, ascii("Exif") + [0, 0] + tiff(littleEndian: littleEndian, entries: entries, thumbnail: thumbnail))
  }

  /// A small but complete thumbnail JPEG (160×120), to sit inside the EXIF segment.
  static var thumbnail: [UInt8] { file(width: 160, height: 120) }

  /// A "camera" JPEG: JFIF, EXIF with a thumbnail, comment, Adobe, then the real frame.
  static var camera: [UInt8] {
    file(
      prefix: jfif(units: 1, x: 300, y: 300)
        + exif(xRes: (72, 1), yRes: (72, 1), unit: 2, orientation: 6, thumbnail: thumbnail)
        + segment(0xFE, ascii("a comment")),
      width: 4000, height: 3000)
  }
}

// MARK: PNG

enum PNG {
  static let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

  static func chunk(_ type: String, _ data: [UInt8], crc: UInt32? = nil) -> [UInt8] {
    let t = ascii(type)
    return be32(UInt32(data.count)) + t + data + be32(crc ?? referenceCRC32(t + data))
  }

  static func ihdr(
    width: UInt32 = 32, height: UInt32 = 16, bitDepth: UInt8 = 8, colorType: UInt8 = 2, compression: UInt8 = 0,
    filter: UInt8 = 0, interlace: UInt8 = 0, crc: UInt32? = nil
  ) -> [UInt8] {
    chunk("IHDR", be32(width) + be32(height) + [bitDepth, colorType, compression, filter, interlace], crc: crc)
  }

  static func phys(x: UInt32, y: UInt32, unit: UInt8) -> [UInt8] { chunk("pHYs", be32(x) + be32(y) + [unit]) }
  static func plte(entries: Int) -> [UInt8] { chunk("PLTE", [UInt8](repeating: 0x7F, count: 3 * entries)) }
  static var idat: [UInt8] { chunk("IDAT", [0x78, 0x9C, 0x63, 0x60, 0x00, 0x00, 0x00, 0x02, 0x00, 0x01]) }
  static var iend: [UInt8] { chunk("IEND", []) }

  static func file(ihdr: [UInt8] = ihdr(), before: [UInt8] = [], after: [UInt8] = []) -> [UInt8] {
    signature + ihdr + before + idat + after + iend
  }

  /// A PNG with several ancillary chunks before IDAT.
  static var rich: [UInt8] {
    file(
      ihdr: ihdr(width: 1024, height: 768, bitDepth: 8, colorType: 3),
      before: chunk("tEXt", ascii("Title") + [0] + ascii("Wallpaper")) + plte(entries: 4)
        + chunk("tRNS", [0, 255]) + phys(x: 11811, y: 11811, unit: 1) + chunk("sRGB", [0]))
  }
}

// MARK: Assertion helpers

extension ProbeResult {
  var info: ImageInfo? {
    if case .image(let i) = self { return i }
    return nil
  }

  var isInvalid: Bool {
    if case .invalid = self { return true }
    return false
  }

  var reason: String? {
    if case .invalid(let s) = self { return s }
    return nil
  }
}
