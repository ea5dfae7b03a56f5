import Foundation

/// CRC-32 computed independently of ZipKit (bitwise, obviously correct, only for small data).
func crc32(_ bytes: [UInt8]) -> UInt32 {
  var crc: UInt32 = 0xFFFF_FFFF
  for byte in bytes {
    crc ^= UInt32(byte)
    for _ in 0..<8 { crc = crc & 1 != 0 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
  }
  return ~crc
}

/// CRC-32 of `count` zero bytes without touching them: the register is multiplied by x^(8·count)
/// modulo the polynomial (zlib's multmodp / x2nmodp).
func crc32OfZeros(_ count: UInt64) -> UInt32 {
  func multmodp(_ a: UInt32, _ b: UInt32) -> UInt32 {
    var b = b
    var m: UInt32 = 1 << 31
    var p: UInt32 = 0
    while true {
      if a & m != 0 {
        p ^= b
        if a & (m - 1) == 0 { break }
      }
      m >>= 1
      b = b & 1 != 0 ? (b >> 1) ^ 0xEDB8_8320 : b >> 1
    }
    return p
  }
  var powers = [UInt32](repeating: 0, count: 32)
  var p: UInt32 = 1 << 30
  powers[0] = p
  for k in 1..<32 {
    p = multmodp(p, p)
    powers[k] = p
  }
  var n = count
  var k = 3
  var x: UInt32 = 1 << 31
  while n != 0 {
    if n & 1 != 0 { x = multmodp(powers[k & 31], x) }
    n >>= 1
    k += 1
  }
  return ~multmodp(x, 0xFFFF_FFFF)
}

/// A raw DEFLATE stream (one fixed-Huffman block) that inflates to `count` zero bytes:
/// literal 0, then length-258/distance-1 matches, then literals for the rest. ~1.6 bytes per KiB.
func deflatedZeros(_ count: Int) -> [UInt8] {
  precondition(count >= 1)
  var out: [UInt8] = []
  out.reserveCapacity(count / 258 * 13 / 8 + 64)
  var acc: UInt64 = 0
  var used = 0
  func put(_ value: UInt32, _ bits: Int) {
    acc |= UInt64(value) << used
    used += bits
    while used >= 8 {
      out.append(UInt8(truncatingIfNeeded: acc))
      acc >>= 8
      used -= 8
    }
  }
  func reversed(_ code: UInt32, _ bits: Int) -> UInt32 {
    var r: UInt32 = 0
    for i in 0..<bits where code >> i & 1 != 0 { r |= 1 << (bits - 1 - i) }
    return r
  }
  let literalZero = reversed(0x30, 8)
  let match = reversed(0xC5, 8)  // length code 285 (258), then distance code 0 (5 zero bits)
  put(1, 1)  // BFINAL
  put(1, 2)  // BTYPE = 01, fixed Huffman
  put(literalZero, 8)
  var left = count - 1
  while left >= 258 {
    put(match, 13)
    left -= 258
  }
  while left > 0 {
    put(literalZero, 8)
    left -= 1
  }
  put(0, 7)  // end of block (256)
  if used > 0 { out.append(UInt8(truncatingIfNeeded: acc)) }
  return out
}

/// One entry of a hand-written archive. Every field the hostile fixtures need can be set.
struct RawEntry {
  var name: [UInt8]
  /// Bytes exactly as stored after the local header (already compressed when method != 0).
  var stored: [UInt8]
  /// What `stored` decompresses to (CRC and size); defaults to `stored`.
  var content: [UInt8]? = nil
  var method: UInt16 = 0
  var flags: UInt16 = 0
  var versionMadeBy: UInt16 = 0x031E  // UNIX, 3.0
  var externalAttributes: UInt32 = 0o100644 << 16
  var crc: UInt32? = nil
  var uncompressedSize: UInt64? = nil
  var centralExtra: [UInt8] = []
  var localExtra: [UInt8] = []
  /// Write no local header/data for this entry; the central record points at `offsetOverride`.
  var writeLocal = true
  var offsetOverride: UInt64? = nil
  /// Sizes and offset through a Zip64 extra field (0xFFFFFFFF in the fixed fields).
  var zip64 = false

  init(_ name: String, _ data: [UInt8]) {
    self.name = Array(name.utf8)
    self.stored = data
  }

  init(raw name: [UInt8], _ data: [UInt8]) {
    self.name = name
    self.stored = data
  }

  var size: UInt64 { uncompressedSize ?? UInt64((content ?? stored).count) }
  var checksum: UInt32 { crc ?? crc32(content ?? stored) }
}

/// Local headers + central directory + EOCD, with knobs for lying.
struct ZipBytes {
  var entries: [RawEntry]
  var prefix: [UInt8] = []
  var comment: [UInt8] = []
  var trailing: [UInt8] = []
  var countOverride: UInt16? = nil
  var directorySizeOverride: UInt32? = nil
  var directoryOffsetOverride: UInt32? = nil
  /// Write an EOCD64 record + locator, and 0xFFFF/0xFFFFFFFF in the classic EOCD.
  var zip64EndRecord = false
  var zip64CountOverride: UInt64? = nil

  init(_ entries: [RawEntry]) { self.entries = entries }

  static func localHeader(_ e: RawEntry) -> [UInt8] {
    var h: [UInt8] = [0x50, 0x4B, 0x03, 0x04]
    h.le16(e.zip64 ? 45 : 20)
    h.le16(e.flags)
    h.le16(e.method)
    h.le16(0)  // time
    h.le16(0x5821)  // 2024-01-01
    h.le32(e.checksum)
    var extra = e.localExtra
    if e.zip64 {
      h.le32(0xFFFF_FFFF)
      h.le32(0xFFFF_FFFF)
      var z: [UInt8] = []
      z.le16(0x0001)
      z.le16(16)
      z.le64(e.size)
      z.le64(UInt64(e.stored.count))
      extra = z + extra
    } else {
      h.le32(UInt32(e.stored.count))
      h.le32(UInt32(truncatingIfNeeded: e.size))
    }
    h.le16(UInt16(e.name.count))
    h.le16(UInt16(extra.count))
    return h + e.name + extra
  }

  func build() -> [UInt8] {
    var out = prefix
    var offsets: [UInt64] = []
    for e in entries {
      if e.writeLocal {
        offsets.append(e.offsetOverride ?? UInt64(out.count))
        out += Self.localHeader(e) + e.stored
      } else {
        offsets.append(e.offsetOverride ?? 0)
      }
    }
    let directoryOffset = out.count
    for (e, offset) in zip(entries, offsets) {
      var c: [UInt8] = [0x50, 0x4B, 0x01, 0x02]
      c.le16(e.versionMadeBy)
      c.le16(e.zip64 ? 45 : 20)
      c.le16(e.flags)
      c.le16(e.method)
      c.le16(0)
      c.le16(0x5821)
      c.le32(e.checksum)
      var extra = e.centralExtra
      if e.zip64 {
        c.le32(0xFFFF_FFFF)
        c.le32(0xFFFF_FFFF)
        var z: [UInt8] = []
        z.le16(0x0001)
        z.le16(24)
        z.le64(e.size)
        z.le64(UInt64(e.stored.count))
        z.le64(offset)
        extra = z + extra
      } else {
        c.le32(UInt32(e.stored.count))
        c.le32(UInt32(truncatingIfNeeded: e.size))
      }
      c.le16(UInt16(e.name.count))
      c.le16(UInt16(extra.count))
      c.le16(0)  // comment
      c.le16(0)  // disk
      c.le16(0)  // internal attributes
      c.le32(e.externalAttributes)
      c.le32(e.zip64 ? 0xFFFF_FFFF : UInt32(offset))
      out += c + e.name + extra
    }
    let directorySize = out.count - directoryOffset
    if zip64EndRecord {
      let recordOffset = out.count
      var r: [UInt8] = [0x50, 0x4B, 0x06, 0x06]
      r.le64(44)
      r.le16(0x032D)
      r.le16(45)
      r.le32(0)
      r.le32(0)
      r.le64(zip64CountOverride ?? UInt64(entries.count))
      r.le64(zip64CountOverride ?? UInt64(entries.count))
      r.le64(UInt64(directorySize))
      r.le64(UInt64(directoryOffset))
      var l: [UInt8] = [0x50, 0x4B, 0x06, 0x07]
      l.le32(0)
      l.le64(UInt64(recordOffset))
      l.le32(1)
      out += r + l
    }
    var d: [UInt8] = [0x50, 0x4B, 0x05, 0x06]
    d.le16(0)
    d.le16(0)
    let count = zip64EndRecord ? 0xFFFF : countOverride ?? UInt16(entries.count)
    d.le16(count)
    d.le16(count)
    d.le32(zip64EndRecord ? 0xFFFF_FFFF : directorySizeOverride ?? UInt32(directorySize))
    d.le32(zip64EndRecord ? 0xFFFF_FFFF : directoryOffsetOverride ?? UInt32(directoryOffset))
    d.le16(UInt16(comment.count))
    return out + d + comment + trailing
  }
}

extension Array where Element == UInt8 {
  mutating func le16(_ v: UInt16) { append(contentsOf: [UInt8(v & 0xFF), UInt8(v >> 8)]) }
  mutating func le32(_ v: UInt32) { le16(UInt16(v & 0xFFFF)); le16(UInt16(v >> 16)) }
  mutating func le64(_ v: UInt64) { le32(UInt32(v & 0xFFFF_FFFF)); le32(UInt32(v >> 32)) }
}

/// A scratch directory removed when the value goes away.
final class Scratch {
  let url: URL

  init() {
    url = FileManager.default.temporaryDirectory.appendingPathComponent("zipkit-tests-\(UUID().uuidString)")
    try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  }

  deinit { try? FileManager.default.removeItem(at: url) }

  func path(_ name: String) -> String { url.appendingPathComponent(name).path }

  @discardableResult
  func write(_ bytes: [UInt8], _ name: String) -> String {
    let path = path(name)
    try! Data(bytes).write(to: URL(fileURLWithPath: path))
    return path
  }

  func files() -> [String] { (try? FileManager.default.contentsOfDirectory(atPath: url.path))?.sorted() ?? [] }
}

/// SplitMix64: a tiny seeded generator so fuzz runs are reproducible.
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
