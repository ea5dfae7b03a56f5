internal import CLibzip
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A read-only archive. Non-Sendable: use one instance per thread (libzip is not thread-safe per zip_t).
public final class ZipArchive {
  public let path: String
  /// Central-directory order, from our own walker.
  public let entries: [ZipEntry]
  public let fileSize: UInt64
  /// libzip's CHECKCONS message when only the lenient open worked.
  public let consistencyProblem: String?
  /// Where the central directory lies (entries' data should not overlap it).
  public let centralDirectoryRange: Range<UInt64>
  /// Decompressed chunk size for `read`.
  public static let chunkSize = 64 * 1024
  /// The first chunk of a `read`: enough for nearly every image header.
  public static let firstChunkSize = 16 * 1024

  private let handle: OpaquePointer

  /// Opens read-only with our own central-directory walker as the source of names, flags and offsets,
  /// and libzip for decompression. zip_open calls are serialized process-wide (a Mutex from the
  /// Synchronization module in a `let` global or static) because libzip 1.7.3 races there.
  /// Tries ZIP_RDONLY|ZIP_CHECKCONS first; if that fails with ZIP_ER_INCONS / ZIP_ER_EXISTS (duplicate names),
  /// opens with ZIP_RDONLY only and records libzip's complaint in `consistencyProblem`. (libzip 1.7.3
  /// reports most CHECKCONS failures, such as local/central header mismatches, as ZIP_ER_NOZIP; since
  /// our walker has already found a valid end record, that code gets the lenient retry as well.)
  /// Entries come from our walker and must match libzip's listing (count and raw names, allowing for
  /// libzip's NUL → space and Unicode Path substitutions), else .inconsistent.
  /// Throws .notFound / .unreadable / .notAZip / .truncated (starts like a ZIP but no usable end record) / .inconsistent / .tooManyEntries (cap 100_000 entries).
  public init(path: String) throws(ZipError) {
    self.path = path
    let file = try FileBytes(path: path)
    let layout: CentralDirectory.Layout
    do throws(ZipError) {
      layout = try CentralDirectory.parse(file)
    } catch {
      var error = error
      if error.kind == .notAZip || error.kind == .truncated || error.kind == .inconsistent,
        let complaint = Self.libzipComplaint(path)
      {
        error.message += " (libzip: \(complaint))"
      }
      throw error
    }

    // Data ranges from the local headers.
    var entries: [ZipEntry] = []
    entries.reserveCapacity(layout.records.count)
    for (index, record) in layout.records.enumerated() {
      var range: Range<UInt64>? = nil
      if layout.fileSize >= 30, record.localHeaderOffset <= layout.fileSize - 30 {
        range = ZipEntry.dataRange(localHeader: try file.read(at: record.localHeaderOffset, count: 30), record: record)
      }
      entries.append(ZipEntry(index: index, record: record, dataRange: range))
    }

    // libzip: strict first, lenient second.
    var problem: String? = nil
    var (handle, code) = LibzipOpen.open(path, flags: ZIP_RDONLY | ZIP_CHECKCONS)
    if handle == nil {
      let strict = libzipMessage(code)
      // libzip 1.7.3 reports a failed consistency check of an otherwise readable directory as
      // ZIP_ER_NOZIP ("Not a zip archive"), so that code gets the lenient retry too: our walker has
      // already found a valid end record.
      guard code == ZIP_ER_INCONS || code == ZIP_ER_EXISTS || code == ZIP_ER_NOZIP else {
        throw Self.openError(code, path: path)
      }
      let lenient = LibzipOpen.open(path, flags: ZIP_RDONLY)
      guard let opened = lenient.handle else {
        if let bad = entries.first(where: { $0.isUTF8Flagged && String(validating: $0.rawName, as: UTF8.self) == nil }) {
          throw ZipError(
            .inconsistent,
            "entry \(bad.index + 1) (\"\(displayName(bad.name))\") is marked as UTF-8 but its name is not valid UTF-8, so libzip refuses the archive: \(libzipMessage(lenient.code))"
          )
        }
        guard lenient.code == ZIP_ER_INCONS || lenient.code == ZIP_ER_NOZIP || lenient.code == ZIP_ER_EXISTS else {
          throw Self.openError(lenient.code, path: path)
        }
        throw ZipError(
          .inconsistent,
          "libzip cannot open the archive, even without its consistency checks: \(libzipMessage(lenient.code))"
            + (lenient.code == code ? "" : " (with the checks: \(strict))"))
      }
      handle = opened
      switch code {
      case ZIP_ER_EXISTS: problem = "two entries have the same name (libzip: \(strict))"
      case ZIP_ER_NOZIP: problem = "libzip's consistency check rejects the archive (it reports: \(strict))"
      default: problem = strict
      }
    }
    guard let handle else { throw ZipError(.inconsistent, "libzip returned no archive and no error") }

    // Cross-check libzip's listing with ours.
    if let mismatch = Self.compareListing(handle, layout.records) {
      zip_discard(handle)
      throw ZipError(.inconsistent, mismatch)
    }
    self.entries = entries
    self.fileSize = layout.fileSize
    self.consistencyProblem = problem
    self.centralDirectoryRange = layout.directoryRange
    self.handle = handle
  }

