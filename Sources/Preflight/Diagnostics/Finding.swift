/// What a check found: a code, a message and a place. Severity is not the check's business.
public struct Finding: Sendable, Hashable {
  public var code: DiagnosticCode
  public var message: String
  public var hint: String?
  public var location: Location
  /// The offending value as read (cell text, header name), when there is one.
  public var value: String?
  /// A milder effect than the code's own, where diagnostics.md gives one code two severities
  /// (archive-too-large above 2,000,000,000 bytes; image-color-mode for palette and 16-bit).
  public var effectOverride: Effect?

  public init(
    _ code: DiagnosticCode, _ message: String, hint: String? = nil, at location: Location,
    value: String? = nil, effect: Effect? = nil
  ) {
    self.code = code
    self.message = message
    self.hint = hint
    self.location = location
    self.value = value
    self.effectOverride = effect
  }

  public var effect: Effect { effectOverride ?? code.effect }
}
