import Foundation

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// Turns one attempt's outcome into "done", or an error with whether another attempt may help.
struct ResponseJudge {
  enum Verdict {
    case success
    case failure(PIMError, retryable: Bool, retryAfter: TimeInterval?)
  }

  var configuration: APIConfiguration
  var credentialsOrigin: String
  var secrets: SecretList

  /// The answer as JSON with the run's secrets masked, or nil when it is not JSON.
  func document(_ bytes: [UInt8]) -> JSONNode? {
    (try? JSONParser.parse(bytes)).map(secrets.redact)
  }

  func judge(_ exchange: HTTPExchange, _ operation: Operation, timeout: TimeInterval, deadline: TimeInterval?) -> Verdict {
    if let failure = exchange.failure {
      return judge(failure, operation, bytesSent: exchange.bytesSent, timeout: timeout, deadline: deadline)
    }
    guard let status = exchange.status else {
      return .failure(PIMError(.network, "no answer from \(host)"), retryable: operation.idempotent, retryAfter: nil)
    }
    if (200..<300).contains(status) { return .success }
    return httpFailure(status, exchange, operation)
  }

  private var host: String { configuration.hostLabel }

  private func judge(
    _ failure: TransportFailure, _ operation: Operation, bytesSent: Int64, timeout: TimeInterval, deadline: TimeInterval?
  ) -> Verdict {
    let maybeStarted =
      operation.isUpload && bytesSent > 0
      ? " The import may have started anyway: check with 'wizart-preflight status last' before uploading again." : ""
    switch failure {
    case .deadline:
      let limit = deadline.map { Self.seconds($0) } ?? "the time limit"
      return .failure(
        PIMError(.network, "no complete answer from \(host) within \(limit)" + (maybeStarted.isEmpty ? "" : ".\(maybeStarted)")), retryable: operation.idempotent,
        retryAfter: nil)
    case .tooLarge(let limit):
      let size = limit >= 1 << 20 ? "\(limit >> 20) MB" : "\(limit) bytes"
      if case .log(let id) = operation {
        return .failure(PIMError(.server, "the log of import \(id) is larger than \(size): not saved"), retryable: false, retryAfter: nil)
      }
      return .failure(
        PIMError(.server, "the answer from \(host) is larger than \(size): that is not the Wizart API (check --api-url)"),
        retryable: false, retryAfter: nil)
    case .file(let path):
      return .failure(PIMError(.localFile, "cannot write \(path)"), retryable: false, retryAfter: nil)
    case .url(let code):
      let (message, transient, neverLeft) = describe(code, timeout: timeout)
      // The upload is repeated only when it provably never left this machine.
      let retryable = operation.idempotent ? transient : (neverLeft && bytesSent == 0)
      let kind: PIMError.Kind = [.badServerResponse, .cannotParseResponse].contains(code) ? .server : .network
      return .failure(PIMError(kind, message + (neverLeft || maybeStarted.isEmpty ? "" : ".\(maybeStarted)")), retryable: retryable, retryAfter: nil)
    }
  }

  /// The message, whether trying again may help, and whether the request certainly never left.
  private func describe(_ code: URLError.Code, timeout: TimeInterval) -> (String, Bool, Bool) {
    switch code {
    case .cannotConnectToHost:
      return ("cannot connect to \(host): the connection was refused (is --api-url right, is the server up?)", true, true)
    case .cannotFindHost, .dnsLookupFailed:
      return ("cannot find the server \(host): check --api-url and your network connection", true, true)
    case .notConnectedToInternet:
      return ("no network connection: cannot reach \(host)", true, true)
    case .timedOut:
      return ("no answer from \(host) for \(Self.seconds(timeout))", true, false)
    case .networkConnectionLost:
      return ("the connection to \(host) was lost before the answer was complete", true, false)
    case .secureConnectionFailed, .serverCertificateUntrusted, .serverCertificateHasBadDate,
      .serverCertificateNotYetValid, .serverCertificateHasUnknownRoot, .clientCertificateRejected,
      .clientCertificateRequired:
      return ("the secure (TLS) connection to \(host) failed: the certificate is not trusted, or the server does not speak https", false, false)
    case .badServerResponse, .cannotParseResponse, .cannotDecodeRawData, .cannotDecodeContentData:
      return ("the server at \(host) answered with something that is not HTTP: check --api-url", false, false)
    case .badURL, .unsupportedURL:
      return ("the address for \(host) is not usable: check --api-url", false, true)
    case .zeroByteResource:
      return ("the server at \(host) closed the connection without an answer", true, false)
    default:
      return ("the request to \(host) failed (network error \(code.rawValue))", true, false)
    }
  }

