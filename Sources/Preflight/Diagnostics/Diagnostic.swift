/// A finding as reported: the finding plus the severity its code's effect gives it.
public struct Diagnostic: Sendable, Hashable {
  public let finding: Finding

  public init(_ finding: Finding) { self.finding = finding }

  public var code: DiagnosticCode { finding.code }
  public var severity: Severity { finding.effect.severity }
  public var effect: Effect { finding.effect }
  public var stage: Stage { finding.code.stage }
  public var message: String { finding.message }
  public var hint: String? { finding.hint }
  public var location: Location { finding.location }
  public var value: String? { finding.value }

  /// Report order: stage, file, line, column, entry, code; then message and value so that
  /// equal keys still sort the same way on every run.
  public static func reportOrder(_ a: Diagnostic, _ b: Diagnostic) -> Bool {
    if a.stage != b.stage { return a.stage < b.stage }
    let la = a.location
    let lb = b.location
    if la.file != lb.file { return ascending(la.file, lb.file) }
    if la.line != lb.line { return ascending(la.line, lb.line) }
    if la.column != lb.column { return ascending(la.column, lb.column) }
    if la.entry != lb.entry { return ascending(la.entry, lb.entry) }
    if a.code.id != b.code.id { return a.code.id < b.code.id }
    if a.message != b.message { return a.message < b.message }
    return ascending(a.value, b.value)
  }

  /// Absent parts sort first: a file-level problem comes before its lines.
  private static func ascending<T: Comparable>(_ a: T?, _ b: T?) -> Bool {
    switch (a, b) {
    case (nil, nil): false
    case (nil, _): true
    case (_, nil): false
    case let (x?, y?): x < y
    }
  }
}
