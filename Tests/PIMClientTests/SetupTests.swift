import Foundation
import Testing

@testable import PIMClient

@Suite struct ConfigurationTests {
  @Test func theTokenEndpointIsAtTheHostRoot() throws {
    let production = try APIConfiguration()
    #expect(production.baseURL.absoluteString == "https://pim-client.wizart.ai/api/v2.1")
    #expect(production.tokenURL.absoluteString == "https://pim-client.wizart.ai/oauth/token")
    let local = try APIConfiguration(baseURL: "http://127.0.0.1:8051/api/v2.1/")
    #expect(local.tokenURL.absoluteString == "http://127.0.0.1:8051/oauth/token")
    #expect(local.hostLabel == "127.0.0.1:8051")
    #expect(local.baseURL.absoluteString == "http://127.0.0.1:8051/api/v2.1")
  }

  @Test(arguments: [
    ("pim-client.wizart.ai/api/v2.1", "is not a web address"),
    ("ftp://pim-client.wizart.ai/api", "must start with https://"),
    ("http://pim-client.wizart.ai/api/v2.1", "refusing to send the API token over plain http"),
    ("https://user:pw@pim-client.wizart.ai/api", "must not contain a user name or password"),
    ("https://pim-client.wizart.ai/api?x=1", "must not contain '?' or '#'"),
  ])
  func refusesUnsafeOrBrokenAddresses(_ text: String, _ message: String) {
    #expect {
      _ = try APIConfiguration(baseURL: text)
    } throws: { error in
      (error as? PIMError)?.kind == .configuration && (error as? PIMError)?.message.contains(message) == true
    }
  }

  @Test func pathSegmentsCannotEscape() throws {
    let configuration = try APIConfiguration()
    #expect(try configuration.url("product-type", "../imports?x", "import").absoluteString
      == "https://pim-client.wizart.ai/api/v2.1/product-type/..%2Fimports%3Fx/import")
    #expect(try configuration.url("imports", "..").absoluteString == "https://pim-client.wizart.ai/api/v2.1/imports/%2E%2E")
  }
}

@Suite struct CredentialTests {
  func folder() -> String { Fixture.temporaryFolder() }

  @Test func theTokenFileWinsThenTheVariableThenTheGrant() throws {
    let file = Fixture.write(Array("\n  tok-file-123 \r\n".utf8), name: "token")
    let grant = ["WIZART_USERNAME": "u@example.com", "WIZART_PASSWORD": "pw12", "WIZART_CLIENT_ID": " 7 ", "WIZART_CLIENT_SECRET": "sec1"]
    guard case .bearer(let fromFile, let origin) = try CredentialSource.resolve(environment: ["WIZART_TOKEN": "tok-env-123"].merging(grant) { $1 }, tokenFile: file)
    else { Issue.record("expected a bearer token"); return }
    #expect(fromFile == "tok-file-123")
    #expect(origin == "--token-file \(file)")
    guard case .bearer(let fromEnvironment, _) = try CredentialSource.resolve(environment: ["WIZART_TOKEN": "Bearer tok-env-123"].merging(grant) { $1 }, tokenFile: nil)
    else { Issue.record("expected a bearer token"); return }
    #expect(fromEnvironment == "tok-env-123")
    guard case .passwordGrant(let password) = try CredentialSource.resolve(environment: grant, tokenFile: nil)
    else { Issue.record("expected the password grant"); return }
    #expect(password.clientID == "7")
  }

