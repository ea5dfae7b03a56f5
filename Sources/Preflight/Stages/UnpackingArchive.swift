import Foundation
import ImageProbe
import ZipKit

/// What unpacking_archive tells checking_images.
struct ArchiveSummary {
  /// The listing, when the archive or folder could be opened.
  var source: ImageSource?
  /// Entries that must not be decompressed (bombs, encrypted, links).
  var excluded: Set<Int> = []
  /// Why checking_images cannot run, when it cannot.
  var skipReason: String?
  /// The path could not be read at all (exit 2).
  var unreadable = false
  var stats: [String: Int] = [:]
}

/// The unpacking_archive stage: open the ZIP (or list the folder) once, without extracting,
/// and check the container and every entry.
struct UnpackingArchive {
  var path: String
  /// The archive as reports name it.
  var file: String

  static let hardLimit: UInt64 = 2 << 30
  static let softLimit: UInt64 = 2_000_000_000
  static let ratioLimit: UInt64 = 100
  static let totalLimit: UInt64 = 16 << 30

  func run(into collector: inout FindingCollector) -> ArchiveSummary {
    var summary = ArchiveSummary()
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
      collector.add(ArchiveUnreadableCheck.finding(file: file, reason: "no such file or folder"))
      summary.unreadable = true
      summary.skipReason = "the images could not be read"
      summary.stats = ["entries": 0, "images": 0, "bytes": 0]
      return summary
    }
    if isDirectory.boolValue {
      return checkFolder(into: &collector)
    }
    return checkZip(into: &collector)
  }

  // MARK: - ZIP

  private func checkZip(into collector: inout FindingCollector) -> ArchiveSummary {
    var summary = ArchiveSummary()
    let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.uint64Value ?? 0
    let prefix: [UInt8]
    do {
      let handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: path))
      defer { try? handle.close() }
      prefix = [UInt8](try handle.read(upToCount: 512) ?? Data())
    } catch {
      collector.add(ArchiveUnreadableCheck.finding(file: file, reason: error.localizedDescription))
      summary.unreadable = true
      summary.skipReason = "the images could not be read"
      summary.stats = ["entries": 0, "images": 0, "bytes": Int(clamping: size)]
      return summary
    }
    if let finding = ArchiveExtensionCheck.finding(file: file) { collector.add(finding) }
    if let finding = ArchiveSizeCheck.finding(file: file, size: size) { collector.add(finding) }
    guard ArchiveNotZipCheck.looksLikeZip(prefix) else {
      collector.add(ArchiveNotZipCheck.finding(file: file, prefix: prefix, size: size))
      summary.skipReason = "the images are not a ZIP archive"
      summary.stats = ["entries": 0, "images": 0, "bytes": Int(clamping: size)]
      return summary
    }
    let archive: ZipArchive
    do {
      archive = try ZipArchive(path: path)
    } catch {
      switch error.kind {
      case .notFound, .unreadable:
        collector.add(ArchiveUnreadableCheck.finding(file: file, reason: error.message))
        summary.unreadable = true
      case .tooManyEntries:
        collector.add(
          ArchiveUnreadableCheck.finding(
            file: file, reason: "it has more than \(CentralDirectory.maxEntries) entries, more than this tool checks"))
        summary.unreadable = true
      default:
        collector.add(ArchiveCorruptCheck.finding(file: file, error: error))
      }
      summary.skipReason = "the archive could not be opened"
      summary.stats = ["entries": 0, "images": 0, "bytes": Int(clamping: size)]
      return summary
    }
    let entries = archive.entries.map { zip in
      SourceEntry(
        index: zip.index, path: zip.name, rawPath: zip.rawName, size: zip.uncompressedSize,
        compressedSize: zip.compressedSize, isDirectory: zip.isDirectory, isSymlink: zip.isSymlink, zip: zip)
    }
    let source = ImageSource(kind: .zip, path: path, entries: entries, byteCount: size)
    summary.source = source
    let duplicates = checkNames(entries, into: &collector)
    if let problem = archive.consistencyProblem, duplicates == 0 {
      collector.add(ArchiveCorruptCheck.inconsistent(file: file, detail: problem))
    }
    for entry in entries {
      guard let zip = entry.zip else { continue }
      if zip.isEncrypted {
        collector.add(EntryEncryptedCheck.finding(file: file, entry: entry.path))
        summary.excluded.insert(entry.index)
      } else if zip.compressionMethod != 0 && zip.compressionMethod != 8 && !entry.isDirectory {
        collector.add(EntryCompressionCheck.finding(file: file, entry: entry.path, method: zip.compressionMethod))
        // libzip 1.7.3 may not decode it either: not read here (the warning says the server may not).
        summary.excluded.insert(entry.index)
      }
      if entry.isSymlink {
        collector.add(EntrySymlinkCheck.finding(file: file, entry: entry.path))
        summary.excluded.insert(entry.index)
      }
      if !zip.isUTF8Flagged && zip.rawName.contains(where: { $0 >= 0x80 }) {
        collector.add(EntryNameEncodingCheck.finding(file: file, entry: entry.path, rawName: zip.rawName))
      }
    }
    summary.excluded.formUnion(checkBombs(entries, fileSize: archive.fileSize, into: &collector))
    finishListing(entries, size: size, summary: &summary, into: &collector)
    return summary
  }

  /// Ratio, total size and overlap guards; returns the entries that must not be decompressed.
  private func checkBombs(_ entries: [SourceEntry], fileSize: UInt64, into collector: inout FindingCollector) -> Set<Int> {
    var bombs: Set<Int> = []
    for entry in entries where !entry.isDirectory && entry.hasImageExtension && entry.size > 0 {
      let (limit, overflow) = entry.compressedSize.multipliedReportingOverflow(by: Self.ratioLimit)
      if !overflow && entry.size > limit {
        collector.add(ZipBombCheck.ratio(file: file, entry: entry.path, size: entry.size, compressed: entry.compressedSize))
        bombs.insert(entry.index)
      }
    }
    var total: UInt64 = 0
    for entry in entries {
      let (sum, overflow) = total.addingReportingOverflow(entry.size)
      total = overflow ? .max : sum
    }
    if total > Self.totalLimit {
      collector.add(ZipBombCheck.total(file: file, total: total))
      bombs.formUnion(entries.map(\.index))
    }
    let pairs = CentralDirectory.overlaps(entries.map { $0.zip?.dataRange }, fileSize: fileSize)
    for (first, second) in pairs {
      let a = entries[first]
      let b = entries[second]
      if first == second {
        // Data running past the end of the file is damage, not a bomb.
        collector.add(ArchiveCorruptCheck.entry(file: file, entry: a.path, problem: "its data runs past the end of the archive"))
      } else {
        collector.add(ZipBombCheck.overlap(file: file, entry: a.path, other: b.path))
      }
      bombs.insert(a.index)
      bombs.insert(b.index)
    }
    for entry in entries where !entry.isDirectory && entry.zip?.dataRange == nil {
      collector.add(ArchiveCorruptCheck.entry(file: file, entry: entry.path, problem: "its local header cannot be found"))
      bombs.insert(entry.index)
    }
    return bombs
  }

  // MARK: - Folder

  private func checkFolder(into collector: inout FindingCollector) -> ArchiveSummary {
    var summary = ArchiveSummary()
    // The folder itself may be given through a link; links inside it are reported, not followed.
    let root = URL(fileURLWithPath: path).resolvingSymlinksInPath()
    var entries: [SourceEntry] = []
    var total: UInt64 = 0
    let keys: [URLResourceKey] = [.isDirectoryKey, .isSymbolicLinkKey, .isRegularFileKey, .fileSizeKey]
    let failures = FolderFailures()
    let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: keys, options: []) { url, error in
      failures.add(url, error)
      return true
    }
    guard let walker, FileManager.default.isReadableFile(atPath: root.path) else {
      collector.add(ArchiveUnreadableCheck.finding(file: file, reason: "the folder cannot be listed (permission denied?)"))
      summary.unreadable = true
      summary.skipReason = "the images could not be read"
      summary.stats = ["entries": 0, "images": 0, "bytes": 0]
      return summary
    }
    let rootPath = root.standardizedFileURL.path
    var found: [(path: String, directory: Bool, link: Bool, special: Bool, size: UInt64)] = []
    for case let url as URL in walker {
      let values = try? url.resourceValues(forKeys: Set(keys))
      var relative = url.standardizedFileURL.path
      if relative.hasPrefix(rootPath) { relative = String(relative.dropFirst(rootPath.count)) }
      while relative.hasPrefix("/") { relative.removeFirst() }
      let link = values?.isSymbolicLink ?? false
      let directory = !link && (values?.isDirectory ?? false)
      // FIFOs, sockets and devices: never opened (reading a FIFO would wait forever).
      let special = !link && !directory && !(values?.isRegularFile ?? false)
      if link { walker.skipDescendants() }
      if directory && !FileManager.default.isReadableFile(atPath: url.path) { failures.add(url, nil) }
      found.append((relative, directory, link, special, UInt64(max(0, values?.fileSize ?? 0))))
    }
    for failure in failures.all {
      collector.add(ArchiveUnreadableCheck.finding(file: file, reason: "\(failure) cannot be read (permission denied?)"))
      summary.unreadable = true
    }
    // Sorted by bytes, so the listing (and every report) is the same on every machine.
    found.sort { Array($0.path.utf8).lexicographicallyPrecedes(Array($1.path.utf8)) }
    for (index, item) in found.enumerated() {
      entries.append(
        SourceEntry(
          index: index, path: item.directory ? item.path + "/" : item.path, rawPath: Array(item.path.utf8),
          size: item.size, compressedSize: item.size, isDirectory: item.directory, isSymlink: item.link || item.special,
          zip: nil))
      total += item.size
    }
    let source = ImageSource(kind: .directory, path: root.path, entries: entries, byteCount: total)
    summary.source = source
    _ = checkNames(entries, into: &collector)
    for (entry, item) in zip(entries, found) where entry.isSymlink {
      collector.add(
        item.special
          ? EntrySymlinkCheck.special(file: file, entry: entry.path) : EntrySymlinkCheck.finding(file: file, entry: entry.path))
      summary.excluded.insert(entry.index)
    }
    finishListing(entries, size: total, summary: &summary, into: &collector)
    return summary
  }

  // MARK: - Shared

  /// Path safety, duplicates (bytes and NFC), NFD names; returns the number of duplicates.
  private func checkNames(_ entries: [SourceEntry], into collector: inout FindingCollector) -> Int {
    var byBytes: [[UInt8]: String] = [:]
    // String keys compare by canonical equivalence: exactly "the same after NFC".
    var byNormalized: [String: String] = [:]
    var duplicates = 0
    for entry in entries {
      if let reason = EntryUnsafePathCheck.problem(entry.path, raw: entry.rawPath) {
        collector.add(EntryUnsafePathCheck.finding(file: file, entry: entry.path, reason: reason))
      }
      if let first = byBytes[entry.rawPath] {
        collector.add(EntryDuplicateCheck.finding(file: file, entry: entry.path, first: first, normalized: false))
        duplicates += 1
      } else if let first = byNormalized[entry.path] {
        collector.add(EntryDuplicateCheck.finding(file: file, entry: entry.path, first: first, normalized: true))
        duplicates += 1
      }
      byBytes[entry.rawPath] = byBytes[entry.rawPath] ?? entry.path
      byNormalized[entry.path] = byNormalized[entry.path] ?? entry.path
      if EntryNameNFDCheck.isDecomposed(entry.path) {
        collector.add(EntryNameNFDCheck.finding(file: file, entry: entry.path))
      }
    }
    return duplicates
  }

  private func finishListing(
    _ entries: [SourceEntry], size: UInt64, summary: inout ArchiveSummary, into collector: inout FindingCollector
  ) {
    let files = entries.filter { !$0.isDirectory }
    for entry in files where entry.isNestedArchive {
      collector.add(NestedArchiveCheck.finding(file: file, entry: entry.path))
    }
    let junk = files.filter(\.isJunk)
    if let finding = JunkEntryCheck.finding(file: file, entries: junk.map(\.path)) { collector.add(finding) }
    if files.filter({ !$0.isJunk }).isEmpty {
      collector.add(ArchiveEmptyCheck.finding(file: file, hasJunk: !junk.isEmpty))
    }
    summary.stats = [
      "entries": entries.count, "images": files.filter { $0.hasImageExtension && !$0.isJunk }.count,
      "bytes": Int(clamping: size),
    ]
  }
}

/// Paths the folder walk could not enter, collected from the enumerator's error handler.
private final class FolderFailures: @unchecked Sendable {
  private var paths: [String] = []
  func add(_ url: URL, _ error: (any Error)?) { paths.append(url.path) }
  var all: [String] { Array(Set(paths)).sorted() }
}
