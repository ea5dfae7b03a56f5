import Foundation

/// The archive's files by base name, for resolving `product_image` references.
///
/// Keys are Swift strings, which compare by canonical equivalence: a reference and a file name
/// match exactly after NFC normalisation, as rules.md asks.
struct ImageIndex {
  private(set) var byBaseName: [String: [Int]] = [:]
  private var byLowercased: [String: [Int]] = [:]
  /// (base name, entry index) sorted by base name, for prefix lookups.
  private var sortedNames: [(name: String, entry: Int)] = []
  /// Lower-cased scalars of each sorted name, computed once for the typo search.
  private var loweredNames: [[Unicode.Scalar]] = []
  let entries: [SourceEntry]

  /// Indexes the regular files that could be images: not folders, links, system files or nested archives.
  init(entries: [SourceEntry]) {
    self.entries = entries
    for entry in entries where !entry.isDirectory && !entry.isSymlink && !entry.isJunk && !entry.isNestedArchive {
      let key = entry.baseName.precomposedStringWithCanonicalMapping
      byBaseName[key, default: []].append(entry.index)
      byLowercased[key.lowercased(), default: []].append(entry.index)
      sortedNames.append((key, entry.index))
    }
    sortedNames.sort { Array($0.name.utf8).lexicographicallyPrecedes(Array($1.name.utf8)) }
    loweredNames = sortedNames.map { Array($0.name.lowercased().unicodeScalars) }
  }

  func matches(name: String) -> [Int] { byBaseName[name.precomposedStringWithCanonicalMapping] ?? [] }

  /// Entries whose base name starts with the prefix (compared on NFC scalars).
  func matches(prefix: String) -> [Int] {
    let key = prefix.precomposedStringWithCanonicalMapping
    let bytes = Array(key.utf8)
    var low = 0
    var high = sortedNames.count
    while low < high {
      let middle = (low + high) / 2
      if Array(sortedNames[middle].name.utf8).lexicographicallyPrecedes(bytes) { low = middle + 1 } else { high = middle }
    }
    var found: [Int] = []
    while low < sortedNames.count && sortedNames[low].name.utf8.starts(with: bytes) {
      found.append(sortedNames[low].entry)
      low += 1
    }
    return found.sorted()
  }

  /// Files a person probably meant by a name that matched nothing, closest first: other
  /// capitals, the name without its extension, then up to two typing mistakes.
  func candidates(for name: String, limit: Int = 3) -> [(entry: Int, why: String)] {
    var found: [(Int, String)] = []
    var seen: Set<Int> = []
    func add(_ entries: [Int], _ why: String) {
      for entry in entries where !seen.contains(entry) && found.count < limit {
        seen.insert(entry)
        found.append((entry, why))
      }
    }
    let key = name.precomposedStringWithCanonicalMapping
    add(byLowercased[key.lowercased()] ?? [], "other capitals")
    if let dot = key.lastIndex(of: "."), dot != key.startIndex {
      let bare = String(key[..<dot])
      add(byBaseName[bare] ?? [], "other extension")
      add(byLowercased[bare.lowercased()] ?? [], "other extension and capitals")
    }
    if found.count < limit && key.count <= 200 {
      let lowered = Array(key.lowercased().unicodeScalars)
      var near: [(Int, Int)] = []
      for (position, candidate) in loweredNames.enumerated() where abs(candidate.count - lowered.count) <= 2 {
        let entry = sortedNames[position].entry
        guard !seen.contains(entry), let distance = EditDistance.within(lowered, candidate, limit: 2) else { continue }
        near.append((distance, entry))
      }
      near.sort { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }
      add(near.map(\.1), "similar name")
    }
    return found
  }
}
