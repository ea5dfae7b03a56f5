import Foundation
import PIMClient
import PreflightTestSupport
import Synchronization

/// Records the waits a retry policy asks for instead of sitting them out.
final class SleepRecorder: Sendable {
  private let waits = Mutex<[TimeInterval]>([])
  var recorded: [TimeInterval] { waits.withLock { $0 } }

  /// A policy with tiny real sleeps, recording every requested delay; jitter returns the ceiling.
  func policy(maxAttempts: Int = 4, baseDelay: TimeInterval = 0.01, maxDelay: TimeInterval = 0.08, maxRetryAfter: TimeInterval = 60) -> RetryPolicy {
    RetryPolicy(
      maxAttempts: maxAttempts, baseDelay: baseDelay, maxDelay: maxDelay, maxRetryAfter: maxRetryAfter,
      sleep: { [self] delay in waits.withLock { $0.append(delay) } }, random: { $0.upperBound })
  }
}

enum Fixture {
  static let repositoryRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

  static func sample(_ path: String) -> String { repositoryRoot.appendingPathComponent("samples/\(path)").path }

  static func temporaryFolder() -> String {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pim-tests-\(UUID().uuidString)")
    try! FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    return folder.path
  }

  static func write(_ bytes: [UInt8], name: String, in folder: String? = nil) -> String {
    let path = ((folder ?? temporaryFolder()) as NSString).appendingPathComponent(name)
    _ = FileManager.default.createFile(atPath: path, contents: Data(bytes))
    return path
  }

  /// A client for the fake, with a bearer token unless other credentials are given.
  static func client(
    _ api: FakeWizartAPI, credentials: Credentials? = nil, recorder: SleepRecorder = SleepRecorder(),
    configure: (inout APIConfiguration) -> Void = { _ in }
  ) throws -> PIMClient {
    var configuration = try APIConfiguration(baseURL: api.baseURL)
    configuration.retry = recorder.policy()
    configuration.requestTimeout = 5
    configuration.requestDeadline = 10
    configure(&configuration)
    return PIMClient(
      configuration: configuration, credentials: credentials ?? .bearer(token: api.settings.token, origin: "WIZART_TOKEN"))
  }
}
