/// A stable, public diagnostic code with everything `explain`, the README and SARIF need.
///
/// Each code is declared next to its check in `Checks/`; `DiagnosticCode.all` lists them.
public struct DiagnosticCode: Sendable, Hashable, CustomStringConvertible {
  public let id: String
  public let stage: Stage
  public let effect: Effect
  /// One line: when the code is reported.
  public let summary: String
  /// Why it matters for the import, in plain words.
  public let explanation: String
  /// What to do about it.
  public let fix: String
  /// A bad value or line, and its corrected form.
  public let example: (bad: String, good: String)?

  public init(
    id: String, stage: Stage, effect: Effect, summary: String, explanation: String, fix: String,
    example: (bad: String, good: String)? = nil
  ) {
    self.id = id
    self.stage = stage
    self.effect = effect
    self.summary = summary
    self.explanation = explanation
    self.fix = fix
    self.example = example
  }

  public var severity: Severity { effect.severity }
  public var description: String { id }

  public static func == (lhs: DiagnosticCode, rhs: DiagnosticCode) -> Bool { lhs.id == rhs.id }
  public func hash(into hasher: inout Hasher) { hasher.combine(id) }

  public static func named(_ id: String) -> DiagnosticCode? { byID[id] }

  private static let byID: [String: DiagnosticCode] = Dictionary(
    uniqueKeysWithValues: all.map { ($0.id, $0) })
}
