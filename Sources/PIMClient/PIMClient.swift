import Foundation
import Synchronization

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// The Wizart PIM import API (wizart-api.md §3): product types, default templates, uploads,
/// import status and logs. Calls block until done; idempotent ones are retried on transient
/// failures. Every error message is free of the run's secrets.
public final class PIMClient: Sendable {
  public enum UploadPhase: Sendable {
    /// Writing the request body (the CSV and the ZIP) to a temporary file.
    case preparing
    /// Sending it.
    case sending
  }

  public let configuration: APIConfiguration
  /// Everything printed about this client's work should go through `secrets.redact`.
  public let secrets: SecretList
  private let credentials: Credentials
  private let transport = HTTPTransport()
  /// The token fetched with the password grant, kept in memory only, for this run.
  private let grantedToken = Mutex<String?>(nil)

  public init(configuration: APIConfiguration, credentials: Credentials) {
    self.configuration = configuration
    self.credentials = credentials
    self.secrets = SecretList(credentials.secrets)
  }

  deinit { transport.invalidate() }

  // MARK: - Calls

  /// `GET /import/product-types`: the product types this account may import.
  public func productTypes() throws(PIMError) -> [ProductType] {
    let url = try configuration.url("import", "product-types")
    let exchange = try send(.productTypes, url: url, accept: "application/json")
    let document = try json(exchange)
    guard let types = ProductType.list(from: document) else {
      throw redacted(PIMError(.server, "the product-type list from \(configuration.hostLabel) has no product types in a known shape"))
    }
    return types
  }

