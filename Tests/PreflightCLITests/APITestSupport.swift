import Foundation
import PreflightTestSupport
import Testing
import ZipKit

@testable import PreflightCLI

/// Runs commands that talk to a `FakeWizartAPI`, and checks that the secrets never show.
struct APIRun {
  let api: FakeWizartAPI

  /// WIZART_TOKEN and fast retries; `extra` adds or overrides variables (a nil value removes one).
  func environment(_ extra: [String: String?] = [:]) -> [String: String] {
    var environment = ["WIZART_TOKEN": api.settings.token, "WIZART_RETRY_DELAY": "0.001", "WIZART_REQUEST_TIMEOUT": "5"]
    for (key, value) in extra { environment[key] = value }
    return environment
  }

  /// Runs `arguments` with `--api-url` pointing at the fake; expects no secret in the output.
  func run(_ arguments: [String], environment extra: [String: String?] = [:], sourceLocation: SourceLocation = #_sourceLocation) -> CLIResult {
    let result = CLI.run(arguments + ["--api-url", api.baseURL], environment: environment(extra))
    for secret in [api.settings.token, api.settings.grantedToken, api.settings.password, api.settings.clientSecret] {
      #expect(!result.stdout.contains(secret), "a secret was printed on stdout", sourceLocation: sourceLocation)
      #expect(!result.stderr.contains(secret), "a secret was printed on stderr", sourceLocation: sourceLocation)
    }
    return result
  }
}

enum APIFixture {
  static func start(_ change: (inout FakeWizartAPI.Settings) -> Void = { _ in }) throws -> FakeWizartAPI {
    var settings = FakeWizartAPI.Settings()
    change(&settings)
    return try FakeWizartAPI(settings, lifetime: 60)
  }

  static func folder() -> URL {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("preflight-api-\(UUID().uuidString)")
    try! FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    return folder
  }

  /// The entries of a ZIP, name → bytes.
  static func zipContents(_ path: String) throws -> [String: [UInt8]] {
    let archive = try ZipArchive(path: path)
    var contents: [String: [UInt8]] = [:]
    for entry in archive.entries where !entry.isDirectory {
      var bytes: [UInt8] = []
      try archive.read(entry, limit: 64 << 20) { chunk in
        bytes.append(contentsOf: chunk)
        return true
      }
      contents[entry.name] = bytes
    }
    return contents
  }

  /// The wallpaper sample's images, unpacked into a new folder (plus whatever `extra` adds).
  static func imageFolder(extra: [String: [UInt8]] = [:]) throws -> URL {
    let folder = folder().appendingPathComponent("wallpaper images")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    for (name, bytes) in try zipContents(CLI.sample("wallpaper/images.zip")).merging(extra, uniquingKeysWith: { $1 }) {
      let url = folder.appendingPathComponent(name)
      try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
      try Data(bytes).write(to: url)
    }
    return folder
  }

  static func bytes(_ path: String) -> [UInt8] { [UInt8](FileManager.default.contents(atPath: path) ?? Data()) }
}
