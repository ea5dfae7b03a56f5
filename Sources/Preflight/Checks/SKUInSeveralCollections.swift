internal import CPrefetch

extension DiagnosticCode {
  public static let skuInSeveralCollections = DiagnosticCode(
    id: "sku-in-several-collections", stage: .validatingCSV, effect: .info,
    summary: "The same unique_sku_id is used in different collections.",
    explanation: "SKUs must be unique within a collection; the same SKU in another collection is allowed, but it is often a copy-paste mistake and makes shop links ambiguous.",
    fix: "Nothing required if the same product really belongs to several collections.")
}

enum SKUInSeveralCollectionsCheck {
  static func finding(at location: Location, field: String, sku: String, firstRow: Int, firstCollection: String?) -> Finding {
    let other = firstCollection.map { "collection \(Shown.quoted($0))" } ?? "another collection"
    return Finding(
      .skuInSeveralCollections, "\(field) \(Shown.quoted(sku)) is also used in \(other) (row \(firstRow))",
      hint: "allowed; check that it is the same product", at: location, value: sku)
  }
}

/// Remembers every (SKU, collection) pair by 64-bit hashes only, so that two million SKUs
/// cost about 64 MB whatever their length. A false duplicate needs a 64-bit hash collision.
struct SKURegistry {
  enum Outcome: Equatable {
    case first
    case duplicate(firstRow: Int)
    case otherCollection(firstRow: Int, firstCollection: UInt32)
  }

  /// Open addressing with a compact probe array: `tags` holds 32 bits of each SKU hash (0 =
  /// empty) and is small enough to stay in cache; `entries` (SKU hash, collection hash | first
  /// row) is read only when a tag matches, so inserting a new SKU costs one cached probe and a write.
  private var tags: [UInt32]
  private var entries: [UInt64]
  private var mask: Int
  private var used = 0
  /// (SKU, collection) pairs of SKUs seen in more than one collection.
  private var extraPairs: [UInt64: UInt32] = [:]

  init(expectedCount: Int) {
    var capacity = 1024
    while capacity * 3 < expectedCount * 4 { capacity <<= 1 }
    tags = [UInt32](repeating: 0, count: capacity)
    entries = [UInt64](repeating: 0, count: capacity * 2)
    mask = capacity - 1
  }

  mutating func register(sku: UInt64, collection: UInt64, row: Int) -> Outcome {
    if used * 4 >= (mask + 1) * 3 { grow() }
    let tag = Self.tag(sku)
    let collection32 = UInt64(Self.collectionKey(collection))
    let row32 = UInt64(UInt32(clamping: row))
    let mask = self.mask
    var slot = Int(truncatingIfNeeded: sku) & mask
    while true {
      let existing = tags[slot]
      if existing == 0 {
        tags[slot] = tag
        entries[2 * slot] = sku
        entries[2 * slot + 1] = collection32 << 32 | row32
        used += 1
        return .first
      }
      if existing == tag && entries[2 * slot] == sku {
        let value = entries[2 * slot + 1]
        let firstRow = Int(value & 0xFFFF_FFFF)
        if value >> 32 == collection32 { return .duplicate(firstRow: firstRow) }
        let pair = sku ^ (collection &* 0x9E37_79B9_7F4A_7C15)
        if let row = extraPairs[pair] { return .duplicate(firstRow: Int(row)) }
        extraPairs[pair] = UInt32(clamping: row)
        return .otherCollection(firstRow: firstRow, firstCollection: UInt32(truncatingIfNeeded: value >> 32))
      }
      slot = (slot + 1) & mask
    }
  }

  /// Asks for the cache lines `register` will touch for this SKU; call it well before.
  func prefetch(sku: UInt64) {
    let slot = Int(truncatingIfNeeded: sku) & mask
    tags.withUnsafeBufferPointer { preflight_prefetch($0.baseAddress! + slot) }
    entries.withUnsafeBufferPointer { preflight_prefetch($0.baseAddress! + 2 * slot) }
  }

  /// The 32-bit key a collection is stored under (and can be looked up by, for its name).
  static func collectionKey(_ collection: UInt64) -> UInt32 {
    UInt32(truncatingIfNeeded: collection >> 32) ^ UInt32(truncatingIfNeeded: collection)
  }

  /// The high half of the hash (the low half picks the slot), never 0.
  private static func tag(_ hash: UInt64) -> UInt32 {
    let high = UInt32(truncatingIfNeeded: hash >> 32)
    return high == 0 ? 1 : high
  }

  private mutating func grow() {
    let oldTags = tags
    let oldEntries = entries
    tags = [UInt32](repeating: 0, count: oldTags.count * 2)
    entries = [UInt64](repeating: 0, count: oldEntries.count * 2)
    mask = tags.count - 1
    for index in oldTags.indices where oldTags[index] != 0 {
      let sku = oldEntries[2 * index]
      var slot = Int(truncatingIfNeeded: sku) & mask
      while tags[slot] != 0 { slot = (slot + 1) & mask }
      tags[slot] = oldTags[index]
      entries[2 * slot] = sku
      entries[2 * slot + 1] = oldEntries[2 * index + 1]
    }
  }
}