  /// A second handle on an archive already opened and checked by `init(path:)` (one per worker
  /// thread): plain ZIP_RDONLY with the listing given, without walking and checking every local
  /// header again.
  public init(path: String, checkedEntries entries: [ZipEntry], fileSize: UInt64) throws(ZipError) {
    let (handle, code) = LibzipOpen.open(path, flags: ZIP_RDONLY)
    guard let handle else { throw Self.openError(code, path: path) }
    guard zip_get_num_entries(handle, 0) == Int64(entries.count) else {
      zip_discard(handle)
      throw ZipError(.inconsistent, "the archive changed while it was being checked")
    }
    self.path = path
    self.entries = entries
    self.fileSize = fileSize
    self.consistencyProblem = nil
    // Not needed by a reader; only the checking handle knows it.
    self.centralDirectoryRange = 0..<0
    self.handle = handle
  }

  deinit { zip_discard(handle) }

  /// Streams decompressed bytes of one entry in chunks (64 KiB) to `body` until the entry ends, `limit`
  /// bytes were delivered, or `body` returns false. Returns the number of bytes delivered.
  /// Throws .encrypted, .unsupportedMethod, .readFailed (with libzip's message), never reads past `limit`.
  /// An error thrown by `body` ends the read: a ZipError is rethrown as is, anything else as .readFailed.
  @discardableResult
  public func read(_ entry: ZipEntry, limit: Int, _ body: (UnsafeRawBufferPointer) throws -> Bool) throws(ZipError) -> Int {
    try stream(entry, limit: limit, kind: Self.readErrorKind, body)
  }

  /// How a libzip error code met while reading maps onto ZipError kinds.
  static func readErrorKind(_ code: Int32) -> ZipError.Kind {
    switch code {
    case ZIP_ER_NOPASSWD, ZIP_ER_WRONGPASSWD, ZIP_ER_ENCRNOTSUPP: return .encrypted
    case ZIP_ER_COMPNOTSUPP: return .unsupportedMethod
    default: return .readFailed
    }
  }

