import Foundation
import Synchronization

/// A stand-in for the Wizart PIM API (wizart-api.md §8) on a loopback server: the token
/// endpoint, product types, default templates, uploads, imports that advance one status per
/// poll, `/imports/last`, log downloads, and injected faults.
///
/// `@unchecked Sendable`: all mutable state is in `state`, behind a mutex; the server calls the
/// handler from its connection threads.
public final class FakeWizartAPI: @unchecked Sendable {
  public enum ProductTypeShape: Sendable {
    /// What Wizart's pages show: `uuid` and `attributes.code/name`, in a list.
    case uuidList
    /// What the spec says: `id` and `attributes.propertyName.type/name`.
    case propertyName
    /// A single object under `data` (v1).
    case singleObject
  }

  public enum ImportShape: Sendable {
    /// `{"data": {type, id, attributes}}` (the spec).
    case object
    /// `{"data": [ {…} ]}` (the Confluence example).
    case oneElementArray
    /// `{"data": {id, status, status_message, result, …}}` without `attributes` (legacy).
    case flat
  }

  public struct Settings: Sendable {
    public var token = "fk_" + UUID().uuidString.replacingOccurrences(of: "-", with: "") + "Zq9"
    public var username = "manager@example.com"
    public var password = "correct horse battery"
    public var clientID = "7"
    public var clientSecret = "s3cr3t-" + UUID().uuidString
    /// The token the password grant hands out.
    public var grantedToken = "eyJhbGciOiJSUzI1NiJ9." + UUID().uuidString.replacingOccurrences(of: "-", with: "") + ".sig"
    public var productTypes: [(code: String, name: String)] = [
      ("wallpaper", "Wallpaper"), ("carpet_roll", "Carpet flooring in rolls"), ("tile", "Tile"), ("laminate", "Laminate"),
      ("carpet_tile", "Carpet flooring in tiles"),
    ]
    public var productTypeShape = ProductTypeShape.uuidList
    public var importShape = ImportShape.object
    /// The upload answers with `"id": 41` instead of `"id": "41"`.
    public var numericIDs = false
    /// `result` as a JSON string instead of an object.
    public var resultAsString = false
    /// Where every new import ends.
    public var terminalStatus = "success"
    public var firstImportID = 41

    public init() {}
  }

  /// An import the fake holds.
  public struct FakeImport: Sendable {
    public var id: Int
    public var productType: String
    public var originalName: String
    public var rows: Int
    public var stage: Int
    public var terminal: String
    /// Every status it has shown, in order.
    public var shown: [String]
  }

  /// A parsed upload.
  public struct Upload: Sendable {
    public var productType: String
    public var contentType: String?
    public var parts: [MultipartPart]
    public var request: RecordedRequest
  }

  public static let statuses = [
    "uploading_files", "validating_csv", "unpacking_archive", "checking_images", "waiting_queue", "importing_data",
  ]

  private struct Fault {
    var method: String?
    var path: String
    var remaining: Int
    var reply: @Sendable (RecordedRequest) -> ServerReply
  }

  private struct State {
    var settings: Settings
    var imports: [Int: FakeImport] = [:]
    var nextID: Int
    var uploads: [Upload] = []
    var faults: [Fault] = []
  }

  private let state: Mutex<State>
  public private(set) var server: LoopbackHTTPServer!

  public init(_ settings: Settings = Settings(), lifetime: TimeInterval = 60) throws {
    state = Mutex(State(settings: settings, nextID: settings.firstImportID))
    server = try LoopbackHTTPServer(lifetime: lifetime) { [weak self] request in
      self?.handle(request) ?? .close
    }
  }

  deinit { server?.stop() }

  public func stop() { server.stop() }

  /// `http://127.0.0.1:PORT/api/v2.1`
  public var baseURL: String { server.baseURL + "/api/v2.1" }
  public var settings: Settings { state.withLock { $0.settings } }
  public var requests: [RecordedRequest] { server.requests }
  public var uploads: [Upload] { state.withLock { $0.uploads } }
  public func importRecord(_ id: Int) -> FakeImport? { state.withLock { $0.imports[id] } }

