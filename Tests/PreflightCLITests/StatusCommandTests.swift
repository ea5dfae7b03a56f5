import Foundation
import PreflightTestSupport
import Testing

@testable import PreflightCLI

@Suite struct StatusCommandTests {
  @Test func showsWhereAnImportIsWithoutWaiting() throws {
    let api = try APIFixture.start()
    defer { api.stop() }
    api.addImport(id: 7, stage: 2)
    let result = APIRun(api: api).run(["status", "7"])
    #expect(result.status == 0)
    #expect(result.stdout == "import 7 (catalog.csv): checking_images — checking the images\ncreated 2022-02-03 12:38:40 UTC, updated 2022-02-03 12:50:49 UTC\n")
    #expect(api.requests.map(\.path) == ["/api/v2.1/imports/7"])
    #expect(api.requests[0].header("Accept") == "application/json")
  }

  @Test func followsTheLastImportThroughEveryStatus() throws {
    let api = try APIFixture.start()
    defer { api.stop() }
    api.addImport(id: 12, terminal: "warning")
    let result = APIRun(api: api).run(["status", "--wait", "--poll-interval", "0.01"])
    #expect(result.status == 0, "warning passes without --strict")
    #expect(result.stdout.contains("import 12 (catalog.csv):\n  uploading_files    receiving the files\n  validating_csv "))
    #expect(result.stdout.hasSuffix("  importing_data     importing the rows\nwarning: Total rows imported: 5 out of 6\nrows imported: 5 of 6\n"))
    #expect(api.requests.map(\.path) == ["/api/v2.1/imports/last"] + Array(repeating: "/api/v2.1/imports/12", count: 6))
    #expect(api.importRecord(12)?.shown == FakeWizartAPI.statuses.dropFirst() + ["warning"])
  }

  @Test func jsonIsNormalisedWhateverShapeTheServerSends() throws {
    let api = try APIFixture.start {
      $0.importShape = .oneElementArray
      $0.resultAsString = true
      $0.numericIDs = true
    }
    defer { api.stop() }
    api.addImport(id: 9, stage: 6, terminal: "failure", rows: 4)
    let result = APIRun(api: api).run(["status", "9", "--format", "json"])
    #expect(result.status == 1, "a failed import")
    let expected = """
      {
        "createdAt": "2022-02-03 12:38:40",
        "finished": true,
        "id": "9",
        "originalName": "catalog.csv",
        "result": {
          "importedRows": 0,
          "totalRows": 4
        },
        "resultText": null,
        "status": "failure",
        "statusMessage": "Total rows imported: 0 out of 4",
        "statusesSeen": [
          "failure"
        ],
        "timezone": "UTC",
        "updatedAt": "2022-02-03 12:50:49"
      }

      """
    #expect(result.stdout == expected)
  }

  @Test func theLegacyFlatShapeIsReadToo() throws {
    let api = try APIFixture.start { $0.importShape = .flat }
    defer { api.stop() }
    api.addImport(id: 3, stage: 6)
    let result = APIRun(api: api).run(["status", "3"])
    #expect(result.status == 0)
    #expect(result.stdout.hasPrefix("import 3 (catalog.csv): success: Total rows imported: 6 out of 6\nrows imported: 6 of 6\n"))
  }

  @Test func strictFailsAWarning() throws {
    let api = try APIFixture.start()
    defer { api.stop() }
    api.addImport(id: 5, stage: 6, terminal: "warning")
    #expect(APIRun(api: api).run(["status", "5", "--strict"]).status == 1)
  }

  @Test func anUnknownImportIsNamed() throws {
    let api = try APIFixture.start()
    defer { api.stop() }
    let result = APIRun(api: api).run(["status", "99"])
    #expect(result.status == 2)
    #expect(result.stderr == "error: no import 99 on this account\n")
  }

  @Test func anAccountWithoutImportsSaysSo() throws {
    let api = try APIFixture.start()
    defer { api.stop() }
    let result = APIRun(api: api).run(["status", "last"])
    #expect(result.status == 2)
    #expect(result.stderr.contains("this account has no import yet"))
  }

