import Foundation
import ZipKit

/// One file of the image archive or folder, as the checks see it.
struct SourceEntry: Sendable {
  var index: Int
  /// The name as the server would see it: decoded ZIP name, or the path relative to the folder.
  var path: String
  var rawPath: [UInt8]
  var size: UInt64
  var compressedSize: UInt64
  var isDirectory: Bool
  var isSymlink: Bool
  /// ZIP details (nil for a folder).
  var zip: ZipEntry?

  /// File name without folders.
  var fileName: String { path.split(separator: "/", omittingEmptySubsequences: true).last.map(String.init) ?? path }

  /// Lower-cased extension without the dot ("" when there is none).
  var fileExtension: String {
    let name = fileName
    guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return "" }
    return name[name.index(after: dot)...].lowercased()
  }

  /// File name without its extension: what references match against.
  var baseName: String {
    let name = fileName
    guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return name }
    return String(name[..<dot])
  }

  static let imageExtensions: Set<String> = ["jpg", "jpeg", "png", "gif", "webp", "tif", "tiff", "bmp", "heic", "heif"]
  static let archiveExtensions: Set<String> = ["zip", "rar", "7z", "gz", "tgz", "tar", "bz2", "xz", "zst"]

  var hasImageExtension: Bool { Self.imageExtensions.contains(fileExtension) }
  var isNestedArchive: Bool { !isDirectory && Self.archiveExtensions.contains(fileExtension) }

  /// macOS and Windows leftovers: `__MACOSX/`, `._*`, `.DS_Store`, `Thumbs.db`, `desktop.ini`.
  var isJunk: Bool {
    let components = path.split(separator: "/")
    if components.first == "__MACOSX" { return true }
    let name = fileName
    let lower = name.lowercased()
    return name.hasPrefix("._") || name == ".DS_Store" || lower == "thumbs.db" || lower == "desktop.ini"
  }
}

/// Reads the bytes of entries; not shared between threads (one per worker).
protocol EntryReader: AnyObject {
  /// Streams up to `limit` bytes of the entry to `body`; returns how many were delivered.
  func read(_ entry: SourceEntry, limit: Int, _ body: (UnsafeRawBufferPointer) throws -> Bool) throws -> Int
  /// Reads the whole entry (up to `limit`), checking size and checksum where the source has
  /// them; returns the last bytes for end-marker checks.
  func verify(_ entry: SourceEntry, limit: UInt64) throws -> [UInt8]
}

/// The images given with --images: a ZIP archive or a folder, listed once.
struct ImageSource: Sendable {
  enum Kind: Sendable {
    case zip
    case directory
  }

  var kind: Kind
  /// The path to open.
  var path: String
  var entries: [SourceEntry]
  /// Archive size, or the sum of the folder's file sizes.
  var byteCount: UInt64

  /// A reader for the calling thread (each ZIP reader owns its own libzip handle).
  func makeReader() throws -> EntryReader {
    switch kind {
    case .zip:
      let checked = entries.compactMap(\.zip)
      return try ZipEntryReader(archive: ZipArchive(path: path, checkedEntries: checked, fileSize: byteCount))
    case .directory: return DirectoryEntryReader(root: path)
    }
  }
}

final class ZipEntryReader: EntryReader {
  private let archive: ZipArchive

  init(archive: ZipArchive) { self.archive = archive }

  func read(_ entry: SourceEntry, limit: Int, _ body: (UnsafeRawBufferPointer) throws -> Bool) throws -> Int {
    guard let zip = entry.zip else { return 0 }
    return try archive.read(zip, limit: limit, body)
  }

  func verify(_ entry: SourceEntry, limit: UInt64) throws -> [UInt8] {
    guard let zip = entry.zip else { return [] }
    return try archive.verify(zip, limit: limit)
  }
}

/// Reads files of the images folder; never follows symbolic links (they are not read at all).
final class DirectoryEntryReader: EntryReader {
  private let root: URL

  init(root: String) { self.root = URL(fileURLWithPath: root) }

  func read(_ entry: SourceEntry, limit: Int, _ body: (UnsafeRawBufferPointer) throws -> Bool) throws -> Int {
    guard !entry.isSymlink else { return 0 }
    let handle = try FileHandle(forReadingFrom: root.appendingPathComponent(entry.path))
    defer { try? handle.close() }
    var delivered = 0
    while delivered < limit {
      let chunk = try handle.read(upToCount: min(1 << 16, limit - delivered)) ?? Data()
      if chunk.isEmpty { break }
      delivered += chunk.count
      let keepGoing = try chunk.withUnsafeBytes { try body($0) }
      if !keepGoing { break }
    }
    return delivered
  }

  func verify(_ entry: SourceEntry, limit: UInt64) throws -> [UInt8] {
    var tail: [UInt8] = []
    _ = try read(entry, limit: Int(clamping: limit)) { chunk in
      tail.append(contentsOf: chunk.suffix(64))
      if tail.count > 64 { tail.removeFirst(tail.count - 64) }
      return true
    }
    return tail
  }
}
