internal import CLibzip
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes ZIPs through libzip: the upload archive of `pack` (files streamed from disk) and the
/// test suites' fixtures (bytes in memory).
public enum ZipWriter {
  public enum Method: Sendable { case stored, deflate }

  public struct Item: Sendable {
    /// Where an entry's bytes come from: memory, or a file libzip reads in chunks at close time.
    public enum Content: Sendable {
      case bytes([UInt8])
      case file(String)
    }

    public var name: String
    public var content: Content
    public var method: Method

    public init(name: String, data: [UInt8], method: Method = .deflate) {
      self.name = name
      self.content = .bytes(data)
      self.method = method
    }

    /// A file on disk, never loaded whole; stored (images are already compressed) unless asked.
    public init(name: String, file: String, method: Method = .stored) {
      self.name = name
      self.content = .file(file)
      self.method = method
    }

    var isDirectory: Bool {
      guard name.hasSuffix("/"), case .bytes(let data) = content else { return false }
      return data.isEmpty
    }
  }

  /// 2024-01-01 00:00 in MS-DOS date/time format.
  static let dosDate: UInt16 = (2024 - 1980) << 9 | 1 << 5 | 1
  static let dosTime: UInt16 = 0

  /// Entries in the given order, fixed timestamps (2024-01-01 00:00), UTF-8 flag for non-ASCII names; atomic (temp + rename).
  /// A name ending in "/" with no data becomes a directory entry. Files get UNIX mode 0644,
  /// directories 0755. An empty list writes a valid empty archive (libzip itself would write no file).
  /// Names must be unique and contain no NUL (.writeFailed otherwise). `progress` gets the
  /// fraction written (0…1) while libzip writes the archive.
  public static func write(_ items: [Item], to path: String, progress: ((Double) -> Void)? = nil) throws(ZipError) {
    for item in items where item.name.utf8.contains(0) {
      throw ZipError(.writeFailed, "entry names cannot contain NUL bytes: \(item.name.debugDescription)")
    }
    let temporary = "\(path).tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
    if items.isEmpty {
      try writeFile(emptyArchive, to: temporary)
    } else {
      try writeWithLibzip(items, to: temporary, progress: progress)
    }
    if rename(temporary, path) != 0 {
      let reason = String(cString: strerror(errno))
      unlink(temporary)
      throw ZipError(.writeFailed, "\(path): cannot be replaced (\(reason))")
    }
  }

  /// An end-of-central-directory record and nothing else.
  static let emptyArchive: [UInt8] = [0x50, 0x4B, 0x05, 0x06] + [UInt8](repeating: 0, count: 18)

  private static func writeWithLibzip(_ items: [Item], to temporary: String, progress: ((Double) -> Void)?) throws(ZipError) {
    let (opened, code) = LibzipOpen.open(temporary, flags: ZIP_CREATE | ZIP_EXCL)
    guard let archive = opened else {
      throw ZipError(.writeFailed, "\(temporary): libzip cannot create it: \(libzipMessage(code))")
    }
    func fail(_ what: String) -> ZipError {
      let message = String(cString: zip_strerror(archive))
      zip_discard(archive)
      unlink(temporary)
      return ZipError(.writeFailed, "\(what): \(message)")
    }
    for item in items {
      let encoding = item.name.utf8.contains { $0 >= 0x80 } ? ZIP_FL_ENC_UTF_8 : ZIP_FL_ENC_GUESS
      let isDirectory = item.isDirectory
      let index: Int64
      switch item.content {
      case _ where isDirectory:
        index = zip_dir_add(archive, item.name, encoding)
      case .bytes(let data):
        // libzip reads the data at zip_close; give it its own copy, freed by libzip.
        let copy = malloc(max(data.count, 1))!
        data.withUnsafeBytes { bytes in
          if let base = bytes.baseAddress { memcpy(copy, base, bytes.count) }
        }
        guard let source = zip_source_buffer(archive, copy, UInt64(data.count), 1) else {
          free(copy)
          throw fail("cannot add \(item.name.debugDescription)")
        }
        index = zip_file_add(archive, item.name, source, encoding)
        if index < 0 { zip_source_free(source) }
      case .file(let file):
        guard let source = zip_source_file(archive, file, 0, -1) else { throw fail("cannot read \(file)") }
        index = zip_file_add(archive, item.name, source, encoding)
        if index < 0 { zip_source_free(source) }
      }
      guard index >= 0 else { throw fail("cannot add \(item.name.debugDescription)") }
      let entry = UInt64(index)
      let method = isDirectory || item.method == .stored ? ZIP_CM_STORE : ZIP_CM_DEFLATE
      let mode: UInt32 = isDirectory ? 0o040755 : 0o100644
      let attributes = mode << 16 | (isDirectory ? 0x10 : 0)
      guard zip_set_file_compression(archive, entry, method, 0) == 0,
        zip_file_set_dostime(archive, entry, dosTime, dosDate, 0) == 0,
        zip_file_set_external_attributes(archive, entry, 0, UInt8(ZIP_OPSYS_UNIX), attributes) == 0
      else { throw fail("cannot set the attributes of \(item.name.debugDescription)") }
    }
    let reporter = progress.map { ProgressReporter($0) }
    if let reporter {
      let context = Unmanaged.passRetained(reporter).toOpaque()
      zip_register_progress_callback_with_state(
        archive, 0.001,
        { _, fraction, context in
          guard let context else { return }
          Unmanaged<ProgressReporter>.fromOpaque(context).takeUnretainedValue().report(fraction)
        },
        { context in
          guard let context else { return }
          Unmanaged<ProgressReporter>.fromOpaque(context).release()
        }, context)
    }
    guard zip_close(archive) == 0 else { throw fail("cannot write \(temporary)") }
  }

  /// Carries the progress closure through libzip's C callback.
  private final class ProgressReporter {
    let report: (Double) -> Void
    init(_ report: @escaping (Double) -> Void) { self.report = report }
  }

  private static func writeFile(_ bytes: [UInt8], to path: String) throws(ZipError) {
    let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
    guard fd >= 0 else { throw ZipError(.writeFailed, "\(path): cannot be created (\(String(cString: strerror(errno))))") }
    var written = 0
    var failure: Int32 = 0
    bytes.withUnsafeBytes { buffer in
      while written < buffer.count {
        let n = systemWrite(fd, buffer.baseAddress! + written, buffer.count - written)
        if n > 0 { written += n } else if errno != EINTR { failure = errno; break }
      }
    }
    if failure != 0 || close(fd) != 0 {
      unlink(path)
      throw ZipError(.writeFailed, "\(path): cannot be written (\(String(cString: strerror(failure != 0 ? failure : errno))))")
    }
  }
}

private func systemWrite(_ fd: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int { write(fd, buffer, count) }