  @Test func theLogIsSavedAsAZip() throws {
    let api = try APIFixture.start()
    defer { api.stop() }
    api.addImport(id: 21, stage: 5)
    let folder = APIFixture.folder()
    let log = folder.appendingPathComponent("import.zip").path
    _ = FileManager.default.createFile(atPath: log, contents: Data("old".utf8))
    let result = APIRun(api: api).run(["status", "21", "--wait", "--poll-interval", "0.01", "--log", log])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stderr.contains("saved the log of import 21"))
    let contents = try APIFixture.zipContents(log)
    #expect(Array(contents.keys) == ["import_21_log.csv"])
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["import.zip"], "no temporary file left")
    #expect(api.requests.last?.header("Accept") == "application/zip")
  }

  @Test(arguments: [
    (FakeWizartAPI.htmlPage, "answered with an HTML page (HTTP 200), not the Wizart API: check --api-url"),
    (ServerReply.json(200, "{\"message\":\"Log is not ready.\"}"), "sent a message instead of the log of import 22: Log is not ready."),
    (ServerReply.response(status: 200, headers: [], body: []), "sent an empty log for import 22"),
    (FakeWizartAPI.garbage, "the log of import 22 from 127.0.0.1:"),
  ])
  func aLogThatIsNotAZipIsNotSaved(_ reply: ServerReply, _ message: String) throws {
    let api = try APIFixture.start()
    defer { api.stop() }
    api.addImport(id: 22, stage: 6)
    api.inject("GET", path: "/imports/22", reply)
    let folder = APIFixture.folder()
    let log = folder.appendingPathComponent("log.zip").path
    let result = APIRun(api: api).run(["status", "last", "--log", log])
    #expect(result.status == 2)
    #expect(result.stderr.contains(message), "\(result.stderr)")
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
  }

  @Test func theLogNeverReplacesTheTokenFileOrAFolder() throws {
    let api = try APIFixture.start()
    defer { api.stop() }
    let folder = APIFixture.folder()
    let tokenFile = folder.appendingPathComponent("token").path
    _ = FileManager.default.createFile(atPath: tokenFile, contents: Data(api.settings.token.utf8))
    let first = APIRun(api: api).run(["status", "1", "--token-file", tokenFile, "--log", tokenFile])
    #expect(first.status == 2)
    #expect(first.stderr.contains("refusing to write the log to \(tokenFile): it is an input of this command"))
    let second = APIRun(api: api).run(["status", "1", "--log", folder.path])
    #expect(second.status == 2)
    #expect(second.stderr.contains("it is a folder"))
    #expect(api.requests.isEmpty)
  }

  @Test func aTokenFileIsReadAndTrimmed() throws {
    let api = try APIFixture.start()
    defer { api.stop() }
    api.addImport(id: 2)
    let tokenFile = APIFixture.folder().appendingPathComponent("token").path
    _ = FileManager.default.createFile(atPath: tokenFile, contents: Data("  Bearer \(api.settings.token)\n".utf8))
    let result = APIRun(api: api).run(["status", "2", "--token-file", tokenFile], environment: ["WIZART_TOKEN": "something-else"])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(api.requests.first?.header("Authorization") == "Bearer \(api.settings.token)")
  }

  @Test func transientServerErrorsAreRetried() throws {
    let api = try APIFixture.start()
    defer { api.stop() }
    api.addImport(id: 4)
    api.inject("GET", path: "/imports/4", times: 2, FakeWizartAPI.error(503, "Server error.", headers: [("Retry-After", "0")]))
    let result = APIRun(api: api).run(["status", "4"])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(api.requests.count == 3)
  }

  @Test func anHTMLPageIsNotTheAPI() throws {
    let api = try APIFixture.start()
    defer { api.stop() }
    api.inject("GET", path: "/imports/last", FakeWizartAPI.htmlPage)
    let result = APIRun(api: api).run(["status"])
    #expect(result.status == 2)
    #expect(result.stderr == "error: the server at 127.0.0.1:\(api.server.port) answered with an HTML page (HTTP 200), not the Wizart API: check --api-url\n")
  }

  @Test(arguments: [
    (["status", "12abc"], "'12abc' is not an import id"),
    (["status", "1", "2"], "unexpected argument '2'"),
    (["status", "1", "--timeout", "3"], "--timeout only applies with --wait"),
    (["status", "1", "--format", "yaml"], "unknown format 'yaml'"),
  ])
  func usageErrors(_ arguments: [String], _ message: String) {
    let result = CLI.run(arguments, environment: ["WIZART_TOKEN": "abcd1234"])
    #expect(result.status == 64)
    #expect(result.stderr.contains(message), "\(result.stderr)")
  }

  /// A token pasted where an argument goes is masked in the usage error too, before any client
  /// (and its masking) exists.
  @Test func theEnvironmentsSecretsAreMaskedInUsageErrors() {
    let token = "tok-\(UUID().uuidString)"
    let result = CLI.run(["status", token], environment: ["WIZART_TOKEN": token])
    #expect(result.status == 64)
    #expect(result.stderr.contains("'[hidden]' is not an import id"), "\(result.stderr)")
    let password = "pw-\(UUID().uuidString)"
    let grant = CLI.run(["status", "1", password], environment: ["WIZART_PASSWORD": password])
    #expect(grant.status == 64)
    #expect(grant.stderr.contains("unexpected argument '[hidden]'"), "\(grant.stderr)")
  }

  @Test func badTuningVariablesAreUsageErrors() {
    let result = CLI.run(["status", "1"], environment: ["WIZART_TOKEN": "abcd1234", "WIZART_RETRIES": "0"])
    #expect(result.status == 64)
    #expect(result.stderr.contains("WIZART_RETRIES"))
  }

  @Test func theAPIAddressCanComeFromTheEnvironment() throws {
    let api = try APIFixture.start()
    defer { api.stop() }
    api.addImport(id: 8)
    let result = CLI.run(["status", "8"], environment: APIRun(api: api).environment(["WIZART_API_URL": api.baseURL]))
    #expect(result.status == 0, "\(result.stderr)")
    #expect(api.requests.count == 1)
  }
}

