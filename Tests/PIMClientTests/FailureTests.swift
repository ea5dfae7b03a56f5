import Foundation
import PreflightTestSupport
import Testing

@testable import PIMClient

/// Every way a request can fail, and what the user is told.
@Suite struct FailureTests {
  static func failure(
    _ reply: ServerReply, path: String = "/imports/last", times: Int = 1, recorder: SleepRecorder = SleepRecorder(),
    configure: (inout APIConfiguration) -> Void = { _ in }, call: (PIMClient) throws -> Void = { _ = try $0.lastImport() }
  ) throws -> (PIMError, FakeWizartAPI) {
    let api = try FakeWizartAPI()
    // Stopped on every way out, a failed #require included.
    defer { api.stop() }
    api.addImport(id: 3)
    api.inject(path: path, times: times, reply)
    let client = try Fixture.client(api, recorder: recorder, configure: configure)
    let error = try #require(throws: PIMError.self) { try call(client) }
    return (error, api)
  }

  @Test(arguments: [
    (FakeWizartAPI.error(401, "Unauthenticated."), PIMError.Kind.authentication, "did not accept the token from WIZART_TOKEN (HTTP 401: Unauthenticated.). Provide a valid one: set WIZART_TOKEN, pass --token-file FILE"),
    (ServerReply.json(401, #"{"data":[{"id":"x","status":"403","title":"Unathorized.","detail":"Unathorized."}]}"#), .authentication, "(HTTP 401: Unathorized.)"),
    (FakeWizartAPI.error(403, "This action is unauthorized."), .authentication, "this account may not do that (HTTP 403: This action is unauthorized.)"),
    (FakeWizartAPI.error(404, "Model not found."), .notFound, "this account has no import yet"),
    (FakeWizartAPI.error(400, "Bad Request."), .rejected, "the server refused the request (HTTP 400: Bad Request.)"),
    (FakeWizartAPI.error(422, "The name is required.", parameter: "name"), .rejected, "(HTTP 422: name: The name is required.)"),
    (ServerReply.response(status: 404, headers: [("Content-Type", "text/html")], body: Array("<html><body>404</body></html>".utf8)), .server,
     "answered with an HTML page (HTTP 404), not the Wizart API: check --api-url"),
    (FakeWizartAPI.htmlPage, .server, "answered with an HTML page (HTTP 200), not the Wizart API"),
    (FakeWizartAPI.garbage, .server, "answered with unreadable data (HTTP 200), not the Wizart API"),
    (ServerReply.response(status: 200, headers: [], body: []), .server, "answered with an empty answer (HTTP 200)"),
    (ServerReply.json(200, String(repeating: "[", count: 5000)), .server, "unreadable data (HTTP 200)"),
    (ServerReply.json(200, #"{"data":{"id":"3"}}"#), .server, "the answer about the last import has no import status in a known shape"),
    (ServerReply.response(status: 301, headers: [("Location", "https://elsewhere.example/api")], body: []), .configuration,
     "redirects to https://elsewhere.example/api (HTTP 301): put the right address in --api-url"),
    (ServerReply.json(418, #"{"message":"I'm a teapot"}"#), .server, "unexpected answer from 127.0.0.1:"),
  ])
  func answersBecomePlainMessagesWithoutRetry(_ reply: ServerReply, _ kind: PIMError.Kind, _ message: String) throws {
    let recorder = SleepRecorder()
    let (error, api) = try Self.failure(reply, recorder: recorder)
    #expect(error.kind == kind)
    #expect(error.message.contains(message), "\(error.message)")
    #expect(api.requests.count == 1)
    #expect(recorder.recorded.isEmpty)
  }

  @Test func notTheHTTPProtocolIsNamed() throws {
    let (error, _) = try Self.failure(.raw(Array("SSH-2.0-OpenSSH_9.2\r\n\r\n".utf8)))
    #expect(error.kind == .server)
    #expect(error.message.hasSuffix("answered with something that is not HTTP: check --api-url"), "\(error.message)")
  }

  @Test func anAnswerLargerThanTheCapIsRefused() throws {
    let big = ServerReply.json(200, "{\"data\":\"" + String(repeating: "x", count: 5000) + "\"}")
    let (error, _) = try Self.failure(big, configure: { $0.maxResponseBytes = 1000 })
    #expect(error.message.contains("is larger than 1000 bytes: that is not the Wizart API"), "\(error.message)")
    #expect(error.kind == .server)
  }

  @Test func theDefaultCapKeepsAParsedAnswerSmall() throws {
    let huge = "{\"data\":{\"id\":\"3\",\"attributes\":{\"status\":\"success\"}},\"padding\":[" + String(repeating: "0,", count: 1 << 20) + "0]}"
    let (error, _) = try Self.failure(.json(200, huge))
    #expect(error.kind == .server)
    #expect(error.message.contains("is larger than 1 MB"), "\(error.message)")
  }

  @Test func serverErrorsAreRetriedWithBackoffThenSucceed() throws {
    let api = try FakeWizartAPI()
    defer { api.stop() }
    api.addImport(id: 3)
    api.inject(path: "/imports/3", times: 2, FakeWizartAPI.error(503, "Server error."))
    let recorder = SleepRecorder()
    let record = try Fixture.client(api, recorder: recorder).importStatus(id: "3")
    #expect(record.status == "validating_csv")
    #expect(api.requests.count == 3)
    #expect(recorder.recorded == [0.01, 0.02], "base·2ⁿ (the jitter stub returns the ceiling)")
  }

  @Test func retriesStopAtTheLimit() throws {
    let recorder = SleepRecorder()
    let (error, api) = try Self.failure(FakeWizartAPI.error(502, "Bad Gateway"), times: 10, recorder: recorder)
    #expect(api.requests.count == 4)
    #expect(recorder.recorded == [0.01, 0.02, 0.04])
    #expect(error.kind == .server)
    #expect(error.message.hasSuffix("failed (HTTP 502: Bad Gateway); gave up after 4 attempts"))
  }

  @Test func retryAfterIsHonoured() throws {
    let api = try FakeWizartAPI()
    defer { api.stop() }
    api.addImport(id: 3)
    api.inject(path: "/imports/last", FakeWizartAPI.error(429, "Too Many Attempts.", headers: [("Retry-After", "7")]))
    let recorder = SleepRecorder()
    #expect(try Fixture.client(api, recorder: recorder).lastImport().id == "3")
    #expect(recorder.recorded == [7])
  }

  @Test func aRetryAfterTooLongIsReportedNotWaitedFor() throws {
    let recorder = SleepRecorder()
    let (error, api) = try Self.failure(FakeWizartAPI.error(429, "Too Many Attempts.", headers: [("Retry-After", "3600")]), recorder: recorder)
    #expect(error.kind == .rateLimited)
    #expect(error.message == "the server is limiting requests (HTTP 429) (it asks to wait 3600 s): try again later")
    #expect(api.requests.count == 1)
    #expect(recorder.recorded.isEmpty)
  }

  @Test(arguments: ["1e308", "99999999999999999999", "Fri, 31 Dec 9999 23:59:59 GMT"])
  func anAbsurdRetryAfterIsReportedWithoutCrashing(_ header: String) throws {
    let recorder = SleepRecorder()
    let (error, api) = try Self.failure(FakeWizartAPI.error(429, "Too Many Attempts.", headers: [("Retry-After", header)]), recorder: recorder)
    #expect(error.kind == .rateLimited)
    #expect(error.message == "the server is limiting requests (HTTP 429) (it asks to wait a day or more): try again later")
    #expect(api.requests.count == 1)
    #expect(recorder.recorded.isEmpty)
  }

  @Test func aClosedConnectionIsRetriedForReads() throws {
    let recorder = SleepRecorder()
    let (error, api) = try Self.failure(.close, times: 10, recorder: recorder)
    #expect(error.kind == .network)
    #expect(error.message.hasPrefix("the server at 127.0.0.1:\(api.server.port) closed the connection without an answer"), "\(error.message)")
    #expect(api.requests.count == 4)
    #expect(error.message.contains("127.0.0.1:\(api.server.port)"))
  }

  @Test func aSilentServerTimesOut() throws {
    let recorder = SleepRecorder()
    let start = Date()
    let (error, api) = try Self.failure(
      .json(200, "{}", delay: 2), times: 2, recorder: recorder,
      configure: {
        $0.requestTimeout = 0.2
        $0.retry = recorder.policy(maxAttempts: 2)
      })
    #expect(error.kind == .network)
    #expect(error.message.hasPrefix("no answer from 127.0.0.1:\(api.server.port) for 0.2 s"), "\(error.message)")
    // Counted on the client: a timed-out request may not be recorded by the server before it stops.
    #expect(recorder.recorded.count == 1, "one retry, then the error")
    #expect(error.message.hasSuffix("gave up after 2 attempts"))
    #expect(Date().timeIntervalSince(start) < 1.9, "neither attempt waited for the 2 s answer")
  }

  @Test func theDeadlineBoundsASlowAnswer() throws {
    let recorder = SleepRecorder()
    let (error, _) = try Self.failure(
      .json(200, "{}", delay: 2), recorder: recorder,
      configure: {
        $0.requestDeadline = 0.3
        $0.retry = recorder.policy(maxAttempts: 1)
      })
    #expect(error.message.contains("no complete answer from 127.0.0.1:"))
    #expect(error.message.contains("within 0.3 s"))
  }

  @Test func aRefusedConnectionIsRetriedEvenForTheUpload() throws {
    let api = try FakeWizartAPI()
    let base = api.baseURL
    api.stop()
    Thread.sleep(forTimeInterval: 0.2)  // the listener is closed
    let recorder = SleepRecorder()
    var configuration = try APIConfiguration(baseURL: base)
    configuration.retry = recorder.policy()
    let client = PIMClient(configuration: configuration, credentials: .bearer(token: "abcd-1234-token", origin: "WIZART_TOKEN"))
    let error = try #require(throws: PIMError.self) {
      try client.startImport(productType: "wallpaper", catalogPath: ClientTests.catalog, archivePath: ClientTests.images)
    }
    #expect(error.kind == .network)
    #expect(error.message.contains("the connection was refused"))
    #expect(!error.message.contains("may have started"), "nothing left this machine")
    #expect(recorder.recorded.count == 3, "retried: the request provably never left")
  }

  @Test func aPlainServerBehindHttpsFailsTheTLSHandshakeWithoutRetry() throws {
    let api = try FakeWizartAPI()
    defer { api.stop() }
    let recorder = SleepRecorder()
    var configuration = try APIConfiguration(baseURL: "https://127.0.0.1:\(api.server.port)/api/v2.1")
    configuration.retry = recorder.policy()
    let client = PIMClient(configuration: configuration, credentials: .bearer(token: "abcd-1234-token", origin: "WIZART_TOKEN"))
    let error = try #require(throws: PIMError.self) { try client.productTypes() }
    #expect(error.message.hasPrefix("the secure (TLS) connection to 127.0.0.1:\(api.server.port) failed"), "\(error.message)")
    #expect(recorder.recorded.isEmpty)
  }

  /// `.invalid` never resolves (RFC 6761), so this needs no network.
  @Test func anUnknownHostIsNamed() throws {
    let recorder = SleepRecorder()
    var configuration = try APIConfiguration(baseURL: "https://pim-client.invalid/api/v2.1")
    configuration.retry = recorder.policy(maxAttempts: 2)
    let client = PIMClient(configuration: configuration, credentials: .bearer(token: "abcd-1234-token", origin: "WIZART_TOKEN"))
    let error = try #require(throws: PIMError.self) { try client.lastImport() }
    #expect(error.kind == .network)
    #expect(error.message.hasPrefix("cannot find the server pim-client.invalid: check --api-url and your network connection"), "\(error.message)")
    #expect(recorder.recorded.count == 1)
  }

  @Test func anUploadCutAfterItsBytesIsNotRepeated() throws {
    let api = try FakeWizartAPI()
    defer { api.stop() }
    api.inject("POST", path: "/import", times: 5, .close)
    let recorder = SleepRecorder()
    let error = try #require(throws: PIMError.self) {
      try Fixture.client(api, recorder: recorder).startImport(productType: "wallpaper", catalogPath: ClientTests.catalog, archivePath: ClientTests.images)
    }
    #expect(api.requests.count == 1)
    #expect(recorder.recorded.isEmpty)
    #expect(error.message.contains("The import may have started anyway: check with 'wizart-preflight status last'"))
  }

  @Test func anUploadAnswerTrickledPastItsDeadlineIsCut() throws {
    let api = try FakeWizartAPI()
    defer { api.stop() }
    let answer = #"{"data":{"type":"import_data","id":"41","attributes":{"status":"uploading_files"}}}"#
    // About 80 bytes at 50 ms each: 4 s in all, and never 5 s of silence (the idle timeout).
    api.inject("POST", path: "/import", .response(status: 200, headers: [("Content-Type", "application/json")], body: Array(answer.utf8), pace: 0.05))
    let client = try Fixture.client(api) {
      $0.transferTimeout = 5
      $0.uploadAnswerDeadline = 0.5
    }
    let error = try #require(throws: PIMError.self) {
      try client.startImport(productType: "wallpaper", catalogPath: ClientTests.catalog, archivePath: ClientTests.images)
    }
    #expect(error.kind == .network)
    #expect(error.message.hasPrefix("no complete answer from 127.0.0.1:\(api.server.port) within 0.5 s."), "\(error.message)")
    #expect(error.message.contains("The import may have started anyway"))
    #expect(api.requests.count == 1, "not repeated")
  }

  @Test func anUnknownProductTypeIsNamedOnUpload() throws {
    let api = try FakeWizartAPI()
    defer { api.stop() }
    let error = try #require(throws: PIMError.self) {
      try Fixture.client(api).startImport(productType: "rugs", catalogPath: ClientTests.catalog, archivePath: ClientTests.images)
    }
    #expect(error.kind == .notFound)
    #expect(error.message == "unknown product type 'rugs' for this account (see 'wizart-preflight types --remote')")
  }

  /// Server text is shortened for printing; masking after that would miss a token cut in two
  /// and print its first half.
  @Test func aTokenEchoedWhereTheMessageIsCutIsMaskedWhole() throws {
    let api = try FakeWizartAPI()
    defer { api.stop() }
    let padding = String(repeating: "x", count: 180)
    api.inject(path: "/imports/last") { request in
      FakeWizartAPI.error(400, padding + (request.header("Authorization") ?? ""))
    }
    let client = try Fixture.client(api)
    let error = try #require(throws: PIMError.self) { try client.lastImport() }
    #expect(error.message.contains(padding + "Bearer [hidden]"), "\(error.message)")
    #expect(!error.message.contains(String(api.settings.token.prefix(6))))
    api.addImport(id: 3)
    api.inject(path: "/imports/last") { request in
      .json(200, #"{"data":{"id":"3","attributes":{"status":"success","status_message":"\#(String(repeating: "y", count: 385)) \#(request.header("Authorization") ?? "")"}}}"#)
    }
    let message = try #require(try client.lastImport().statusMessage)
    #expect(!message.contains(String(api.settings.token.prefix(6))), "\(message)")
  }

  @Test func aTokenEchoedInAnErrorIsMasked() throws {
    let api = try FakeWizartAPI()
    defer { api.stop() }
    api.inject(path: "/imports/last") { request in
      FakeWizartAPI.error(400, "Bad Request.", detail: "cannot use \(request.header("Authorization") ?? "")")
    }
    let error = try #require(throws: PIMError.self) { try Fixture.client(api).lastImport() }
    #expect(error.message == "the server refused the request (HTTP 400: Bad Request.: cannot use Bearer [hidden])")
    #expect(!error.message.contains(api.settings.token))
  }
}