  /// Reads the whole entry (up to `limit` bytes) and checks size and CRC-32 against the central directory.
  /// Throws .crcMismatch, .sizeMismatch (more or fewer bytes than declared), .readFailed; returns the last up to 64 bytes (for end-marker checks).
  /// An entry declaring more than `limit` bytes is not read at all (.readFailed, "not verified"). To notice
  /// extra data, up to declared size + 1 bytes are decompressed (so at most `limit` + 1).
  /// Encrypted and unsupported entries throw .encrypted / .unsupportedMethod as in `read`.
  public func verify(_ entry: ZipEntry, limit: UInt64) throws(ZipError) -> [UInt8] {
    let declared = entry.uncompressedSize
    guard declared <= limit else {
      throw ZipError(
        .readFailed,
        "\(Self.shown(entry)) declares \(declared) bytes, more than the verification limit of \(limit); not verified")
    }
    let (cap, overflow) = declared.addingReportingOverflow(1)
    var crc = CRC32()
    var tail: [UInt8] = []
    let total = try stream(entry, limit: Int(clamping: overflow ? declared : cap), kind: { code in
      switch code {
      case ZIP_ER_CRC: return .crcMismatch
      case ZIP_ER_INCONS: return .sizeMismatch
      case ZIP_ER_NOPASSWD, ZIP_ER_WRONGPASSWD, ZIP_ER_ENCRNOTSUPP: return .encrypted
      case ZIP_ER_COMPNOTSUPP: return .unsupportedMethod
      default: return .readFailed
      }
    }) { chunk in
      crc.update(chunk)
      if chunk.count >= 64 {
        tail = Array(chunk[(chunk.count - 64)...])
      } else {
        tail.append(contentsOf: chunk)
        if tail.count > 64 { tail.removeFirst(tail.count - 64) }
      }
      return true
    }
    let delivered = UInt64(total)
    if delivered > declared {
      throw ZipError(.sizeMismatch, "\(Self.shown(entry)) holds more data than the \(declared) bytes its directory entry declares")
    }
    if delivered < declared {
      throw ZipError(.sizeMismatch, "\(Self.shown(entry)) holds \(delivered) bytes, fewer than the \(declared) its directory entry declares")
    }
    if crc.value != entry.crc32 {
      throw ZipError(
        .crcMismatch,
        "\(Self.shown(entry)): CRC-32 of the data is \(hex(crc.value)), the directory entry says \(hex(entry.crc32))")
    }
    return tail
  }

  // MARK: - Internals