  public func update(_ change: (inout Settings) -> Void) { state.withLock { change(&$0.settings) } }

  /// Adds an import directly, at a given stage (0 = uploading_files).
  public func addImport(id: Int, stage: Int = 0, terminal: String = "success", rows: Int = 6) {
    state.withLock {
      $0.imports[id] = FakeImport(
        id: id, productType: "wallpaper", originalName: "catalog.csv", rows: rows, stage: stage, terminal: terminal,
        shown: [])
      $0.nextID = max($0.nextID, id + 1)
    }
  }

  /// The next `times` requests whose path ends with `path` (and method matches, when given)
  /// get `reply` instead of the normal answer.
  public func inject(
    _ method: String? = nil, path: String, times: Int = 1, reply: @escaping @Sendable (RecordedRequest) -> ServerReply
  ) {
    state.withLock { $0.faults.append(Fault(method: method, path: path, remaining: times, reply: reply)) }
  }

  public func inject(_ method: String? = nil, path: String, times: Int = 1, _ reply: ServerReply) {
    inject(method, path: path, times: times) { _ in reply }
  }

  // MARK: - Canned answers

  public static func errorBody(_ status: Int, _ title: String, detail: String? = nil, parameter: String? = nil) -> String {
    var source = ""
    if let parameter { source = ",\"source\":{\"parameter\":\(quoted(parameter))}" }
    return
      "{\"errors\":[{\"id\":\"e27fec1a-9305-4bf7-b3a6-d5e05a3621df\",\"status\":\"\(status)\",\"title\":\(quoted(title)),\"detail\":\(quoted(detail ?? title))\(source)}]}"
  }

  public static func error(_ status: Int, _ title: String, detail: String? = nil, parameter: String? = nil, headers: [(String, String)] = []) -> ServerReply {
    .json(status, errorBody(status, title, detail: detail, parameter: parameter), headers: headers)
  }

  public static let htmlPage = ServerReply.response(
    status: 200, headers: [("Content-Type", "text/html; charset=utf-8")],
    body: Array("<!DOCTYPE html>\n<html><head><title>Welcome to nginx!</title></head><body>It works</body></html>\n".utf8))

  public static let garbage = ServerReply.response(
    status: 200, headers: [("Content-Type", "application/octet-stream")], body: [0x00, 0xFF, 0x13, 0x37, 0x7B, 0x22, 0x64])

  // MARK: - Routing

  private func handle(_ request: RecordedRequest) -> ServerReply {
    let fault: (@Sendable (RecordedRequest) -> ServerReply)? = state.withLock { state in
      guard
        let index = state.faults.firstIndex(where: {
          $0.remaining > 0 && request.path.hasSuffix($0.path) && ($0.method == nil || $0.method == request.method)
        })
      else { return nil }
      state.faults[index].remaining -= 1
      return state.faults[index].reply
    }
    if let fault { return fault(request) }
    let path = request.path
    if path == "/oauth/token" { return token(request) }
    guard path.hasPrefix("/api/v2.1/") else {
      return .response(status: 404, headers: [("Content-Type", "text/html")], body: Array("<html>Not Found</html>".utf8))
    }
    let segments = path.dropFirst("/api/v2.1/".count).split(separator: "/").map(String.init)
    let expected = "Bearer " + state.withLock { $0.settings.token }
    let granted = "Bearer " + state.withLock { $0.settings.grantedToken }
    guard let authorization = request.header("Authorization"), authorization == expected || authorization == granted else {
      return Self.error(401, "Unauthenticated.")
    }
    switch (request.method, segments.count) {
    case ("GET", 2) where segments == ["import", "product-types"]: return productTypes()
    case ("GET", 3) where segments[0] == "data-mappings" && segments[1] == "default": return template(segments[2])
    case ("POST", 3) where segments[0] == "product-type" && segments[2] == "import": return upload(segments[1], request)
    case ("GET", 2) where segments == ["imports", "last"]: return lastImport()
    case ("GET", 2) where segments[0] == "imports":
      guard let id = Int(segments[1]) else { return Self.error(404, "Model not found.") }
      if request.header("Accept")?.contains("application/zip") == true { return log(id) }
      return status(id)
    default:
      return Self.error(404, "Model not found.")
    }
  }

