import Foundation
import PreflightTestSupport
import Testing

@testable import PreflightCLI

@Suite struct UploadCommandTests {
  static let catalog = CLI.sample("wallpaper/catalog.csv")
  static let images = CLI.sample("wallpaper/images.zip")

  @Test func aCleanCatalogueIsUploadedAndFollowedToSuccess() throws {
    let api = try APIFixture.start()
    defer { api.stop() }
    let result = APIRun(api: api).run(["upload", Self.catalog, Self.images, "--type", "wallpaper", "--wait", "--poll-interval", "0.01"])
    #expect(result.status == 0, "\(result.stderr)")
    let expected = """
      uploaded: import 41 (wallpaper, 6 rows, status uploading_files)
        uploading_files    receiving the files
        validating_csv     checking the CSV
        unpacking_archive  unpacking the image archive
        checking_images    checking the images
        waiting_queue      waiting for a free worker
        importing_data     importing the rows
      success: Total rows imported: 6 out of 6
      rows imported: 6 of 6

      """
    #expect(result.stdout == expected)
    #expect(result.stderr.contains("check: "), "the check's summary line")
    // One upload, then one status request per stage.
    #expect(api.requests.map { "\($0.method) \($0.path)" } == ["POST /api/v2.1/product-type/wallpaper/import"] + Array(repeating: "GET /api/v2.1/imports/41", count: 6))
    let upload = try #require(api.uploads.first)
    #expect(upload.parts.map { $0.disposition("name") } == ["data", "archive"])
    #expect(upload.parts[0].data == APIFixture.bytes(Self.catalog))
    #expect(upload.parts[1].data == APIFixture.bytes(Self.images))
    #expect(upload.parts[0].disposition("filename") == "catalog.csv")
    #expect(upload.parts[1].disposition("filename") == "images.zip")
    #expect(upload.parts[0].header("Content-Type") == "text/csv")
    #expect(upload.parts[1].header("Content-Type") == "application/zip")
    #expect(upload.request.header("Authorization") == "Bearer \(api.settings.token)")
  }

  @Test(arguments: [
    ("broken/missing-required.csv", "wallpaper/images.zip"),
    ("wallpaper/catalog.csv", "broken-images/missing-image.zip"),
  ])
  func aBrokenCatalogueIsRefusedWithoutARequest(_ catalog: String, _ images: String) throws {
    let api = try APIFixture.start()
    defer { api.stop() }
    let result = APIRun(api: api).run(["upload", CLI.sample(catalog), CLI.sample(images), "--type", "wallpaper", "--wait"])
    #expect(result.status == 1)
    #expect(result.stdout.contains("error: "), "the problems are listed")
    #expect(result.stdout.contains("failure at"))
    #expect(result.stderr.contains("error: not uploaded: the check predicts failure"))
    #expect(result.stderr.contains("--force"))
    #expect(api.requests.isEmpty)
  }

  @Test func aRefusalInJSONSaysNotUploaded() throws {
    let api = try APIFixture.start()
    defer { api.stop() }
    let result = APIRun(api: api).run(["upload", CLI.sample("broken/missing-required.csv"), Self.images, "--type", "wallpaper", "--format", "json"])
    #expect(result.status == 1)
    let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    #expect(object["uploaded"] as? Bool == false)
    #expect(object["import"] is NSNull)
    let preflight = try #require(object["preflight"] as? [String: Any])
    #expect(preflight["outcome"] as? String == "failure" && preflight["failedStage"] as? String == "validating_csv")
    #expect(result.stderr.contains("error: not uploaded"))
    #expect(api.requests.isEmpty)
  }

