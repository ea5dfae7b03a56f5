/// Every failure ZipKit reports. `message` is plain English and, where libzip had something to
/// say, ends with libzip's own text (from `zip_error_strerror` / `zip_file_strerror`).
public struct ZipError: Error, Sendable, CustomStringConvertible {
  public enum Kind: String, Sendable {
    case notFound, unreadable, notAZip, truncated, inconsistent, tooManyEntries, encrypted,
      unsupportedMethod, crcMismatch, sizeMismatch, readFailed, writeFailed
  }

  public var kind: Kind
  public var message: String
  public var description: String { message }

  public init(kind: Kind, message: String) {
    self.kind = kind
    self.message = message
  }

  init(_ kind: Kind, _ message: String) {
    self.init(kind: kind, message: message)
  }
}