  private func token(_ request: RecordedRequest) -> ServerReply {
    guard request.method == "POST" else { return Self.error(405, "Method not allowed.") }
    let settings = state.withLock { $0.settings }
    guard let object = try? JSONSerialization.jsonObject(with: Data(request.body)) as? [String: Any] else {
      return .json(400, "{\"error\":\"invalid_request\",\"error_description\":\"The request is missing a required parameter.\",\"message\":\"The request is missing a required parameter.\"}")
    }
    let clientID = (object["client_id"] as? NSNumber).map { "\($0)" } ?? (object["client_id"] as? String)
    guard object["grant_type"] as? String == "password", clientID == settings.clientID,
      object["client_secret"] as? String == settings.clientSecret
    else {
      return .json(401, "{\"error\":\"invalid_client\",\"error_description\":\"Client authentication failed\",\"message\":\"Client authentication failed\"}")
    }
    guard object["username"] as? String == settings.username, object["password"] as? String == settings.password else {
      return .json(400, "{\"error\":\"invalid_grant\",\"error_description\":\"The user credentials were incorrect.\",\"message\":\"The user credentials were incorrect.\"}")
    }
    return .json(200, "{\"token_type\":\"Bearer\",\"expires_in\":31536000,\"access_token\":\(Self.quoted(settings.grantedToken))}")
  }

  private func productTypes() -> ServerReply {
    let settings = state.withLock { $0.settings }
    let items = settings.productTypes.enumerated().map { index, type -> String in
      let uuid = String(format: "9b9a564f-2ae4-421a-b333-%012d", index)
      switch settings.productTypeShape {
      case .uuidList, .singleObject:
        return "{\"type\":\"product_type\",\"uuid\":\"\(uuid)\",\"attributes\":{\"code\":\(Self.quoted(type.code)),\"name\":\(Self.quoted(type.name))}}"
      case .propertyName:
        return "{\"type\":\"product_type\",\"id\":\"\(uuid)\",\"attributes\":{\"propertyName\":{\"type\":\(Self.quoted(type.code)),\"name\":\(Self.quoted(type.name))}}}"
      }
    }
    if settings.productTypeShape == .singleObject { return .json(200, "{\"data\":\(items.first ?? "{}")}") }
    return .json(200, "{\"data\":[\(items.joined(separator: ","))]}")
  }

  private func template(_ code: String) -> ServerReply {
    guard state.withLock({ $0.settings.productTypes.contains { $0.code == code } }) else { return Self.error(404, "Model not found.") }
    let header = code == "wallpaper"
      ? "brand_name,collection_name,product_name,unique_sku_id,product_image,product_width\r\n"
      : "brand_name,collection_name,product_name,unique_sku_id,product_image\r\n"
    return .response(status: 200, headers: [("Content-Type", "text/csv; charset=UTF-8")], body: Array(header.utf8))
  }

  private func upload(_ code: String, _ request: RecordedRequest) -> ServerReply {
    guard state.withLock({ $0.settings.productTypes.contains { $0.code == code } }) else { return Self.error(404, "Model not found.") }
    guard let boundary = MultipartParser.boundary(of: request.header("Content-Type")) else {
      return Self.error(400, "Bad Request.", detail: "The request is not multipart/form-data.")
    }
    let parts: [MultipartPart]
    do {
      parts = try MultipartParser.parse(request.body, boundary: boundary)
    } catch {
      return Self.error(400, "Bad Request.", detail: "The multipart body is malformed: \(error.description)")
    }
    for name in ["data", "archive"] where !parts.contains(where: { $0.disposition("name") == name }) {
      return Self.error(422, "The \(name) is required.", parameter: name)
    }
    let csv = parts.first { $0.disposition("name") == "data" }
    let rows = max(0, (csv?.data.filter { $0 == 0x0A }.count ?? 1) - 1)
    let (record, settings) = state.withLock { state -> (FakeImport, Settings) in
      let id = state.nextID
      state.nextID += 1
      var record = FakeImport(
        id: id, productType: code, originalName: csv?.disposition("filename") ?? "data.csv", rows: rows, stage: 0,
        terminal: state.settings.terminalStatus, shown: [Self.statuses[0]])
      record.shown = [Self.statuses[0]]
      state.imports[id] = record
      state.uploads.append(Upload(productType: code, contentType: request.header("Content-Type"), parts: parts, request: request))
      return (record, state.settings)
    }
    return .json(200, "{\"data\":\(resource(record, settings))}")
  }