  private func stream(
    _ entry: ZipEntry, limit: Int, kind: (Int32) -> ZipError.Kind, _ body: (UnsafeRawBufferPointer) throws -> Bool
  ) throws(ZipError) -> Int {
    try checkReadable(entry)
    guard limit > 0 else { return 0 }
    let file = try openFile(entry, kind: kind)
    defer { zip_fclose(file) }
    let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: Self.chunkSize, alignment: 16)
    defer { buffer.deallocate() }
    var delivered = 0
    // Headers sit at the start: the first chunk is small, later ones full size.
    var chunk = Self.firstChunkSize
    while delivered < limit {
      let want = min(chunk, limit - delivered)
      chunk = Self.chunkSize
      let n = zip_fread(file, buffer.baseAddress!, UInt64(want))
      if n < 0 {
        let code = zip_error_code_zip(zip_file_get_error(file))
        let message = String(cString: zip_file_strerror(file))
        throw ZipError(kind(code), "\(Self.shown(entry)) cannot be read after \(delivered) bytes: \(message)")
      }
      if n == 0 { break }
      delivered += Int(n)
      let more: Bool
      do {
        more = try body(UnsafeRawBufferPointer(start: buffer.baseAddress, count: Int(n)))
      } catch let error as ZipError {
        throw error
      } catch {
        throw ZipError(.readFailed, "reading \(Self.shown(entry)) stopped: \(error)")
      }
      if !more { break }
    }
    return delivered
  }

  /// The checks every read makes before libzip is asked: the entry belongs to this archive, is not
  /// encrypted, and uses a compression method libzip can decompress.
  func checkReadable(_ entry: ZipEntry) throws(ZipError) {
    guard entry.index >= 0, entry.index < entries.count, entries[entry.index].rawName == entry.rawName else {
      throw ZipError(.readFailed, "\(Self.shown(entry)) is not entry \(entry.index) of \(path)")
    }
    if entry.isEncrypted {
      throw ZipError(.encrypted, "\(Self.shown(entry)) is encrypted; its contents cannot be inspected without a password")
    }
    if zip_compression_method_supported(Int32(entry.compressionMethod), 0) == 0 {
      throw ZipError(
        .unsupportedMethod,
        "\(Self.shown(entry)) is compressed with method \(entry.compressionMethod) (\(compressionMethodName(entry.compressionMethod))), which libzip \(Libzip.version) cannot decompress"
      )
    }
  }

  /// libzip's file handle for a checked entry; the caller closes it with zip_fclose.
  func openFile(_ entry: ZipEntry, kind: (Int32) -> ZipError.Kind) throws(ZipError) -> OpaquePointer {
    guard let file = zip_fopen_index(handle, UInt64(entry.index), 0) else {
      let code = zip_error_code_zip(zip_get_error(handle))
      let message = String(cString: zip_strerror(handle))
      zip_error_clear(handle)
      throw ZipError(kind(code), "\(Self.shown(entry)) cannot be opened for reading: \(message)")
    }
    return file
  }

  static func shown(_ entry: ZipEntry) -> String { "entry \"\(displayName(entry.name))\"" }

  /// Why libzip would not open a file our walker already rejected (nil if it opens).
  private static func libzipComplaint(_ path: String) -> String? {
    let (handle, code) = LibzipOpen.open(path, flags: ZIP_RDONLY | ZIP_CHECKCONS)
    if let handle {
      zip_discard(handle)
      return nil
    }
    return libzipMessage(code)
  }

  private static func openError(_ code: Int32, path: String) -> ZipError {
    let message = libzipMessage(code)
    switch code {
    case ZIP_ER_NOENT: return ZipError(.notFound, "\(path): libzip cannot find it: \(message)")
    case ZIP_ER_OPEN, ZIP_ER_READ, ZIP_ER_SEEK, ZIP_ER_TELL:
      return ZipError(.unreadable, "\(path): libzip cannot read it: \(message)")
    case ZIP_ER_EOF: return ZipError(.truncated, "the archive ends early (libzip: \(message))")
    case ZIP_ER_NOZIP:
      return ZipError(.inconsistent, "the end record looks valid, but libzip does not accept the archive: \(message)")
    case ZIP_ER_MULTIDISK: return ZipError(.inconsistent, "split (multi-disk) archives are not supported (libzip: \(message))")
    default: return ZipError(.inconsistent, "libzip cannot open the archive: \(message)")
    }
  }

  /// A description of the first difference between libzip's listing and our records, or nil.
  private static func compareListing(_ handle: OpaquePointer, _ records: [CentralDirectory.Record]) -> String? {
    let count = zip_get_num_entries(handle, 0)
    guard count == Int64(records.count) else {
      return "libzip lists \(count) entries, but the central directory holds \(records.count)"
    }
    for (index, record) in records.enumerated() {
      guard let name = zip_get_name(handle, UInt64(index), ZIP_FL_ENC_RAW) else {
        let message = String(cString: zip_strerror(handle))
        zip_error_clear(handle)
        return "libzip cannot name entry \(index + 1): \(message)"
      }
      // libzip 1.7.3 turns NUL bytes in names into spaces (and its C string would end at one anyway).
      let listed = Array(UnsafeRawBufferPointer(start: name, count: strlen(name)))
      let candidates = [record.rawName] + (record.unicodePathName.map { [$0] } ?? [])
      if !candidates.contains(where: { $0.map { $0 == 0 ? 0x20 : $0 } == listed }) {
        return "entry \(index + 1) is named \"\(displayName(raw: record.rawName))\" in the central directory, but libzip reads \"\(displayName(raw: listed))\""
      }
    }
    return nil
  }
}

func hex(_ value: UInt32) -> String {
  let digits = String(value, radix: 16, uppercase: true)
  return "0x" + String(repeating: "0", count: max(0, 8 - digits.count)) + digits
}
