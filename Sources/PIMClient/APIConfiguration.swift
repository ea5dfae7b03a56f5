import Foundation

/// Where the API is and how patient to be with it.
public struct APIConfiguration: Sendable {
  public static let defaultBaseURL = "https://pim-client.wizart.ai/api/v2.1"

  /// The API root, e.g. `https://pim-client.wizart.ai/api/v2.1` (no trailing slash).
  public private(set) var baseURL: URL
  /// `scheme://host[:port]/oauth/token`: the token endpoint sits at the host root, not under
  /// the versioned path (wizart-api.md §2.2).
  public private(set) var tokenURL: URL
  /// `host` or `host:port`, for messages.
  public private(set) var hostLabel: String

  /// Idle timeout of a small request: no byte in either direction for this long fails it.
  public var requestTimeout: TimeInterval = 30
  /// The whole of one small request (one attempt), however slowly the bytes trickle in.
  public var requestDeadline: TimeInterval = 120
  /// Idle timeout of the upload and of the log download.
  public var transferTimeout: TimeInterval = 300
  /// Once the upload's last byte is sent, its answer (a few hundred bytes) must be complete
  /// within this long: a server that trickles it a byte at a time would beat the idle timeout.
  public var uploadAnswerDeadline: TimeInterval = 300
  /// Answers read into memory are capped: a JSON status is a few hundred bytes, a template or
  /// the product-type list a few KB. The parsed tree takes some 30 times the bytes (16 MB of
  /// `[0,0,…]` took 500 MB), so the cap is kept low.
  public var maxResponseBytes = 1 << 20
  /// The import log is streamed to disk, up to this size.
  public var maxLogBytes: Int64 = 1 << 30
  public var retry = RetryPolicy()
  public var userAgent = "wizart-preflight"

  /// Checks the address: http(s), a host, no credentials in it; plain http only to this machine,
  /// because the token travels in a header.
  public init(baseURL text: String = APIConfiguration.defaultBaseURL) throws(PIMError) {
    var trimmed = text.trimmingSpaces()
    while trimmed.hasSuffix("/") { trimmed.removeLast() }
    guard let components = URLComponents(string: trimmed), let scheme = components.scheme?.lowercased(),
      let host = components.host, !host.isEmpty
    else {
      throw PIMError(.configuration, "--api-url '\(PlainText.clean(text, maxLength: 200))' is not a web address like \(Self.defaultBaseURL)")
    }
    guard scheme == "https" || scheme == "http" else {
      throw PIMError(.configuration, "--api-url must start with https:// (got '\(scheme)://')")
    }
    guard components.user == nil, components.password == nil else {
      throw PIMError(.configuration, "--api-url must not contain a user name or password: pass the token with WIZART_TOKEN or --token-file")
    }
    guard components.query == nil, components.fragment == nil else {
      throw PIMError(.configuration, "--api-url must not contain '?' or '#': give the API root, like \(Self.defaultBaseURL)")
    }
    let loopback = ["127.0.0.1", "localhost", "::1", "[::1]"].contains(host.lowercased())
    guard scheme == "https" || loopback else {
      throw PIMError(
        .configuration, "refusing to send the API token over plain http to \(host): use https:// in --api-url")
    }
    var root = URLComponents()
    root.scheme = scheme
    root.host = components.host
    root.port = components.port
    root.path = "/oauth/token"
    guard let base = URL(string: trimmed), let token = root.url else {
      throw PIMError(.configuration, "--api-url '\(PlainText.clean(text, maxLength: 200))' is not a usable web address")
    }
    self.baseURL = base
    self.tokenURL = token
    let hostText = host.contains(":") && !host.hasPrefix("[") ? "[\(host)]" : host
    self.hostLabel = components.port.map { "\(hostText):\($0)" } ?? hostText
  }

  /// `baseURL` + `/` + the path segments, each percent-encoded (a code or an id cannot leave its
  /// segment or add a query).
  func url(_ segments: String...) throws(PIMError) -> URL {
    var text = baseURL.absoluteString
    for segment in segments { text += "/" + Self.encodedSegment(segment) }
    guard let url = URL(string: text) else {
      throw PIMError(.configuration, "cannot build a request address from \(PlainText.clean(text, maxLength: 200))")
    }
    return url
  }

  /// A segment of its own: "." and ".." are encoded whole, or they would step up the path.
  static func encodedSegment(_ segment: String) -> String {
    PercentEncoding.encoded(segment, encodingEverything: segment == "." || segment == "..")
  }
}
