/// One central-directory entry, as our own walker read it (names, flags, offsets, attributes).
public struct ZipEntry: Sendable, Hashable {
  /// Position in the central directory (== libzip index).
  public var index: Int
  /// Name bytes exactly as stored in the central directory.
  public var rawName: [UInt8]
  /// Decoded per the spec: UTF-8 when general-purpose bit 11 is set (lossily, with U+FFFD, when the
  /// bytes are not valid UTF-8), else CP437 (full 256-entry table, see `CP437`).
  public var name: String
  /// General-purpose bit 11.
  public var isUTF8Flagged: Bool
  public var compressedSize: UInt64
  public var uncompressedSize: UInt64
  public var crc32: UInt32
  /// 0 stored, 8 deflate, 12 bzip2, 14 lzma, 93 zstd, 9 deflate64, 99 AES …
  public var compressionMethod: UInt16
  /// General-purpose bit 0, or method 99.
  public var isEncrypted: Bool
  /// Name ends with "/".
  public var isDirectory: Bool
  /// Made by UNIX (version-made-by high byte 3) and (externalAttributes >> 16) & 0o170000 == 0o120000.
  public var isSymlink: Bool
  public var externalAttributes: UInt32
  public var localHeaderOffset: UInt64
  /// Data range in the file: local header offset + 30 + local name length + local extra length, up to + compressedSize
  /// (nil when the local header could not be read). The upper bound is UInt64.max when the sum overflows.
  public var dataRange: Range<UInt64>?
  /// General-purpose flags and version-made-by, as stored.
  public var flags: UInt16
  public var versionMadeBy: UInt16
  /// The Info-ZIP Unicode Path (0x7075) name when present and different from `rawName`; libzip lists
  /// this one instead of the header name.
  public var unicodePathName: [UInt8]?

  public init(index: Int, record: CentralDirectory.Record, dataRange: Range<UInt64>?) {
    self.index = index
    self.rawName = record.rawName
    self.isUTF8Flagged = record.flags & 0x0800 != 0
    self.name = isUTF8Flagged ? String(decoding: record.rawName, as: UTF8.self) : CP437.decode(record.rawName)
    self.compressedSize = record.compressedSize
    self.uncompressedSize = record.uncompressedSize
    self.crc32 = record.crc32
    self.compressionMethod = record.method
    self.isEncrypted = record.flags & 0x0001 != 0 || record.method == 99
    self.isDirectory = record.rawName.last == UInt8(ascii: "/")
    self.isSymlink = record.versionMadeBy >> 8 == 3 && (record.externalAttributes >> 16) & 0o170000 == 0o120000
    self.externalAttributes = record.externalAttributes
    self.localHeaderOffset = record.localHeaderOffset
    self.dataRange = dataRange
    self.flags = record.flags
    self.versionMadeBy = record.versionMadeBy
    self.unicodePathName = record.unicodePathName == record.rawName ? nil : record.unicodePathName
  }

  /// CP437 → String with the full 256-entry table (0x81 → "ü").
  public static func decodeCP437(_ bytes: [UInt8]) -> String { CP437.decode(bytes) }

  /// The file's data range from the 30-byte local header at `record.localHeaderOffset`; nil when
  /// there is no local header signature there or it lies past the end of the file.
  static func dataRange(localHeader: [UInt8], record: CentralDirectory.Record) -> Range<UInt64>? {
    guard localHeader.count == 30, localHeader.hasSignature(0, 3, 4) else { return nil }
    let header = 30 + UInt64(localHeader.le16(26)) + UInt64(localHeader.le16(28))
    let (start, overflow) = record.localHeaderOffset.addingReportingOverflow(header)
    guard !overflow else { return nil }
    let (end, endOverflow) = start.addingReportingOverflow(record.compressedSize)
    return start..<(endOverflow ? UInt64.max : end)
  }
}