@Suite struct RemoteTemplateAndTypesTests {
  @Test func pullWritesWizartsTemplateAsSent() throws {
    let api = try APIFixture.start()
    defer { api.stop() }
    let toStdout = APIRun(api: api).run(["template", "wallpaper", "--pull"])
    #expect(toStdout.status == 0)
    #expect(toStdout.stdout == "brand_name,collection_name,product_name,unique_sku_id,product_image,product_width\r\n")
    #expect(api.requests.first?.path == "/api/v2.1/data-mappings/default/wallpaper")
    #expect(api.requests.first?.header("Accept") == "text/csv")
    let file = APIFixture.folder().appendingPathComponent("wallpaper.csv").path
    let toFile = APIRun(api: api).run(["template", "wallpaper", "--pull", "-o", file])
    #expect(toFile.status == 0)
    #expect(toFile.stderr.contains("wrote Wizart's wallpaper template (6 columns)"))
    #expect(APIFixture.bytes(file) == Array(toStdout.stdout.utf8))
  }

  @Test func aTemplateEchoingTheTokenIsMaskedInTheFileToo() throws {
    let api = try APIFixture.start()
    defer { api.stop() }
    api.inject("GET", path: "/default/wallpaper") { request in
      .response(status: 200, headers: [("Content-Type", "text/csv")], body: Array("brand_name,\(request.header("Authorization") ?? "")\r\n".utf8))
    }
    let file = APIFixture.folder().appendingPathComponent("wallpaper.csv").path
    let result = APIRun(api: api).run(["template", "wallpaper", "--pull", "-o", file])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(String(decoding: APIFixture.bytes(file), as: UTF8.self) == "brand_name,Bearer [hidden]\r\n")
  }

  @Test func anExistingOutputFileIsReplaced() throws {
    let file = APIFixture.folder().appendingPathComponent("template.csv").path
    #expect(CLI.run(["template", "wallpaper", "-o", file]).status == 0)
    let result = CLI.run(["template", "tile", "-o", file])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(String(decoding: APIFixture.bytes(file), as: UTF8.self) == CLI.run(["template", "tile"]).stdout)
  }

  @Test func pullNamesAnUnknownType() throws {
    let api = try APIFixture.start()
    defer { api.stop() }
    let result = APIRun(api: api).run(["template", "rugs", "--pull"])
    #expect(result.status == 2)
    #expect(result.stderr.contains("unknown product type 'rugs' for this account"))
  }

  @Test func apiOptionsNeedPull() {
    let result = CLI.run(["template", "wallpaper", "--api-url", "https://example.com/api"])
    #expect(result.status == 64)
    #expect(result.stderr.contains("--api-url only applies with --pull"))
  }

  @Test(arguments: [FakeWizartAPI.ProductTypeShape.uuidList, .propertyName])
  func remoteTypesListTheAccount(_ shape: FakeWizartAPI.ProductTypeShape) throws {
    let api = try APIFixture.start {
      $0.productTypeShape = shape
      $0.productTypes = [("wallpaper", "Wallpaper"), ("murals", "Murals")]
    }
    defer { api.stop() }
    let result = APIRun(api: api).run(["types", "--remote"])
    #expect(result.status == 0)
    #expect(result.stdout.hasPrefix("code       rules    name\nmurals     none     Murals\nwallpaper  shipped  Wallpaper\n"))
    let json = APIRun(api: api).run(["types", "--remote", "--format", "json"])
    let items = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
    #expect(items.map { $0["code"] as? String } == ["murals", "wallpaper"])
    #expect(items.map { $0["shippedRules"] as? Bool } == [false, true])
    #expect(items.allSatisfy { ($0["id"] as? String)?.count == 36 })
  }
}