  /// `GET /data-mappings/default/{code}`: the official CSV template of a product type, as sent.
  public func defaultTemplate(code: String) throws(PIMError) -> [UInt8] {
    let url = try configuration.url("data-mappings", "default", code)
    let exchange = try send(.template(code: code), url: url, accept: "text/csv")
    let type = exchange.header("Content-Type")?.lowercased() ?? ""
    if type.contains("json"), let document = judge.document(exchange.body) {
      let said = ErrorBody.message(document).map { ": \($0)" } ?? ""
      throw redacted(PIMError(.server, "the server sent JSON instead of the '\(code)' CSV template\(said)", httpStatus: exchange.status))
    }
    if ResponseJudge.looksLikeHTML(exchange) {
      throw redacted(judge.notTheAPI(exchange.status ?? 200, exchange))
    }
    guard !exchange.body.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) else {
      throw redacted(PIMError(.server, "the server sent an empty template for '\(code)'", httpStatus: exchange.status))
    }
    return exchange.body
  }

  /// `POST /product-type/{code}/import` with the parts `data` (the CSV) and `archive` (the ZIP).
  ///
  /// The body goes through a temporary file in `temporaryDirectory`, removed afterwards. The
  /// request is repeated only when it never left this machine (connection refused, DNS).
  public func startImport(
    productType code: String, catalogPath: String, archivePath: String, catalogName: String? = nil,
    archiveName: String? = nil, temporaryDirectory: String = NSTemporaryDirectory(),
    progress: (@Sendable (UploadPhase, UInt64, UInt64) -> Void)? = nil
  ) throws(PIMError) -> ImportRecord {
    let url = try configuration.url("product-type", code, "import")
    // Sign in before spending time on the body.
    _ = try accessToken()
    let parts = [
      MultipartBody.Part(
        name: "data", fileName: catalogName ?? (catalogPath as NSString).lastPathComponent, contentType: "text/csv",
        path: catalogPath),
      MultipartBody.Part(
        name: "archive", fileName: archiveName ?? (archivePath as NSString).lastPathComponent,
        contentType: "application/zip", path: archivePath),
    ]
    let body = try MultipartBody.write(parts, in: temporaryDirectory, progress: { progress?(.preparing, $0, $1) })
    defer { body.remove() }
    let exchange = try send(
      .upload(code: code), method: "POST", url: url, accept: "application/json", contentType: body.contentType,
      uploadFile: body.path, contentLength: body.length, progress: { sent, total in
        progress?(.sending, UInt64(max(0, sent)), UInt64(max(0, total)))
      })
    let document = try json(exchange)
    // A new import starts in uploading_files (wizart-api.md §3.3, inference).
    guard let record = ImportRecord.from(document: document, defaultStatus: ImportStage.running[0].status) else {
      throw redacted(
        PIMError(
          .server,
          "the server took the upload (HTTP \(exchange.status ?? 200)) but its answer names no import: check with 'wizart-preflight status last'",
          httpStatus: exchange.status))
    }
    return record
  }

  /// `GET /imports/{id}`.
  public func importStatus(id: String) throws(PIMError) -> ImportRecord {
    let url = try configuration.url("imports", id)
    let exchange = try send(.importStatus(id: id), url: url, accept: "application/json")
    guard let record = ImportRecord.from(document: try json(exchange), wantedID: id) else {
      throw redacted(PIMError(.server, "the answer about import \(id) has no import status in a known shape", httpStatus: exchange.status))
    }
    return record
  }

  /// `GET /imports/last`: the account's most recent import.
  public func lastImport() throws(PIMError) -> ImportRecord {
    let url = try configuration.url("imports", "last")
    let exchange = try send(.lastImport, url: url, accept: "application/json")
    guard let record = ImportRecord.from(document: try json(exchange)) else {
      throw redacted(PIMError(.server, "the answer about the last import has no import status in a known shape", httpStatus: exchange.status))
    }
    return record
  }

  /// `GET /imports/{id}` with `Accept: application/zip`: the import log, streamed to `path`
  /// (created 0600, removed again on failure). Returns its size.
  @discardableResult
  public func downloadLog(id: String, to path: String) throws(PIMError) -> Int64 {
    let url = try configuration.url("imports", id)
    let exchange: HTTPExchange
    do {
      exchange = try send(
        .log(id: id), url: url, accept: "application/zip", destination: .file(path: path, limit: configuration.maxLogBytes))
    } catch {
      try? FileManager.default.removeItem(atPath: path)
      throw error
    }
    let head = (FileHandle(forReadingAtPath: path).flatMap { try? $0.read(upToCount: 4) }).map([UInt8].init) ?? []
    let size = ((try? FileManager.default.attributesOfItem(atPath: path)[.size]) as? NSNumber)?.int64Value ?? 0
    guard head == [0x50, 0x4B, 0x03, 0x04] || head == [0x50, 0x4B, 0x05, 0x06] else {
      let small = size <= 1 << 20 ? (FileManager.default.contents(atPath: path).map([UInt8].init) ?? []) : []
      try? FileManager.default.removeItem(atPath: path)
      var fake = exchange
      fake.body = small
      if let document = judge.document(small), let said = ErrorBody.message(document) {
        throw redacted(PIMError(.server, "the server sent a message instead of the log of import \(id): \(said)", httpStatus: exchange.status))
      }
      if size == 0 {
        throw redacted(PIMError(.server, "the server sent an empty log for import \(id)", httpStatus: exchange.status))
      }
      if ResponseJudge.looksLikeHTML(fake) {
        throw redacted(judge.notTheAPI(exchange.status ?? 200, fake))
      }
      throw redacted(PIMError(.server, "the log of import \(id) from \(configuration.hostLabel) is not a ZIP file", httpStatus: exchange.status))
    }
    return size
  }

  // MARK: - Plumbing

  private var judge: ResponseJudge {
    ResponseJudge(configuration: configuration, credentialsOrigin: credentials.origin, secrets: secrets)
  }

  private func redacted(_ error: PIMError) -> PIMError {
    var error = error
    error.message = secrets.redact(error.message)
    return error
  }

  /// The bearer token: the given one, or one fetched once with the password grant.
  private func accessToken() throws(PIMError) -> String {
    switch credentials {
    case .bearer(let token, _):
      return token
    case .passwordGrant(let grant):
      if let token = grantedToken.withLock({ $0 }) { return token }
      let exchange = try send(
        .token, method: "POST", url: configuration.tokenURL, accept: "application/json", contentType: "application/json",
        body: grant.body(), authorized: false)
      let document = try json(exchange, masked: false)
      guard let raw = document["access_token"]?.text, !raw.isEmpty else {
        throw redacted(PIMError(.authentication, "the token endpoint at \(configuration.hostLabel) answered without an access_token"))
      }
      secrets.add(raw)
      let token: String
      do {
        token = try CredentialSource.checkedToken(raw, origin: "the token from the password grant")
      } catch {
        throw redacted(error)
      }
      secrets.add(token)
      grantedToken.withLock { $0 = token }
      return token
    }
  }

  /// The answer's JSON (its secrets masked unless `masked` is false: the token answer must be
  /// read as sent), or the "not the Wizart API" error.
  private func json(_ exchange: HTTPExchange, masked: Bool = true) throws(PIMError) -> JSONNode {
    let parsed = masked ? judge.document(exchange.body) : try? JSONParser.parse(exchange.body)
    guard let document = parsed, document.isObject else {
      throw redacted(judge.notTheAPI(exchange.status ?? 200, exchange))
    }
    return document
  }

  /// One request, attempted again while the failure is transient and attempts are left.
  private func send(
    _ operation: Operation, method: String = "GET", url: URL, accept: String, contentType: String? = nil,
    body: [UInt8]? = nil, uploadFile: String? = nil, contentLength: UInt64? = nil,
    destination: BodyDestination? = nil, authorized: Bool = true, progress: (@Sendable (Int64, Int64) -> Void)? = nil
  ) throws(PIMError) -> HTTPExchange {
    let transfer = uploadFile != nil || destination != nil
    let timeout = transfer ? configuration.transferTimeout : configuration.requestTimeout
    let deadline = transfer ? nil : configuration.requestDeadline
    let answerDeadline = uploadFile != nil ? configuration.uploadAnswerDeadline : nil
    let policy = configuration.retry
    var attempt = 0
    while true {
      attempt += 1
      var request = URLRequest(url: url)
      request.httpMethod = method
      request.timeoutInterval = timeout
      request.setValue(accept, forHTTPHeaderField: "Accept")
      request.setValue(configuration.userAgent, forHTTPHeaderField: "User-Agent")
      if authorized { request.setValue("Bearer \(try accessToken())", forHTTPHeaderField: "Authorization") }
      if let contentType { request.setValue(contentType, forHTTPHeaderField: "Content-Type") }
      if let contentLength { request.setValue(String(contentLength), forHTTPHeaderField: "Content-Length") }
      let exchange = transport.perform(
        request, body: body, uploadFile: uploadFile, destination: destination ?? .memory(limit: configuration.maxResponseBytes),
        deadline: deadline, answerDeadline: answerDeadline, progress: progress)
      switch judge.judge(exchange, operation, timeout: timeout, deadline: deadline ?? answerDeadline) {
      case .success:
        return exchange
      case .failure(let error, let retryable, let retryAfter):
        if retryable, let delay = policy.delay(afterAttempt: attempt, retryAfter: retryAfter) {
          policy.sleep(delay)
          continue
        }
        var final = error
        if attempt > 1 { final.message += "; gave up after \(attempt) attempts" }
        throw redacted(final)
      }
    }
  }
}
