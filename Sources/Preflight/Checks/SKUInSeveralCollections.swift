internal import CPrefetch

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

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
/// cost about 50 MB whatever their length. A false duplicate needs a 64-bit hash collision.
///
/// A class owning raw storage: the row loop touches it for every row, and an array inside a
/// struct would be retained and released each time.
final class SKURegistry {
  enum Outcome: Equatable {
    case first
    case duplicate(firstRow: Int)
    case otherCollection(firstRow: Int, firstCollection: UInt32)
  }

  /// Open addressing with a compact probe array: `tags` holds 32 bits of each SKU hash (0 =
  /// empty) and is small enough to stay in cache; `entries` (SKU hash, collection key << 32 |
  /// first row) is read only when a tag matches.
  private var tags: UnsafeMutablePointer<UInt32>
  private var entries: UnsafeMutablePointer<UInt64>
  private var capacity: Int
  private var used = 0
  /// (SKU, collection) pairs of SKUs seen in more than one collection.
  private var extraPairs: [UInt64: UInt32] = [:]

  /// Set when memory for a larger table could not be had: SKUs already held are still checked,
  /// new ones are no longer remembered (a missed duplicate, never a crash).
  private(set) var saturated = false

  init(expectedCount: Int) {
    var capacity = 1024
    while capacity * 3 < expectedCount * 4 { capacity <<= 1 }
    // An optimistic pre-size that the system refuses is halved, down to the smallest table.
    while true {
      if let tags = Self.zeroed(UInt32.self, capacity), let entries = Self.zeroed(UInt64.self, capacity * 2) {
        self.tags = tags
        self.entries = entries
        self.capacity = capacity
        return
      }
      guard capacity > 1024 else {
        preconditionFailure("the system has no memory for a 36 KB table")
      }
      capacity /= 2
    }
  }

  deinit {
    free(tags)
    free(entries)
  }

  /// calloc: pages never written stay unmapped, so a generous pre-size costs no memory until
  /// SKUs arrive. Nil when the system refuses.
  private static func zeroed<T>(_ type: T.Type, _ count: Int) -> UnsafeMutablePointer<T>? {
    calloc(count, MemoryLayout<T>.stride)?.bindMemory(to: T.self, capacity: count)
  }

  /// Asks for the cache lines `register` will touch for this SKU; call it well before.
  func prefetch(sku: UInt64) {
    let slot = Int(truncatingIfNeeded: sku) & (capacity - 1)
    preflight_prefetch(tags + slot)
    preflight_prefetch(entries + 2 * slot)
  }

  func register(sku: UInt64, collection: UInt64, row: Int) -> Outcome {
    if used * 4 >= capacity * 3 && !saturated { grow() }
    if used + 1 >= capacity { return lookupOnly(sku: sku, collection: collection) }
    let tag = Self.tag(sku)
    let collectionKey = UInt64(Self.collectionKey(collection))
    let row32 = UInt64(UInt32(clamping: row))
    let mask = capacity - 1
    var slot = Int(truncatingIfNeeded: sku) & mask
    while true {
      let existing = tags[slot]
      if existing == 0 {
        tags[slot] = tag
        entries[2 * slot] = sku
        entries[2 * slot + 1] = collectionKey << 32 | row32
        used += 1
        return .first
      }
      if existing == tag && entries[2 * slot] == sku {
        let value = entries[2 * slot + 1]
        let firstRow = Int(value & 0xFFFF_FFFF)
        if value >> 32 == collectionKey { return .duplicate(firstRow: firstRow) }
        let pair = sku ^ (collection &* 0x9E37_79B9_7F4A_7C15)
        if let row = extraPairs[pair] { return .duplicate(firstRow: Int(row)) }
        extraPairs[pair] = UInt32(clamping: row)
        return .otherCollection(firstRow: firstRow, firstCollection: UInt32(truncatingIfNeeded: value >> 32))
      }
      slot = (slot + 1) & mask
    }
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

  /// A full table that cannot grow: answers for the SKUs it holds, remembers no new ones.
  private func lookupOnly(sku: UInt64, collection: UInt64) -> Outcome {
    let tag = Self.tag(sku)
    let mask = capacity - 1
    var slot = Int(truncatingIfNeeded: sku) & mask
    for _ in 0..<capacity {
      let existing = tags[slot]
      if existing == 0 { return .first }
      if existing == tag && entries[2 * slot] == sku {
        let value = entries[2 * slot + 1]
        let firstRow = Int(value & 0xFFFF_FFFF)
        if value >> 32 == UInt64(Self.collectionKey(collection)) { return .duplicate(firstRow: firstRow) }
        return .otherCollection(firstRow: firstRow, firstCollection: UInt32(truncatingIfNeeded: value >> 32))
      }
      slot = (slot + 1) & mask
    }
    return .first
  }

  private func grow() {
    guard let newTags = Self.zeroed(UInt32.self, capacity * 2) else {
      saturated = true
      return
    }
    guard let newEntries = Self.zeroed(UInt64.self, capacity * 4) else {
      free(newTags)
      saturated = true
      return
    }
    let oldTags = tags
    let oldEntries = entries
    let oldCapacity = capacity
    capacity *= 2
    tags = newTags
    entries = newEntries
    let mask = capacity - 1
    for index in 0..<oldCapacity where oldTags[index] != 0 {
      let sku = oldEntries[2 * index]
      var slot = Int(truncatingIfNeeded: sku) & mask
      while tags[slot] != 0 { slot = (slot + 1) & mask }
      tags[slot] = oldTags[index]
      entries[2 * slot] = sku
      entries[2 * slot + 1] = oldEntries[2 * index + 1]
    }
    free(oldTags)
    free(oldEntries)
  }
}
