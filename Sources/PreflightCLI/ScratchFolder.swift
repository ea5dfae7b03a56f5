import Foundation

/// A private (0700) folder in $TMPDIR for one command's temporary files (the packed images,
/// the upload's request body), removed when the command ends or is interrupted.
struct ScratchFolder {
  let path: String

  /// In the console's TMPDIR (the process's own, except in tests that run commands in-process).
  static func create(environment: [String: String]) throws(ToolError) -> ScratchFolder {
    let base = environment["TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? NSTemporaryDirectory()
    let path = (base as NSString).appendingPathComponent("wizart-preflight-\(UUID().uuidString)")
    do {
      try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
    } catch {
      throw ToolError(message: "cannot create a temporary folder in \(base): \(error.localizedDescription) (set TMPDIR to another folder)")
    }
    InterruptCleanup.register(path)
    return ScratchFolder(path: path)
  }

  func remove() {
    try? FileManager.default.removeItem(atPath: path)
    InterruptCleanup.unregister(path)
  }
}
