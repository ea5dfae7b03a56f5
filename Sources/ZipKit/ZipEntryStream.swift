internal import CLibzip

/// Pull-style reading of one entry, for consumers that ask for bytes (libxml2's xmlTextReader
/// calls back for input) rather than take pushed chunks like `ZipArchive.read`.
///
/// Never decompresses more than `limit` bytes plus one probe byte: an entry that holds more stops
/// at the limit and says so through `exceededLimit`, so a compression bomb costs at most the budget.
/// Not Sendable: one thread, like the archive it reads from (which it keeps alive). Closes in deinit.
public final class ZipEntryStream {
  public let entry: ZipEntry
  /// Bytes this stream will deliver at most.
  public let limit: Int
  /// Bytes delivered so far.
  public private(set) var delivered = 0
  /// The entry ended (or the limit was reached): `read` returns 0 from now on.
  public private(set) var isAtEnd = false
  /// The entry holds more than `limit` bytes; found when the limit was reached.
  public private(set) var exceededLimit = false

  private let archive: ZipArchive
  private let file: OpaquePointer

  /// Opens the entry for reading. Throws like `ZipArchive.read`: .encrypted, .unsupportedMethod,
  /// .readFailed (not an entry of this archive, or libzip cannot open it).
  public init(archive: ZipArchive, entry: ZipEntry, limit: Int) throws(ZipError) {
    try archive.checkReadable(entry)
    self.file = try archive.openFile(entry, kind: ZipArchive.readErrorKind)
    self.archive = archive
    self.entry = entry
    self.limit = max(0, limit)
  }

  deinit { zip_fclose(file) }

  /// Fills up to `buffer.count` bytes; returns how many, 0 at the end of the entry or at the limit.
  /// Throws .crcMismatch (data damaged), .sizeMismatch, .encrypted, .readFailed with libzip's message;
  /// after an error the stream stays at its end.
  public func read(into buffer: UnsafeMutableRawBufferPointer) throws(ZipError) -> Int {
    guard !isAtEnd, let base = buffer.baseAddress, buffer.count > 0 else { return 0 }
    if delivered >= limit {
      // One probe byte tells "exactly `limit` bytes" from "more than allowed".
      var probe: UInt8 = 0
      let n = try fread(&probe, 1)
      isAtEnd = true
      exceededLimit = n > 0
      return 0
    }
    let n = try fread(base, min(buffer.count, limit - delivered))
    if n == 0 {
      isAtEnd = true
    }
    delivered += n
    return n
  }

  private func fread(_ pointer: UnsafeMutableRawPointer, _ count: Int) throws(ZipError) -> Int {
    let n = zip_fread(file, pointer, UInt64(count))
    guard n >= 0 else {
      isAtEnd = true
      let code = zip_error_code_zip(zip_file_get_error(file))
      let message = String(cString: zip_file_strerror(file))
      let kind: ZipError.Kind
      switch code {
      case ZIP_ER_CRC: kind = .crcMismatch
      case ZIP_ER_INCONS: kind = .sizeMismatch
      default: kind = ZipArchive.readErrorKind(code)
      }
      throw ZipError(kind, "\(ZipArchive.shown(entry)) cannot be read after \(delivered) bytes: \(message)")
    }
    return Int(n)
  }
}
