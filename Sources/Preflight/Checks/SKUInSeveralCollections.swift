extension DiagnosticCode {
  public static let skuInSeveralCollections = DiagnosticCode(
    id: "sku-in-several-collections", stage: .validatingCSV, effect: .info,
    summary: "The same unique_sku_id is used in different collections.",
    explanation: "SKUs must be unique within a collection; the same SKU in another collection is allowed, but it is often a copy-paste mistake and makes shop links ambiguous.",
    fix: "Nothing required if the same product really belongs to several collections.")
}

enum SKUInSeveralCollectionsCheck {
  static func finding(at location: Location, field: String, sku: String, firstRow: Int) -> Finding {
    Finding(
      .skuInSeveralCollections, "\(field) \"\(sku)\" is also used in another collection (first at row \(firstRow))",
      hint: "allowed; check that it is the same product", at: location, value: sku)
  }
}

/// Remembers every (SKU, collection) pair by 64-bit hashes only, so that two million SKUs
/// cost about 64 MB whatever their length. A false duplicate needs a 64-bit hash collision.
struct SKURegistry {
  enum Outcome: Equatable {
    case first
    case duplicate(firstRow: Int)
    case otherCollection(firstRow: Int)
  }

  /// Open addressing: key = SKU hash; value = collection hash (high 32 bits) | first row.
  private var keys: [UInt64]
  private var values: [UInt64]
  private var mask: Int
  private var used = 0
  /// (SKU, collection) pairs of SKUs seen in more than one collection.
  private var extraPairs: [UInt64: UInt32] = [:]

  init(expectedCount: Int) {
    var capacity = 1024
    while capacity < expectedCount * 2 { capacity <<= 1 }
    keys = [UInt64](repeating: 0, count: capacity)
    values = [UInt64](repeating: 0, count: capacity)
    mask = capacity - 1
  }

  mutating func register(sku: UInt64, collection: UInt64, row: Int) -> Outcome {
    if used * 4 >= keys.count * 3 { grow() }
    let key = sku == 0 ? 1 : sku
    let collection32 = UInt64(truncatingIfNeeded: collection >> 32) ^ (collection & 0xFFFF_FFFF)
    let row32 = UInt64(UInt32(clamping: row))
    var slot = Int(truncatingIfNeeded: key) & mask
    while true {
      let existing = keys[slot]
      if existing == 0 {
        keys[slot] = key
        values[slot] = collection32 << 32 | row32
        used += 1
        return .first
      }
      if existing == key {
        let firstRow = Int(values[slot] & 0xFFFF_FFFF)
        if values[slot] >> 32 == collection32 { return .duplicate(firstRow: firstRow) }
        let pair = key ^ (collection &* 0x9E37_79B9_7F4A_7C15)
        if let row = extraPairs[pair] { return .duplicate(firstRow: Int(row)) }
        extraPairs[pair] = UInt32(clamping: row)
        return .otherCollection(firstRow: firstRow)
      }
      slot = (slot + 1) & mask
    }
  }

  private mutating func grow() {
    let oldKeys = keys
    let oldValues = values
    keys = [UInt64](repeating: 0, count: oldKeys.count * 2)
    values = [UInt64](repeating: 0, count: oldKeys.count * 2)
    mask = keys.count - 1
    for index in oldKeys.indices where oldKeys[index] != 0 {
      var slot = Int(truncatingIfNeeded: oldKeys[index]) & mask
      while keys[slot] != 0 { slot = (slot + 1) & mask }
      keys[slot] = oldKeys[index]
      values[slot] = oldValues[index]
    }
  }
}
