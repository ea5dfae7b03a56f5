/// Collects findings as checks emit them, with memory bounded by the per-code cap.
///
/// Counts stay exact whatever is kept: the server's view (for the prediction) counts every
/// finding, the report's view leaves out ignored codes.
public struct FindingCollector: Sendable {
  public let maxPerCode: Int?
  public let ignored: Set<String>

  private(set) var kept: [Finding] = []
  private(set) var keptByCode: [String: Int] = [:]
  private(set) var omittedByCode: [String: Int] = [:]
  private(set) var counts: [Stage: [Severity: Int]] = [:]
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
    let code = finding.code
    if code.effect == .stopsImport { stoppingStages.insert(code.stage) }
    if code.effect == .skipsRow, let row = finding.location.row { skippedRows.insert(row) }
    if ignored.contains(code.id) {
      ignoredCount += 1
      return
    }
    counts[code.stage, default: [:]][code.severity, default: 0] += 1
    let already = keptByCode[code.id, default: 0]
    if let cap = maxPerCode, already >= cap {
      omittedByCode[code.id, default: 0] += 1
      return
    }
    keptByCode[code.id] = already + 1
    var stored = finding
    // Values come from the file: a 10 MB cell must not become a 10 MB report line.
    if let value = stored.value, value.utf8.count > 2 * Self.valueLimit {
      stored.value = String(value.unicodeScalars.prefix(Self.valueLimit)) + "…"
    }
    kept.append(stored)
  }

  public var rowsSkipped: Int { skippedRows.count }

  public func count(_ stage: Stage, _ severity: Severity) -> Int { counts[stage]?[severity] ?? 0 }

  public func hasFinding(_ code: DiagnosticCode) -> Bool {
    keptByCode[code.id] != nil || omittedByCode[code.id] != nil
  }
}

/// A set of row numbers as a growable bitset: 2 million rows cost 250 KB.
struct RowSet: Sendable {
  private var words: [UInt64] = []
  private(set) var count = 0

  mutating func insert(_ row: Int) {
    guard row >= 0 else { return }
    let word = row >> 6
    if word >= words.count { words.append(contentsOf: repeatElement(0, count: word - words.count + 1)) }
    let bit: UInt64 = 1 << UInt64(row & 63)
    if words[word] & bit == 0 {
      words[word] |= bit
      count += 1
    }
  }
}
