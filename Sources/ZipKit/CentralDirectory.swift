/// Our own read-only walker: libzip neither exposes local-header offsets nor detects overlapping entries.
/// Every length and offset read from the file is checked against the file's size with overflow-checked
/// arithmetic before it is used, and nothing is allocated from a claimed count before it is proven plausible.
public enum CentralDirectory {
  /// The entry cap (per the reliability notes, A4).
  public static let maxEntries = 100_000

  public struct Record: Sendable, Equatable {
    public var rawName: [UInt8]
    public var flags: UInt16
    public var method: UInt16
    public var crc32: UInt32
    public var compressedSize: UInt64
    public var uncompressedSize: UInt64
    public var localHeaderOffset: UInt64
    public var externalAttributes: UInt32
    public var versionMadeBy: UInt16
    /// The name from an Info-ZIP Unicode Path extra field (0x7075, version 1) whose CRC matches the
    /// header name. libzip silently substitutes it for the header name; we keep both.
    public var unicodePathName: [UInt8]?
  }

  /// Everything the walker learned about the archive's layout.
  struct Layout {
    var records: [Record]
    var fileSize: UInt64
    /// Where the central directory sits in the file.
    var directoryRange: Range<UInt64>
  }

  /// Finds the end-of-central-directory record (searching the last 64 KiB + 22 bytes), follows Zip64
  /// (EOCD64 locator, zip64 extra field 0x0001), checks count × 46 ≤ CD size ≤ file size with checked
  /// arithmetic, caps entries at 100_000. Never trusts a length past the end of the file.
  public static func read(path: String) throws(ZipError) -> (records: [Record], fileSize: UInt64) {
    let layout = try parse(FileBytes(path: path))
    return (layout.records, layout.fileSize)
  }

  /// Same, for tests and fuzzing.
  public static func read(bytes: [UInt8]) throws(ZipError) -> [Record] {
    try parse(MemoryBytes(bytes: bytes)).records
  }

  /// Pairs of indices (into `ranges`) whose byte ranges overlap, found by sorting by start (O(n log n) + linear scan).
  /// Overlaps of up to 2 bytes are tolerated. Also reports a range that runs past `fileSize` paired with itself.
  /// Each overlapping range is paired with the earlier-starting range that reaches furthest, so the
  /// result stays linear even when thousands of entries share one range; pairs are (smaller, larger) index.
  public static func overlaps(_ ranges: [Range<UInt64>?], fileSize: UInt64) -> [(Int, Int)] {
    var result: [(Int, Int)] = []
    var present: [(index: Int, range: Range<UInt64>)] = []
    present.reserveCapacity(ranges.count)
    for (index, range) in ranges.enumerated() {
      guard let range else { continue }
      if range.upperBound > fileSize { result.append((index, index)) }
      present.append((index, range))
    }
    present.sort {
      $0.range.lowerBound != $1.range.lowerBound ? $0.range.lowerBound < $1.range.lowerBound
        : $0.range.upperBound != $1.range.upperBound ? $0.range.upperBound > $1.range.upperBound : $0.index < $1.index
    }
    var reach: (index: Int, end: UInt64)? = nil
    for item in present {
      if let current = reach {
        let shared = min(current.end, item.range.upperBound) &- item.range.lowerBound
        if current.end > item.range.lowerBound, shared > 2 {
          result.append((min(current.index, item.index), max(current.index, item.index)))
        }
        if item.range.upperBound > current.end { reach = (item.index, item.range.upperBound) }
      } else {
        reach = (item.index, item.range.upperBound)
      }
    }
    return result
  }

  // MARK: - Walker

  static let eocdSize = 22
  static let eocd64Size = 56
  static let locatorSize = 20
  static let centralHeaderSize = 46

