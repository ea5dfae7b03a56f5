import Foundation
import PreflightTestSupport
import Testing

@testable import PIMClient

/// The client against the fake API: requests as sent, answers as read.
@Suite struct ClientTests {
  static let catalog = Fixture.sample("wallpaper/catalog.csv")
  static let images = Fixture.sample("wallpaper/images.zip")

  @Test(arguments: [FakeWizartAPI.ProductTypeShape.uuidList, .propertyName, .singleObject])
  func productTypesInEveryShape(_ shape: FakeWizartAPI.ProductTypeShape) throws {
    let api = try FakeWizartAPI({ var settings = FakeWizartAPI.Settings(); settings.productTypeShape = shape; return settings }())
    defer { api.stop() }
    let types = try Fixture.client(api).productTypes()
    #expect(types.first == ProductType(code: "wallpaper", name: "Wallpaper", id: "9b9a564f-2ae4-421a-b333-000000000000"))
    #expect(types.count == (shape == .singleObject ? 1 : 5))
    let request = try #require(api.requests.first)
    #expect(request.method == "GET" && request.path == "/api/v2.1/import/product-types")
    #expect(request.header("Authorization") == "Bearer \(api.settings.token)")
    #expect(request.header("Accept") == "application/json")
  }

  @Test func thePasswordGrantSendsItsJSONOnceAndUsesTheToken() throws {
    let api = try FakeWizartAPI()
    defer { api.stop() }
    let settings = api.settings
    let grant = PasswordGrant(username: settings.username, password: settings.password, clientID: settings.clientID, clientSecret: settings.clientSecret)
    let client = try Fixture.client(api, credentials: .passwordGrant(grant))
    _ = try client.productTypes()
    _ = try client.defaultTemplate(code: "tile")
    let requests = api.requests
    #expect(requests.map(\.path) == ["/oauth/token", "/api/v2.1/import/product-types", "/api/v2.1/data-mappings/default/tile"])
    #expect(requests[0].method == "POST")
    #expect(requests[0].header("Content-Type") == "application/json")
    #expect(requests[0].header("Authorization") == nil)
    #expect(String(decoding: requests[0].body, as: UTF8.self)
      == "{\"grant_type\":\"password\",\"client_id\":7,\"client_secret\":\"\(settings.clientSecret)\",\"username\":\"manager@example.com\",\"password\":\"correct horse battery\"}")
    #expect(requests.dropFirst().allSatisfy { $0.header("Authorization") == "Bearer \(settings.grantedToken)" })
    #expect(client.secrets.redact(settings.grantedToken + " " + settings.clientSecret) == "[hidden] [hidden]")
  }

  @Test(arguments: [("wrong password", "7", "The user credentials were incorrect."), ("correct horse battery", "8", "Client authentication failed")])
  func aRefusedGrantNamesTheVariables(_ password: String, _ clientID: String, _ said: String) throws {
    let api = try FakeWizartAPI()
    defer { api.stop() }
    let settings = api.settings
    let grant = PasswordGrant(username: settings.username, password: password, clientID: clientID, clientSecret: settings.clientSecret)
    let error = try #require(throws: PIMError.self) { try Fixture.client(api, credentials: .passwordGrant(grant)).lastImport() }
    #expect(error.kind == .authentication)
    #expect(error.message.contains("the password grant was refused (HTTP \(clientID == "7" ? 400 : 401): \(said))"))
    #expect(error.message.contains("WIZART_USERNAME, WIZART_PASSWORD, WIZART_CLIENT_ID and WIZART_CLIENT_SECRET"))
    #expect(api.requests.count == 1, "a refused grant is not retried, and nothing else is sent")
  }

  @Test func theUploadBodyIsExactlyTheTwoFiles() throws {
    let api = try FakeWizartAPI()
    defer { api.stop() }
    let scratch = Fixture.temporaryFolder()
    let phases = Recorder<(PIMClient.UploadPhase, UInt64, UInt64)>()
    let record = try Fixture.client(api).startImport(
      productType: "wallpaper", catalogPath: Self.catalog, archivePath: Self.images, temporaryDirectory: scratch,
      progress: { phases.add(($0, $1, $2)) })
    #expect(record.id == "41" && record.status == "uploading_files")
    let request = try #require(api.requests.first)
    #expect(request.method == "POST" && request.path == "/api/v2.1/product-type/wallpaper/import")
    #expect(request.header("Authorization") == "Bearer \(api.settings.token)")
    #expect(request.header("Accept") == "application/json")
    let boundary = try #require(MultipartParser.boundary(of: request.header("Content-Type")))
    #expect(boundary.hasPrefix("wizart-preflight-") && boundary.count == 49)
    let csv = [UInt8](FileManager.default.contents(atPath: Self.catalog)!)
    let zip = [UInt8](FileManager.default.contents(atPath: Self.images)!)
    let expected =
      Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"data\"; filename=\"catalog.csv\"\r\nContent-Type: text/csv\r\n\r\n".utf8) + csv
      + Array("\r\n--\(boundary)\r\nContent-Disposition: form-data; name=\"archive\"; filename=\"images.zip\"\r\nContent-Type: application/zip\r\n\r\n".utf8)
      + zip + Array("\r\n--\(boundary)--\r\n".utf8)
    #expect(request.body == expected)
    #expect(request.header("Content-Length") == String(expected.count))
    #expect(!request.chunked)
    #expect(try FileManager.default.contentsOfDirectory(atPath: scratch).isEmpty, "the temporary body is removed")
    let preparing = phases.values.filter { $0.0 == .preparing }
    let sending = phases.values.filter { $0.0 == .sending }
    #expect(preparing.last.map { $0.1 == $0.2 && $0.2 == UInt64(csv.count + zip.count) } == true)
    // didSendBodyData is delivered on this platform (swift-corelibs-foundation #3829 is not hit here).
    #expect(sending.last.map { $0.1 == UInt64(expected.count) } == true)
  }

  @Test(arguments: [ServerReply.close, FakeWizartAPI.error(500, "Server error."), .json(200, "{\"data\":{}}")])
  func theTemporaryBodyIsRemovedOnFailureToo(_ reply: ServerReply) throws {
    let api = try FakeWizartAPI()
    defer { api.stop() }
    api.inject("POST", path: "/import", reply)
    let scratch = Fixture.temporaryFolder()
    #expect(throws: PIMError.self) {
      try Fixture.client(api).startImport(productType: "wallpaper", catalogPath: Self.catalog, archivePath: Self.images, temporaryDirectory: scratch)
    }
    #expect(try FileManager.default.contentsOfDirectory(atPath: scratch).isEmpty)
    #expect(api.requests.count == 1, "an upload that reached the server is never repeated")
  }

  @Test func anUploadAnswerWithoutAStatusStillNamesTheImport() throws {
    let api = try FakeWizartAPI()
    defer { api.stop() }
    api.inject("POST", path: "/import", .json(200, #"{"data":{"type":"import_data","id":"41","attributes":{}}}"#))
    let record = try Fixture.client(api).startImport(productType: "wallpaper", catalogPath: Self.catalog, archivePath: Self.images)
    #expect(record == ImportRecord(id: "41", status: "uploading_files"))
  }

  @Test(arguments: ["success", "warning", "failure"])
  func pollingWalksThroughEveryStatus(_ terminal: String) throws {
    let api = try FakeWizartAPI({ var settings = FakeWizartAPI.Settings(); settings.terminalStatus = terminal; settings.numericIDs = true; return settings }())
    defer { api.stop() }
    let client = try Fixture.client(api)
    let started = try client.startImport(productType: "tile", catalogPath: Self.catalog, archivePath: Self.images)
    #expect(started.id == "41")
    var seen = [started.status]
    var record = started
    while !record.isFinished && seen.count < 20 {
      record = try client.importStatus(id: started.id)
      seen.append(record.status)
    }
    #expect(seen == FakeWizartAPI.statuses + [terminal])
    #expect(record.totalRows == 6)
    #expect(record.importedRows == ["success": 6, "warning": 5, "failure": 0][terminal])
    #expect(try client.lastImport().status == terminal)
  }

  @Test(arguments: [FakeWizartAPI.ImportShape.object, .oneElementArray, .flat])
  func statusInEveryShape(_ shape: FakeWizartAPI.ImportShape) throws {
    let api = try FakeWizartAPI({ var settings = FakeWizartAPI.Settings(); settings.importShape = shape; settings.resultAsString = true; return settings }())
    defer { api.stop() }
    api.addImport(id: 77, stage: 5, rows: 9)
    let record = try Fixture.client(api).importStatus(id: "77")
    #expect(record.id == "77" && record.status == "success")
    #expect(record.totalRows == 9 && record.importedRows == 9)
    #expect(record.statusMessage == "Total rows imported: 9 out of 9")
  }

  @Test func theLogIsStreamedToAFile() throws {
    let api = try FakeWizartAPI()
    defer { api.stop() }
    api.addImport(id: 5, rows: 3)
    let path = Fixture.temporaryFolder() + "/log.zip"
    let client = try Fixture.client(api)
    let size = try client.downloadLog(id: "5", to: path)
    let bytes = [UInt8](FileManager.default.contents(atPath: path) ?? Data())
    #expect(Int64(bytes.count) == size && bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]))
    #expect(String(decoding: bytes, as: UTF8.self).contains("import_5_log.csv"))
    #expect(api.requests.first?.header("Accept") == "application/zip")
    let missing = Fixture.temporaryFolder() + "/missing.zip"
    let error = try #require(throws: PIMError.self) { try client.downloadLog(id: "6", to: missing) }
    #expect(error.message == "no import 6 on this account")
    #expect(!FileManager.default.fileExists(atPath: missing))
  }

  @Test func aLogLargerThanTheCapIsRefused() throws {
    let api = try FakeWizartAPI()
    defer { api.stop() }
    api.addImport(id: 5, rows: 500)
    let path = Fixture.temporaryFolder() + "/log.zip"
    let error = try #require(throws: PIMError.self) { try Fixture.client(api) { $0.maxLogBytes = 1000 }.downloadLog(id: "5", to: path) }
    #expect(error.message == "the log of import 5 is larger than 1000 bytes: not saved")
    #expect(!FileManager.default.fileExists(atPath: path))
  }
}
