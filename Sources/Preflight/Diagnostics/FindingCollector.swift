/// Collects findings as checks emit them, with memory bounded by the per-code cap.
///
/// Counts stay exact whatever is kept: the server's view (for the prediction) counts every
/// finding, the report's view leaves out ignored codes. Counters live in arrays indexed by a
/// per-code slot, because a hostile file can emit tens of millions of findings of one code.
public struct FindingCollector: Sendable {
  public let maxPerCode: Int?
  public let ignored: Set<String>

  private(set) var kept: [Finding] = []
  private var slotIDs: [String] = []
  private var slotIgnored: [Bool] = []
  private var slotKept: [Int] = []
  private var slotOmitted: [Int] = []
  private var lastSlot = -1
  /// stage order × severity (notice, warning, error).
  private var severityCounts = [Int](repeating: 0, count: 9)
  private(set) var ignoredCount = 0
  /// Stages with at least one stops-import finding, ignored or not.
  private(set) var stoppingStages: Set<Stage> = []
  private var skippedRows = RowSet()

  public init(maxPerCode: Int?, ignored: Set<String>) {
    self.maxPerCode = maxPerCode
    self.ignored = ignored
  }

  /// Characters of a cell value kept in a diagnostic.
  static let valueLimit = 200

  public mutating func add(_ finding: Finding) {
    add(finding.code, row: finding.location.row, effect: finding.effect) { finding }
  }

  /// Counts a finding of `code` and builds it with `make` only when it will be kept: a file of
  /// twenty million bad rows costs counting, not twenty million messages.
  public mutating func add(_ code: DiagnosticCode, row: Int?, effect: Effect? = nil, _ make: () -> Finding) {
    withoutActuallyEscaping(make) { make in record(code, row: row, effect: effect, make) }
  }

  /// Counts a finding that `isFull` said would not be kept, without building it.
  public mutating func countOnly(_ code: DiagnosticCode, row: Int?) {
    record(code, row: row, effect: nil, nil)
  }

  private mutating func record(_ code: DiagnosticCode, row: Int?, effect: Effect?, _ make: (() -> Finding)?) {
    let effect = effect ?? code.effect
    if effect == .stopsImport && !stoppingStages.contains(code.stage) { stoppingStages.insert(code.stage) }
    if effect == .skipsRow, let row { skippedRows.insert(row) }
    let slot = slot(for: code)
    if slotIgnored[slot] {
      ignoredCount += 1
      return
    }
    severityCounts[Self.countIndex(code.stage, effect.severity)] += 1
    guard let make, maxPerCode.map({ slotKept[slot] < $0 }) ?? true else {
      slotOmitted[slot] += 1
      return
    }
    slotKept[slot] += 1
    var stored = make()
    // Values come from the file: a 10 MB cell must not become a 10 MB report line.
    if let value = stored.value, value.utf8.count > 2 * Self.valueLimit {
      stored.value = String(value.unicodeScalars.prefix(Self.valueLimit)) + "…"
    }
    kept.append(stored)
  }

  public var rowsSkipped: Int { skippedRows.count }

  /// Adds to the location of every kept finding about `file` (an Excel catalogue's sheet and cell).
  mutating func updateLocations(of file: String, _ update: (inout Location) -> Void) {
    for index in kept.indices where kept[index].location.file == file { update(&kept[index].location) }
  }

  /// True when another finding of `code` would only be counted (capped, or ignored).
  public mutating func isFull(_ code: DiagnosticCode) -> Bool {
    let slot = slot(for: code)
    if slotIgnored[slot] { return true }
    guard let cap = maxPerCode else { return false }
    return slotKept[slot] >= cap
  }

  public func count(_ stage: Stage, _ severity: Severity) -> Int { severityCounts[Self.countIndex(stage, severity)] }

  /// How many diagnostics of each code the cap left out (only codes that were cut).
  var omittedByCode: [String: Int] {
    var omitted: [String: Int] = [:]
    for (index, id) in slotIDs.enumerated() where slotOmitted[index] > 0 { omitted[id] = slotOmitted[index] }
    return omitted
  }

  private mutating func slot(for code: DiagnosticCode) -> Int {
    if lastSlot >= 0 && slotIDs[lastSlot] == code.id { return lastSlot }
    if let found = slotIDs.firstIndex(of: code.id) {
      lastSlot = found
      return found
    }
    slotIDs.append(code.id)
    slotIgnored.append(ignored.contains(code.id))
    slotKept.append(0)
    slotOmitted.append(0)
    lastSlot = slotIDs.count - 1
    return lastSlot
  }

  private static func countIndex(_ stage: Stage, _ severity: Severity) -> Int {
    let column: Int
    switch severity {
    case .notice: column = 0
    case .warning: column = 1
    case .error: column = 2
    }
    return stage.order * 3 + column
  }
}

/// A set of row numbers as a growable bitset: 2 million rows cost 250 KB.
struct RowSet: Sendable {
  private var words: [UInt64] = []
  private(set) var count = 0

  mutating func insert(_ row: Int) {
    guard row >= 0 else { return }
    let word = row >> 6
    if word >= words.count { words.append(contentsOf: repeatElement(0, count: max(word - words.count + 1, words.count))) }
    let bit: UInt64 = 1 << UInt64(row & 63)
    if words[word] & bit == 0 {
      words[word] |= bit
      count += 1
    }
  }
}