  static func parse(_ source: some ByteSource) throws(ZipError) -> Layout {
    let size = source.size
    let head = try source.read(at: 0, count: 512)
    let zipLike = startsLikeZip(head)
    guard size >= UInt64(eocdSize) else {
      if size == 0 { throw ZipError(.notAZip, "the file is empty, not a ZIP archive") }
      if zipLike { throw truncated(size) }
      throw notAZip(head)
    }

    // 1. End of central directory: prefer a record whose comment ends exactly at the end of the
    //    file; otherwise the last one whose comment fits (trailing bytes are libzip's to judge).
    let tailCount = Int(min(size, UInt64(0xFFFF + eocdSize)))
    let tailStart = size - UInt64(tailCount)
    let tail = try source.read(at: tailStart, count: tailCount)
    guard tail.count == tailCount else { throw ZipError(.unreadable, "the file shrank while it was being read") }
    var exact: Int? = nil
    var fitting: Int? = nil
    var i = tailCount - eocdSize
    while i >= 0 {
      if tail.hasSignature(i, 5, 6) {
        let end = i + eocdSize + Int(tail.le16(i + 20))
        if end == tailCount { exact = i; break }
        if end < tailCount, fitting == nil { fitting = i }
      }
      i -= 1
    }
    guard let at = exact ?? fitting else {
      if zipLike { throw truncated(size) }
      throw notAZip(head)
    }
    let eocdOffset = tailStart + UInt64(at)
    var disk = UInt32(tail.le16(at + 4))
    var directoryDisk = UInt32(tail.le16(at + 6))
    var count = UInt64(tail.le16(at + 10))
    var directorySize = UInt64(tail.le32(at + 12))
    var directoryOffset = UInt64(tail.le32(at + 16))
    var directoryLimit = eocdOffset  // the directory must end before this

    // 2. Zip64: a locator right before the EOCD points at the EOCD64 record.
    if eocdOffset >= UInt64(locatorSize) {
      let locator = try source.read(at: eocdOffset - UInt64(locatorSize), count: locatorSize)
      if locator.count == locatorSize, locator.hasSignature(0, 6, 7) {
        let recordOffset = locator.le64(8)
        let locatorOffset = eocdOffset - UInt64(locatorSize)
        let (recordEnd, overflow) = recordOffset.addingReportingOverflow(UInt64(eocd64Size))
        guard !overflow, recordEnd <= locatorOffset else {
          throw ZipError(.inconsistent, "the Zip64 end record offset (\(recordOffset)) points outside the file")
        }
        let record = try source.read(at: recordOffset, count: eocd64Size)
        guard record.count == eocd64Size, record.hasSignature(0, 6, 6) else {
          throw ZipError(.inconsistent, "no Zip64 end record at offset \(recordOffset), where the Zip64 locator points")
        }
        disk = record.le32(16)
        directoryDisk = record.le32(20)
        count = record.le64(32)
        directorySize = record.le64(40)
        directoryOffset = record.le64(48)
        directoryLimit = recordOffset
      }
    }

    // 3. Plausibility before anything is allocated or read.
    guard disk == 0, directoryDisk == 0 else {
      throw ZipError(.inconsistent, "this is one part of a split (multi-disk) archive, which is not supported")
    }
    guard count <= UInt64(maxEntries) else {
      throw ZipError(.tooManyEntries, "the archive declares \(count) entries; at most \(maxEntries) are supported")
    }
    let (minimum, overflow) = count.multipliedReportingOverflow(by: UInt64(centralHeaderSize))
    guard !overflow, minimum <= directorySize else {
      throw ZipError(
        .inconsistent,
        "the end record declares \(count) entries, which cannot fit in a central directory of \(directorySize) bytes")
    }
    let (directoryEnd, endOverflow) = directoryOffset.addingReportingOverflow(directorySize)
    guard !endOverflow, directoryEnd <= size else {
      throw ZipError(
        .inconsistent,
        "the central directory (\(directorySize) bytes at offset \(directoryOffset)) runs past the end of the \(size)-byte file")
    }
    guard directoryEnd <= directoryLimit else {
      throw ZipError(
        .inconsistent,
        "the central directory (\(directorySize) bytes at offset \(directoryOffset)) overlaps the end record at offset \(directoryLimit)")
    }

    // 4. The records.
    var records: [Record] = []
    records.reserveCapacity(Int(count))
    var reader = ChunkedReader(source: source, position: directoryOffset, end: directoryEnd)
    for n in 0..<Int(count) {
      guard let fixed = try reader.take(centralHeaderSize) else {
        throw ZipError(.inconsistent, "central directory record \(n + 1) of \(count) runs past the end of the directory")
      }
      guard fixed.hasSignature(0, 1, 2) else {
        throw ZipError(.inconsistent, "central directory record \(n + 1) of \(count) has no valid signature")
      }
      let nameLength = Int(fixed.le16(28))
      let extraLength = Int(fixed.le16(30))
      let commentLength = Int(fixed.le16(32))
      guard let variable = try reader.take(nameLength + extraLength + commentLength) else {
        throw ZipError(
          .inconsistent, "the name or extra field of central directory record \(n + 1) runs past the end of the directory")
      }
      let name = Array(variable[0..<nameLength])
      let extra = Array(variable[nameLength..<(nameLength + extraLength)])
      var record = Record(
        rawName: name, flags: fixed.le16(8), method: fixed.le16(10), crc32: fixed.le32(16),
        compressedSize: UInt64(fixed.le32(20)), uncompressedSize: UInt64(fixed.le32(24)),
        localHeaderOffset: UInt64(fixed.le32(42)), externalAttributes: fixed.le32(38),
        versionMadeBy: fixed.le16(4), unicodePathName: nil)
      applyExtraFields(extra, to: &record)
      records.append(record)
    }
    return Layout(records: records, fileSize: size, directoryRange: directoryOffset..<directoryEnd)
  }