  @Test func forceUploadsWhatTheCheckWouldRefuse() throws {
    let api = try APIFixture.start()
    defer { api.stop() }
    let result = APIRun(api: api).run(["upload", CLI.sample("broken/missing-required.csv"), Self.images, "--type", "wallpaper", "--force"])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stderr.contains("uploading anyway (--force)"))
    #expect(result.stdout.hasPrefix("uploaded: import 41"))
    #expect(result.stderr.contains("follow it with: wizart-preflight status 41 --wait"))
    #expect(api.uploads.count == 1)
  }

  @Test func warningsAreUploadedWithANote() throws {
    let api = try APIFixture.start()
    defer { api.stop() }
    let result = APIRun(api: api).run(["upload", CLI.sample("broken/decimal-commas.csv"), Self.images, "--type", "wallpaper", "--format", "json"])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stderr.contains("warning: 4 rows with warnings will be skipped by the server"))
    let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    #expect((object["preflight"] as? [String: Any])?["rowsSkipped"] as? Int == 4)
    #expect((object["import"] as? [String: Any])?["status"] as? String == "uploading_files")
    #expect(api.uploads.count == 1)
  }

  @Test func aTerminalShowsUploadProgressOnStandardError() throws {
    let api = try APIFixture.start()
    defer { api.stop() }
    let out = StringSink()
    let err = StringSink()
    let console = Console(stdout: out, stderr: err, environment: APIRun(api: api).environment(), stderrIsTerminal: true)
    let status = CommandLineTool.run(["upload", Self.catalog, Self.images, "--type", "wallpaper", "--api-url", api.baseURL], console: console)
    #expect(status == 0, "\(err.text)")
    #expect(err.text.contains("\ruploading "), "a progress line is drawn")
    #expect(err.text.contains("\r\u{1B}[K"), "and erased")
    #expect(!out.text.contains("\r"), "never on standard output")
    let quiet = StringSink()
    let noProgress = Console(stdout: StringSink(), stderr: quiet, environment: APIRun(api: api).environment(), stderrIsTerminal: true)
    _ = CommandLineTool.run(["upload", Self.catalog, Self.images, "--type", "wallpaper", "--no-progress", "--api-url", api.baseURL], console: noProgress)
    #expect(!quiet.text.contains("\r"))
  }

  @Test func aFolderIsPackedWithExactlyTheReferencedImages() throws {
    let folder = try APIFixture.imageFolder(extra: ["images/holiday.jpg": [0xFF, 0xD8, 0xFF, 0xD9], ".DS_Store": [0]])
    let api = try APIFixture.start()
    defer { api.stop() }
    // A TMPDIR of its own: other tests upload at the same time.
    let temporary = APIFixture.folder()
    let result = APIRun(api: api).run(["upload", Self.catalog, folder.path, "--type", "wallpaper"], environment: ["TMPDIR": temporary.path])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stderr.contains("packing 7 referenced images"))
    #expect(try FileManager.default.contentsOfDirectory(atPath: temporary.path).isEmpty, "the temporary ZIP and request body are removed")
    let upload = try #require(api.uploads.first)
    #expect(upload.parts[1].disposition("filename") == "wallpaper images.zip")
    let zip = APIFixture.folder().appendingPathComponent("received.zip").path
    _ = FileManager.default.createFile(atPath: zip, contents: Data(upload.parts[1].data))
    let received = try APIFixture.zipContents(zip)
    let original = try APIFixture.zipContents(Self.images)
    #expect(received == original, "the same seven images, nothing else")
  }

  /// The real process, interrupted while the server holds the upload: the packed ZIP and the
  /// request body (full copies of the images) are removed, and the tool dies of the signal.
  @Test(arguments: [SIGINT, SIGTERM])
  func anInterruptedUploadLeavesNoTemporaryFiles(_ signal: Int32) throws {
    let binary = try #require(CLI.binary, "the tool is built")
    let folder = try APIFixture.imageFolder()
    let api = try APIFixture.start()
    defer { api.stop() }
    api.inject("POST", path: "/import", .json(200, "{}", delay: 30))
    let temporary = APIFixture.folder()
    let process = Process()
    process.executableURL = binary
    process.arguments = ["upload", Self.catalog, folder.path, "--type", "wallpaper", "--api-url", api.baseURL]
    process.environment = APIRun(api: api).environment(["TMPDIR": temporary.path])
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    let start = Date()
    while api.uploads.isEmpty && api.requests.isEmpty && Date().timeIntervalSince(start) < 30 { Thread.sleep(forTimeInterval: 0.02) }
    let during = try FileManager.default.subpathsOfDirectory(atPath: temporary.path)
    #expect(during.contains { $0.hasSuffix(".multipart") } && during.contains { $0.hasSuffix("wallpaper images.zip") }, "\(during)")
    kill(process.processIdentifier, signal)
    process.waitUntilExit()
    #expect(process.terminationReason == .uncaughtSignal && process.terminationStatus == signal)
    #expect(try FileManager.default.contentsOfDirectory(atPath: temporary.path).isEmpty)
  }

  @Test(arguments: [("success", [String](), Int32(0)), ("warning", [], 0), ("warning", ["--strict"], 1), ("failure", [], 1)])
  func theExitCodeFollowsTheImport(_ terminal: String, _ flags: [String], _ code: Int32) throws {
    let api = try APIFixture.start { $0.terminalStatus = terminal }
    defer { api.stop() }
    let result = APIRun(api: api).run(["upload", Self.catalog, Self.images, "--type", "wallpaper", "--wait", "--poll-interval", "0.01"] + flags)
    #expect(result.status == code)
    #expect(result.stdout.contains("\(terminal): Total rows imported: "))
  }

  @Test func jsonHasTheImportAndKeepsStagesOnStandardError() throws {
    let api = try APIFixture.start { $0.numericIDs = true }
    defer { api.stop() }
    let result = APIRun(api: api).run(["upload", Self.catalog, Self.images, "--type", "wallpaper", "--wait", "--poll-interval", "0.01", "--format", "json"])
    #expect(result.status == 0, "\(result.stderr)")
    let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    #expect(object["uploaded"] as? Bool == true)
    let record = try #require(object["import"] as? [String: Any])
    #expect(record["id"] as? String == "41")
    #expect(record["status"] as? String == "success")
    #expect(record["statusesSeen"] as? [String] == FakeWizartAPI.statuses + ["success"])
    #expect((record["result"] as? [String: Int]) == ["totalRows": 6, "importedRows": 6])
    #expect((object["preflight"] as? [String: Any])?["outcome"] as? String == "success")
    #expect(result.stderr.contains("  validating_csv     checking the CSV"))
  }

  @Test func aTypeTheAccountDoesNotHaveIsNamed() throws {
    let api = try APIFixture.start { $0.productTypes = [("tile", "Tile")] }
    defer { api.stop() }
    let result = APIRun(api: api).run(["upload", Self.catalog, Self.images, "--type", "wallpaper"])
    #expect(result.status == 2)
    #expect(result.stderr.contains("error: unknown product type 'wallpaper' for this account (see 'wizart-preflight types --remote')"))
  }

  @Test func aRefusedTokenSaysHowToProvideOne() throws {
    let api = try APIFixture.start()
    defer { api.stop() }
    let result = APIRun(api: api).run(
      ["upload", Self.catalog, Self.images, "--type", "wallpaper"], environment: ["WIZART_TOKEN": "expired-token-1234"])
    #expect(result.status == 2)
    #expect(result.stderr.contains("did not accept the token from WIZART_TOKEN (HTTP 401: Unauthenticated.)"))
    #expect(result.stderr.contains("--token-file FILE"))
    #expect(result.stderr.contains("WIZART_CLIENT_SECRET"))
    #expect(!result.stderr.contains("expired-token-1234"))
  }

  @Test func aTokenEchoedByTheServerIsMasked() throws {
    let api = try APIFixture.start()
    defer { api.stop() }
    api.inject("POST", path: "/import") { request in
      FakeWizartAPI.error(422, "The given data was invalid.", detail: "bad header \(request.header("Authorization") ?? "")", parameter: "archive")
    }
    let result = APIRun(api: api).run(["upload", Self.catalog, Self.images, "--type", "wallpaper", "--format", "json"])
    #expect(result.status == 1, "a refused upload")
    #expect(result.stderr.contains("the server refused the upload (HTTP 422: archive: The given data was invalid.: bad header Bearer [hidden])"))
    #expect(result.stdout.isEmpty)
  }

  @Test func aServerErrorDuringTheUploadIsNotRetried() throws {
    let api = try APIFixture.start()
    defer { api.stop() }
    api.inject("POST", path: "/import", times: 5, FakeWizartAPI.error(503, "Server error."))
    let result = APIRun(api: api).run(["upload", Self.catalog, Self.images, "--type", "wallpaper"])
    #expect(result.status == 2)
    #expect(result.stderr.contains("failed (HTTP 503: Server error.)"))
    #expect(result.stderr.contains("may have started anyway"))
    #expect(api.requests.count == 1)
  }

  @Test func withoutCredentialsNothingIsSent() throws {
    let api = try APIFixture.start()
    defer { api.stop() }
    let result = APIRun(api: api).run(["upload", Self.catalog, Self.images, "--type", "wallpaper"], environment: ["WIZART_TOKEN": nil])
    #expect(result.status == 2)
    #expect(result.stderr.contains("error: no API credentials: set WIZART_TOKEN, pass --token-file FILE"))
    #expect(api.requests.isEmpty)
  }

  @Test func thePasswordGrantSignsInOnceAndItsTokenStaysHidden() throws {
    let api = try APIFixture.start()
    defer { api.stop() }
    let settings = api.settings
    let result = APIRun(api: api).run(
      ["upload", Self.catalog, Self.images, "--type", "wallpaper", "--wait", "--poll-interval", "0.01"],
      environment: [
        "WIZART_TOKEN": nil, "WIZART_USERNAME": settings.username, "WIZART_PASSWORD": settings.password,
        "WIZART_CLIENT_ID": settings.clientID, "WIZART_CLIENT_SECRET": settings.clientSecret,
      ])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(api.requests.filter { $0.path == "/oauth/token" }.count == 1)
    #expect(api.requests.dropFirst().allSatisfy { $0.header("Authorization") == "Bearer \(settings.grantedToken)" })
  }

  @Test func pollingTroubleSaysHowToFollowTheImport() throws {
    let api = try APIFixture.start()
    defer { api.stop() }
    api.inject("GET", path: "/imports/41", times: 10, FakeWizartAPI.error(502, "Bad Gateway"))
    let result = APIRun(api: api).run(
      ["upload", Self.catalog, Self.images, "--type", "wallpaper", "--wait", "--poll-interval", "0.01"], environment: ["WIZART_RETRIES": "2"])
    #expect(result.status == 2)
    #expect(result.stderr.contains("failed (HTTP 502: Bad Gateway); gave up after 2 attempts"))
    #expect(result.stderr.contains("hint: the import goes on on the server: follow it with 'wizart-preflight status 41 --wait'"))
    #expect(api.requests.filter { $0.method == "GET" }.count == 2)
  }

  @Test func waitingStopsAtTheTimeout() throws {
    let api = try APIFixture.start()
    defer { api.stop() }
    let result = APIRun(api: api).run(
      ["upload", Self.catalog, Self.images, "--type", "wallpaper", "--wait", "--poll-interval", "0.05", "--timeout", "0.12"])
    #expect(result.status == 2)
    #expect(result.stderr.contains("error: import 41 is still at"))
    #expect(result.stderr.contains("(--timeout)"))
  }

  @Test(arguments: [
    (["upload", "a.csv"], "'upload' needs the images too"),
    (["upload", "a.csv", "b.zip"], "'upload' needs the product type: --type CODE"),
    (["upload", "a.csv", "b.zip", "c", "--type", "wallpaper"], "unexpected argument 'c'"),
    (["upload", catalog, images, "--type", "wallpaper", "--wait", "--poll-interval", "0"], "--poll-interval takes a number of seconds greater than 0"),
    (["upload", catalog, images, "--type", "wallpaper", "--wait", "--poll-interval", "soon"], "--poll-interval takes a number"),
    (["upload", catalog, images, "--type", "wallpaper", "--poll-interval", "1"], "--poll-interval only applies with --wait"),
    (["upload", catalog, images, "--type", "wallpaper", "--format", "xml"], "unknown format 'xml'"),
    (["upload", catalog, images, "--type", "murals"], "no shipped rules for product type 'murals'"),
    (["upload", catalog, images, "--type", "wallpaper", "--api-url", "http://pim.example.com/api/v2.1"], "refusing to send the API token over plain http"),
    (["upload", catalog, images, "--type", "wallpaper", "--api-url", "ftp://x"], "--api-url must start with https://"),
  ])
  func usageErrorsExit64BeforeAnyRequest(_ arguments: [String], _ message: String) throws {
    let result = CLI.run(arguments, environment: ["WIZART_TOKEN": "abcd1234"])
    #expect(result.status == 64)
    #expect(result.stderr.contains(message), "\(result.stderr)")
  }

  @Test func anExcelCatalogueIsRefused() throws {
    let workbook = CLI.temporaryFile("PK\u{3}\u{4}rest", name: "catalog.xlsx")
    let result = CLI.run(["upload", workbook, Self.images, "--type", "wallpaper"], environment: ["WIZART_TOKEN": "abcd1234"])
    #expect(result.status == 64)
    #expect(result.stderr.contains("is an Excel workbook, and the Wizart import takes a CSV file"))
  }

  @Test func anUnknownTypeWithForceAndAZipGoesUnchecked() throws {
    let api = try APIFixture.start { $0.productTypes.append(("murals", "Murals")) }
    defer { api.stop() }
    let result = APIRun(api: api).run(["upload", Self.catalog, Self.images, "--type", "murals", "--force"])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stderr.contains("'murals' has no shipped rules and no --schema was given: uploading unchecked"))
    #expect(api.uploads.first?.productType == "murals")
  }

  @Test func helpListsTheExitCodesAndCredentials() {
    let result = CLI.run(["upload", "--help"])
    #expect(result.status == 0)
    #expect(result.stdout.contains("Exit codes:") && result.stdout.contains("WIZART_TOKEN") && result.stdout.contains("--poll-interval S"))
  }
}