  private func httpFailure(_ status: Int, _ exchange: HTTPExchange, _ operation: Operation) -> Verdict {
    let document = document(exchange.body)
    let detail = document.flatMap(ErrorBody.message)
    let said = detail.map { ": \($0)" } ?? ""
    let retryAfter = RetryPolicy.retryAfter(exchange.header("Retry-After"))
    if operation == .token, [400, 401, 403].contains(status) {
      return .failure(
        PIMError(
          .authentication,
          "the password grant was refused (HTTP \(status)\(said)): check WIZART_USERNAME, WIZART_PASSWORD, WIZART_CLIENT_ID and WIZART_CLIENT_SECRET",
          httpStatus: status), retryable: false, retryAfter: nil)
    }
    switch status {
    case 401:
      return .failure(
        PIMError(
          .authentication,
          "the server did not accept the token from \(credentialsOrigin) (HTTP 401\(said)). Provide a valid one: \(CredentialSource.howToProvide)",
          httpStatus: status), retryable: false, retryAfter: nil)
    case 403:
      return .failure(
        PIMError(.authentication, "this account may not do that (HTTP 403\(said))", httpStatus: status), retryable: false,
        retryAfter: nil)
    case 404:
      guard document != nil else { return .failure(notTheAPI(status, exchange), retryable: false, retryAfter: nil) }
      return .failure(PIMError(.notFound, operation.notFound, httpStatus: status), retryable: false, retryAfter: nil)
    case 400, 409, 413, 415, 422:
      let what = operation.isUpload ? "the upload" : "the request"
      let extra = status == 413 ? " (the files are too large for the server)" : ""
      return .failure(
        PIMError(.rejected, "the server refused \(what) (HTTP \(status)\(said))\(extra)", httpStatus: status), retryable: false,
        retryAfter: nil)
    case 429:
      let wait = retryAfter.map { " (it asks to wait \(Self.seconds($0)))" } ?? ""
      return .failure(
        PIMError(.rateLimited, "the server is limiting requests (HTTP 429)\(wait): try again later", httpStatus: status),
        retryable: operation.idempotent, retryAfter: retryAfter)
    case 300..<400:
      let location = exchange.header("Location").map { PlainText.clean(secrets.redact($0), maxLength: 200) } ?? "another address"
      return .failure(
        PIMError(
          .configuration, "the server at \(host) redirects to \(location) (HTTP \(status)): put the right address in --api-url",
          httpStatus: status), retryable: false, retryAfter: nil)
    case 500..<600:
      let maybeStarted =
        operation.isUpload ? " The import may have started anyway: check with 'wizart-preflight status last' before uploading again." : ""
      let text = document == nil && Self.looksLikeHTML(exchange) ? " (an HTML error page)" : ""
      return .failure(
        PIMError(
          .server, "the server at \(host) failed (HTTP \(status)\(said))\(text)" + (maybeStarted.isEmpty ? "" : ".\(maybeStarted)"),
          httpStatus: status),
        retryable: operation.idempotent, retryAfter: retryAfter)
    default:
      guard document != nil else { return .failure(notTheAPI(status, exchange), retryable: false, retryAfter: nil) }
      return .failure(
        PIMError(.server, "unexpected answer from \(host) (HTTP \(status)\(said))", httpStatus: status), retryable: false,
        retryAfter: nil)
    }
  }

  /// For an answer that is not the API's JSON: an HTML page or unreadable bytes.
  func notTheAPI(_ status: Int, _ exchange: HTTPExchange) -> PIMError {
    let what = Self.looksLikeHTML(exchange) ? "an HTML page" : exchange.body.isEmpty ? "an empty answer" : "unreadable data"
    return PIMError(
      .server, "the server at \(host) answered with \(what) (HTTP \(status)), not the Wizart API: check --api-url",
      httpStatus: status)
  }

  static func looksLikeHTML(_ exchange: HTTPExchange) -> Bool {
    if let type = exchange.header("Content-Type")?.lowercased(), type.contains("html") { return true }
    let start = exchange.body.prefix(512).drop { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D || $0 == 0xEF || $0 == 0xBB || $0 == 0xBF }
    return start.first == UInt8(ascii: "<")
  }

  /// "7 s", "0.2 s"; a wait of a day or more (a `Retry-After: 1e308` from the server) is not
  /// spelled out, and cannot overflow `Int`.
  static func seconds(_ value: TimeInterval) -> String {
    guard value.isFinite, value < 86_400 else { return "a day or more" }
    return value == value.rounded() ? "\(Int(value)) s" : String(format: "%.1f s", value)
  }
}
