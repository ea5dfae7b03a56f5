/// Why a call to the Wizart API did not work, as one plain sentence for a catalogue manager.
///
/// The message never holds a secret: every message is built through the client's `SecretList`.
public struct PIMError: Error, Sendable, CustomStringConvertible {
  public enum Kind: String, Sendable {
    /// The tool is not set up to talk to the API: no credentials, a bad --api-url, an unreadable token file.
    case configuration
    /// The server refused the credentials (401, 403, or the password grant failed).
    case authentication
    /// The product type or the import does not exist for this account (404).
    case notFound
    /// The server refused what was sent (400, 422).
    case rejected
    /// Rate limited (429) after every retry.
    case rateLimited
    /// The server failed (5xx) or answered with something that is not the Wizart API.
    case server
    /// No answer: connection refused, DNS, TLS, timeout, connection lost.
    case network
    /// A local file could not be read or written.
    case localFile
  }

  public var kind: Kind
  public var message: String
  /// The HTTP status, when the server answered.
  public var httpStatus: Int?

  public init(_ kind: Kind, _ message: String, httpStatus: Int? = nil) {
    self.kind = kind
    self.message = message
    self.httpStatus = httpStatus
  }

  public var description: String { message }
}