  private func status(_ id: Int) -> ServerReply {
    let found: (FakeImport, Settings)? = state.withLock { state in
      guard var record = state.imports[id] else { return nil }
      // One step per poll, then the terminal status for good.
      if record.stage <= Self.statuses.count - 1 { record.stage += 1 }
      record.shown.append(Self.status(of: record))
      state.imports[id] = record
      return (record, state.settings)
    }
    guard let (record, settings) = found else { return Self.error(404, "Model not found.") }
    return .json(200, document(record, settings))
  }

  private func lastImport() -> ServerReply {
    let found: (FakeImport, Settings)? = state.withLock { state in
      guard let id = state.imports.keys.max(), let record = state.imports[id] else { return nil }
      return (record, state.settings)
    }
    guard let (record, settings) = found else { return Self.error(404, "Model not found.") }
    return .json(200, document(record, settings))
  }

  private func log(_ id: Int) -> ServerReply {
    guard let record = state.withLock({ $0.imports[id] }) else { return Self.error(404, "Model not found.") }
    let text = "row,status,message\r\n" + (1...max(1, record.rows)).map { "\($0),imported,\r\n" }.joined()
    let zip = RawZip([.init("import_\(id)_log.csv", Array(text.utf8))]).bytes()
    return .response(
      status: 200, headers: [("Content-Type", "application/zip"), ("Content-Disposition", "attachment; filename=\"import_\(id)_log.zip\"")],
      body: zip)
  }

  private static func status(of record: FakeImport) -> String {
    record.stage < statuses.count ? statuses[record.stage] : record.terminal
  }

  private func document(_ record: FakeImport, _ settings: Settings) -> String {
    let resource = resource(record, settings)
    return settings.importShape == .oneElementArray ? "{\"data\":[\(resource)]}" : "{\"data\":\(resource)}"
  }

  private func resource(_ record: FakeImport, _ settings: Settings) -> String {
    let status = Self.status(of: record)
    let imported = status == "warning" ? max(0, record.rows - 1) : status == "failure" ? 0 : record.rows
    let finished = ImportFinish.terminal.contains(status)
    let message = finished ? "Total rows imported: \(imported) out of \(record.rows)" : ""
    var result = "null"
    if finished {
      let object = "{\"total_rows\":\"\(record.rows)\",\"imported_rows\":\"\(imported)\"}"
      result = settings.resultAsString ? quoted(object) : object
    }
    let id = settings.numericIDs ? "\(record.id)" : "\"\(record.id)\""
    let attributes =
      "\"path\":null,\"original_name\":\(Self.quoted(record.originalName)),\"status\":\"\(status)\",\"status_message\":\(Self.quoted(message)),\"result\":\(result),\"mapping_id\":1,\"created_at\":\"2022-02-03 12:38:40\",\"updated_at\":\"2022-02-03 12:50:49\",\"timezone\":\"UTC\""
    if settings.importShape == .flat { return "{\"id\":\(id),\(attributes)}" }
    return "{\"type\":\"import_data\",\"id\":\(id),\"attributes\":{\(attributes)}}"
  }

  private func quoted(_ text: String) -> String { Self.quoted(text) }

  static func quoted(_ text: String) -> String {
    var out = "\""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      default:
        if scalar.value < 0x20 { out += String(format: "\\u%04x", scalar.value) } else { out.unicodeScalars.append(scalar) }
      }
    }
    return out + "\""
  }
}

private enum ImportFinish {
  static let terminal: Set<String> = ["success", "warning", "failure"]
}
