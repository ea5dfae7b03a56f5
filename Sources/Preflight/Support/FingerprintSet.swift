/// A set of 64-bit hashes with open addressing: the keys are already well mixed, so it needs
/// neither `Hasher` nor per-entry allocation. Stops growing at `limit` entries.
///
/// A class owning raw storage, so that the row loop does not retain an array for every lookup.
final class FingerprintSet {
  private var slots: UnsafeMutablePointer<UInt64>
  private var capacity = 256
  private var used = 0
  let limit: Int

  init(limit: Int) {
    self.limit = limit
    slots = .allocate(capacity: capacity)
    slots.initialize(repeating: 0, count: capacity)
  }

  deinit { slots.deallocate() }

  /// Inserts the fingerprint; returns false when it was already there, or when the set is full
  /// (so that callers do no more work for it).
  func insert(_ fingerprint: UInt64) -> Bool {
    let key = fingerprint == 0 ? 1 : fingerprint
    if (used + 1) * 4 > capacity * 3 {
      if used >= limit { return false }
      grow()
    }
    let mask = capacity - 1
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

  private func grow() {
    let old = slots
    let oldCapacity = capacity
    capacity *= 2
    slots = .allocate(capacity: capacity)
    slots.initialize(repeating: 0, count: capacity)
    let mask = capacity - 1
    for index in 0..<oldCapacity where old[index] != 0 {
      var slot = Int(truncatingIfNeeded: old[index]) & mask
      while slots[slot] != 0 { slot = (slot + 1) & mask }
      slots[slot] = old[index]
    }
    old.deallocate()
  }
}
