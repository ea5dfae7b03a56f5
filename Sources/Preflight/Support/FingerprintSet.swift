/// A set of 64-bit hashes with open addressing: the keys are already well mixed, so it needs
/// neither `Hasher` nor per-entry allocation. Stops growing at `limit` entries.
struct FingerprintSet {
  private var slots: [UInt64]
  private var used = 0
  let limit: Int

  init(limit: Int) {
    self.limit = limit
    slots = [UInt64](repeating: 0, count: 256)
  }

  var count: Int { used }

  /// Inserts the fingerprint; returns false when it was already there (or the set is full).
  mutating func insert(_ fingerprint: UInt64) -> Bool {
    let key = fingerprint == 0 ? 1 : fingerprint
    if (used + 1) * 4 > slots.count * 3 {
      if used >= limit {
        // Full: report "seen" for anything new, so callers do no more work for it.
        return false
      }
      grow()
    }
    let mask = slots.count - 1
    var slot = Int(truncatingIfNeeded: key) & mask
    while true {
      let existing = slots[slot]
      if existing == key { return false }
      if existing == 0 {
        slots[slot] = key
        used += 1
        return true
      }
      slot = (slot + 1) & mask
    }
  }

  func contains(_ fingerprint: UInt64) -> Bool {
    let key = fingerprint == 0 ? 1 : fingerprint
    let mask = slots.count - 1
    var slot = Int(truncatingIfNeeded: key) & mask
    while slots[slot] != 0 {
      if slots[slot] == key { return true }
      slot = (slot + 1) & mask
    }
    return false
  }

  private mutating func grow() {
    let old = slots
    slots = [UInt64](repeating: 0, count: old.count * 2)
    let mask = slots.count - 1
    for key in old where key != 0 {
      var slot = Int(truncatingIfNeeded: key) & mask
      while slots[slot] != 0 { slot = (slot + 1) & mask }
      slots[slot] = key
    }
  }
}