  @Test(arguments: [
    (["WIZART_USERNAME": "u"], "missing: WIZART_PASSWORD, WIZART_CLIENT_ID, WIZART_CLIENT_SECRET"),
    ([:], "no API credentials: set WIZART_TOKEN"),
    (["WIZART_TOKEN": "two tokens"], "WIZART_TOKEN should hold one token"),
  ])
  func explainsMissingOrBrokenCredentials(_ environment: [String: String], _ message: String) {
    #expect {
      _ = try CredentialSource.resolve(environment: environment, tokenFile: nil)
    } throws: { error in
      (error as? PIMError)?.message.contains(message) == true
    }
  }

  @Test func refusesUnusableTokenFiles() throws {
    let folder = folder()
    let cases: [(String?, String)] = [
      (nil, "it does not exist"),
      ("", "is empty"),
      ("line one\nline two", "should hold one token"),
      (String(repeating: "x", count: 20_000), "larger than 16 KB"),
    ]
    for (index, (content, message)) in cases.enumerated() {
      let path = (folder as NSString).appendingPathComponent("token\(index)")
      if let content { _ = FileManager.default.createFile(atPath: path, contents: Data(content.utf8)) }
      #expect(performing: { _ = try CredentialSource.resolve(environment: [:], tokenFile: path) }, throws: { error in
        (error as? PIMError)?.message.contains(message) == true
      })
    }
    #expect(performing: { _ = try CredentialSource.resolve(environment: [:], tokenFile: folder) }, throws: { error in
      (error as? PIMError)?.message.contains("it is a folder") == true
    })
  }

  @Test func theGrantSendsANumericClientIdAsANumber() {
    let numeric = PasswordGrant(username: "u@example.com", password: "p\"w", clientID: "7", clientSecret: "s")
    #expect(String(decoding: numeric.body(), as: UTF8.self)
      == #"{"grant_type":"password","client_id":7,"client_secret":"s","username":"u@example.com","password":"p\"w"}"#)
    let textual = PasswordGrant(username: "u", password: "p", clientID: "web-7", clientSecret: "s")
    #expect(String(decoding: textual.body(), as: UTF8.self).contains(#""client_id":"web-7""#))
    let padded = PasswordGrant(username: "u", password: "p", clientID: "007", clientSecret: "s")
    #expect(String(decoding: padded.body(), as: UTF8.self).contains(#""client_id":"007""#), "as a number it would be another id")
    let zero = PasswordGrant(username: "u", password: "p", clientID: "0", clientSecret: "s")
    #expect(String(decoding: zero.body(), as: UTF8.self).contains(#""client_id":0,"#))
  }
}

@Suite struct SecretListTests {
  @Test func masksEveryFormOfASecret() {
    let secrets = SecretList(["ab/cd+ef\"gh"])
    #expect(secrets.redact("raw ab/cd+ef\"gh end") == "raw [hidden] end")
    #expect(secrets.redact(#"json "ab\/cd+ef\"gh""#) == #"json "[hidden]""#)
    #expect(secrets.redact("url ab%2Fcd%2Bef%22gh") == "url [hidden]")
    #expect(secrets.redact("nothing here") == "nothing here")
  }

  @Test func ignoresSecretsTooShortToMask() {
    let secrets = SecretList(["abc"])
    #expect(secrets.redact("abc abc") == "abc abc")
    secrets.add("longer-secret")
    #expect(secrets.redact("x longer-secret y") == "x [hidden] y")
  }
}

@Suite struct RetryPolicyTests {
  @Test func backsOffExponentiallyWithFullJitterUpToTheCap() {
    let policy = RetryPolicy(maxAttempts: 6, baseDelay: 0.5, maxDelay: 3, random: { $0.upperBound })
    #expect((1...5).map { policy.delay(afterAttempt: $0, retryAfter: nil) } == [0.5, 1, 2, 3, 3])
    #expect(policy.delay(afterAttempt: 6, retryAfter: nil) == nil, "no attempts left")
    let low = RetryPolicy(baseDelay: 0.5, random: { $0.lowerBound })
    #expect(low.delay(afterAttempt: 3, retryAfter: nil) == 0, "full jitter starts at zero")
  }

  @Test func honoursRetryAfterWithinItsLimit() {
    let policy = RetryPolicy(maxAttempts: 4, baseDelay: 0.5, maxRetryAfter: 30)
    #expect(policy.delay(afterAttempt: 1, retryAfter: 7) == 7)
    #expect(policy.delay(afterAttempt: 1, retryAfter: 120) == nil, "too long: report instead of waiting")
  }

  @Test func readsRetryAfterInBothForms() {
    #expect(RetryPolicy.retryAfter("5") == 5)
    #expect(RetryPolicy.retryAfter(" 0.5 ") == 0.5)
    let now = Date(timeIntervalSince1970: 1_700_000_000)  // Tue, 14 Nov 2023 22:13:20 GMT
    #expect(RetryPolicy.retryAfter("Tue, 14 Nov 2023 22:13:50 GMT", now: now) == 30)
    #expect(RetryPolicy.retryAfter("soon") == nil)
    #expect(RetryPolicy.retryAfter(nil) == nil)
  }
}
