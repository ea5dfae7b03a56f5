import Foundation
import Preflight
import ZipKit
@testable import PreflightCLI

/// What one in-process run of the command line produced.
struct CLIResult {
  var status: Int32
  var stdout: String
  var stderr: String
}

enum CLI {
  static let repositoryRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

  static func run(_ arguments: [String], environment: [String: String] = [:], terminal: Bool = false) -> CLIResult {
    let out = StringSink()
    let err = StringSink()
    let console = Console(
      stdout: out, stderr: err, environment: environment, stdoutIsTerminal: terminal, stderrIsTerminal: false)
    let status = CommandLineTool.run(arguments, console: console)
    return CLIResult(status: status, stdout: out.text, stderr: err.text)
  }

  static func sample(_ path: String) -> String { repositoryRoot.appendingPathComponent("samples/\(path)").path }

  /// The wallpaper sample's images as files (`images/x.png` → `folder/place(x.png)`), the way a
  /// catalogue repository keeps them.
  static func unpackSampleImages(into folder: URL, place: (String) -> String = { $0 }) throws {
    let archive = try ZipArchive(path: sample("wallpaper/images.zip"))
    for entry in archive.entries where !entry.isDirectory {
      var bytes: [UInt8] = []
      try archive.read(entry, limit: 1 << 20) { chunk in
        bytes.append(contentsOf: chunk)
        return true
      }
      let target = folder.appendingPathComponent(place(String(entry.name.dropFirst("images/".count))))
      try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
      try Data(bytes).write(to: target)
    }
  }

  static func temporaryFile(_ text: String, name: String = "catalog.csv") -> String {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("preflight-cli-\(UUID().uuidString)")
    try! FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let url = folder.appendingPathComponent(name)
    try! Data(text.utf8).write(to: url)
    return url.path
  }

  /// The built executable, next to the test bundle in the build folder.
  static var binary: URL? {
    var folder = Bundle.main.bundleURL
    for _ in 0..<4 {
      let candidate = folder.appendingPathComponent("wizart-preflight")
      if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
      folder.deleteLastPathComponent()
    }
    let debug = repositoryRoot.appendingPathComponent(".build/debug/wizart-preflight")
    return FileManager.default.isExecutableFile(atPath: debug.path) ? debug : nil
  }

  /// Runs the real binary, reading both pipes before waiting for exit (a full pipe would block it).
  static func spawn(_ arguments: [String], environment: [String: String]? = nil) throws -> CLIResult {
    guard let binary else { throw CocoaError(.fileNoSuchFile) }
    return try spawnTool(binary.path, arguments, environment: environment)
  }

  /// Runs any program the same way (for example `unzip -t` on a ZIP the tool wrote).
  static func spawnTool(_ path: String, _ arguments: [String], environment: [String: String]? = nil) throws -> CLIResult {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: path)
    process.arguments = arguments
    if let environment { process.environment = environment }
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    let group = DispatchGroup()
    nonisolated(unsafe) var errData = Data()
    group.enter()
    DispatchQueue.global().async {
      errData = err.fileHandleForReading.readDataToEndOfFile()
      group.leave()
    }
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    group.wait()
    process.waitUntilExit()
    return CLIResult(
      status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
      stderr: String(decoding: errData, as: UTF8.self))
  }
}
