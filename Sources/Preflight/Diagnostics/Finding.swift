/// What a check found: a code, a message and a place. Severity is not the check's business.
public struct Finding: Sendable, Hashable {
  public var code: DiagnosticCode
  public var message: String
  public var hint: String?
  public var location: Location
  /// The offending value as read (cell text, header name), when there is one.
  public var value: String?

  public init(
    _ code: DiagnosticCode, _ message: String, hint: String? = nil, at location: Location,
    value: String? = nil
  ) {
    self.code = code
    self.message = message
    self.hint = hint
    self.location = location
    self.value = value
  }
}
