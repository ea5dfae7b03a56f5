import ZipKit

/// The package's parts by name. OPC part names compare case-insensitively (ASCII), so two entries
/// whose names differ only by case, or are equal, are one ambiguous part: different readers could
/// pick different copies, so such a part is refused rather than guessed.
struct PartIndex {
  let archive: ZipArchive
  private var byName: [String: ZipEntry] = [:]
  private var ambiguous: Set<String> = []

  init(archive: ZipArchive) {
    self.archive = archive
    for entry in archive.entries where !entry.isDirectory {
      let key = Self.key(entry.name)
      if byName[key] != nil {
        ambiguous.insert(key)
      } else {
        byName[key] = entry
      }
    }
  }

  /// The entry of part `name` (no leading slash), nil when absent.
  func entry(_ name: String) throws(XLSXError) -> ZipEntry? {
    let key = Self.key(name)
    if ambiguous.contains(key) {
      throw XLSXError(.malformed, "the package holds two parts named \(name), so it is unclear which one Excel would read", part: name)
    }
    return byName[key]
  }

  func contains(_ name: String) -> Bool { byName[Self.key(name)] != nil }

  private static func key(_ name: String) -> String {
    String(decoding: name.utf8.map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 0x20 : $0 }, as: UTF8.self)
  }
}
