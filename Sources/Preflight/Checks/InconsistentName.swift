extension DiagnosticCode {
  public static let inconsistentName = DiagnosticCode(
    id: "inconsistent-name", stage: .validatingCSV, effect: .quality,
    summary: "Brand or collection names that differ only by capitals or spaces.",
    explanation: "Brands and collections become folders of the catalogue. \"Classic\" and \"classic\" (or \"Classic  Line\" and \"Classic Line\") make two folders of what should be one.",
    fix: "Write every occurrence of the name the same way.",
    example: (bad: "Classic … classic", good: "Classic … Classic"))
}

/// Tracks the first spelling of each brand and collection name by a folded key
/// (lower case, spaces collapsed). Bounded: past `limit` distinct names, new ones are not tracked.
struct NameSpellings {
  private struct Entry { var spelling: String; var row: Int; var variants: Set<String> }
  private var entries: [String: Entry] = [:]
  let limit: Int

  init(limit: Int = 100_000) { self.limit = limit }

  static func fold(_ value: String) -> String {
    value.lowercased().split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\u{00A0}" }).joined(separator: " ")
  }

  /// The first spelling and its row when `value` is a new variant of an earlier name.
  mutating func check(_ value: String, key: String, row: Int) -> (spelling: String, row: Int)? {
    if var entry = entries[key] {
      guard value != entry.spelling, !entry.variants.contains(value) else { return nil }
      entry.variants.insert(value)
      entries[key] = entry
      return (entry.spelling, entry.row)
    }
    if entries.count < limit { entries[key] = Entry(spelling: value, row: row, variants: []) }
    return nil
  }
}

enum InconsistentNameCheck {
  static func finding(at location: Location, field: String, value: String, first: String, firstRow: Int) -> Finding {
    Finding(
      .inconsistentName, "\(field) \(Shown.quoted(value)) differs only by capitals or spaces from \(Shown.quoted(first)) (row \(firstRow))",
      hint: "write it \(Shown.quoted(first)) everywhere, or the catalogue gets two of them", at: location, value: value)
  }
}