  /// Zip64 sizes/offset (0x0001, only the fields whose 32-bit value is 0xFFFFFFFF, in order) and the
  /// Info-ZIP Unicode Path field (0x7075). A malformed extra area is left for libzip to judge.
  static func applyExtraFields(_ extra: [UInt8], to record: inout Record) {
    var p = 0
    while p + 4 <= extra.count {
      let id = extra.le16(p)
      let length = Int(extra.le16(p + 2))
      let start = p + 4
      guard start + length <= extra.count else { return }
      let field = Array(extra[start..<(start + length)])
      switch id {
      case 0x0001:
        var q = 0
        if record.uncompressedSize == 0xFFFF_FFFF, q + 8 <= field.count { record.uncompressedSize = field.le64(q); q += 8 }
        if record.compressedSize == 0xFFFF_FFFF, q + 8 <= field.count { record.compressedSize = field.le64(q); q += 8 }
        if record.localHeaderOffset == 0xFFFF_FFFF, q + 8 <= field.count { record.localHeaderOffset = field.le64(q) }
      case 0x7075:
        if field.count >= 5, field[0] == 1, field.le32(1) == CRC32.checksum(record.rawName) {
          record.unicodePathName = Array(field[5...])
        }
      default:
        break
      }
      p = start + length
    }
  }

  static func startsLikeZip(_ head: [UInt8]) -> Bool {
    head.hasSignature(0, 3, 4) || head.hasSignature(0, 5, 6) || head.hasSignature(0, 7, 8)
      || head.hasSignature(0, 1, 2) || head.hasSignature(0, 6, 6)
  }

  static func truncated(_ size: UInt64) -> ZipError {
    ZipError(
      .truncated,
      "the file starts like a ZIP archive but has no end-of-central-directory record (\(size) bytes); it looks truncated")
  }

  static func notAZip(_ head: [UInt8]) -> ZipError {
    let kind: String?
    if head.starts(with: [0x52, 0x61, 0x72, 0x21, 0x1A, 0x07]) {
      kind = "a RAR archive"
    } else if head.starts(with: [0x37, 0x7A, 0xBC, 0xAF, 0x27, 0x1C]) {
      kind = "a 7-Zip archive"
    } else if head.starts(with: [0x1F, 0x8B]) {
      kind = "a gzip file"
    } else if head.count >= 262, Array(head[257..<262]) == Array("ustar".utf8) {
      kind = "a tar archive"
    } else {
      kind = nil
    }
    if let kind { return ZipError(.notAZip, "not a ZIP archive: the file looks like \(kind)") }
    return ZipError(.notAZip, "not a ZIP archive: no ZIP signature and no end-of-central-directory record")
  }
}

/// Sequential reads through a window of at most 1 MiB, so a large directory is never read in one piece.
struct ChunkedReader<Source: ByteSource> {
  let source: Source
  var position: UInt64
  let end: UInt64
  private var buffer: [UInt8] = []
  private var bufferStart: UInt64 = 0
  private var cursor = 0  // index into buffer for `position`

  init(source: Source, position: UInt64, end: UInt64) {
    self.source = source
    self.position = position
    self.end = end
    self.bufferStart = position
  }

  /// The next `count` bytes, or nil if they would run past `end`.
  mutating func take(_ count: Int) throws(ZipError) -> [UInt8]? {
    guard UInt64(count) <= end - position else { return nil }
    if cursor + count > buffer.count {
      let want = max(count, Int(min(end - position, 1 << 20)))
      buffer = try source.read(at: position, count: want)
      bufferStart = position
      cursor = 0
      guard buffer.count >= count else { throw ZipError(.unreadable, "the file shrank while it was being read") }
    }
    let result = Array(buffer[cursor..<(cursor + count)])
    cursor += count
    position += UInt64(count)
    return result
  }
}
