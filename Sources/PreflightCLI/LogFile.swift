import Foundation
import PIMClient

/// The import log written the way `AtomicFile` writes text: to a temporary file beside the
/// target, then renamed, so a failed download never leaves half a file or clobbers the old one.
enum LogFile {
  struct Target {
    var path: String
    var url: URL
  }

  /// Refuses a folder, an input of the command, or a place that cannot be written, before any request.
  static func check(_ path: String, inputs: [String]) throws(ToolError) -> Target {
    let target = URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath()
    for input in inputs where URL(fileURLWithPath: input).standardizedFileURL.resolvingSymlinksInPath() == target {
      throw ToolError(message: "refusing to write the log to \(path): it is an input of this command")
    }
    var isDirectory: ObjCBool = false
    if FileManager.default.fileExists(atPath: target.path, isDirectory: &isDirectory), isDirectory.boolValue {
      throw ToolError(message: "cannot write the log to \(path): it is a folder")
    }
    let folder = target.deletingLastPathComponent().path
    guard FileManager.default.isWritableFile(atPath: folder) else {
      throw ToolError(message: "cannot write the log to \(path): the folder \(folder) is not writable or does not exist")
    }
    return Target(path: path, url: target)
  }

  static func download(client: PIMClient, id: String, to target: Target) throws -> Int64 {
    let temporary = target.url.deletingLastPathComponent()
      .appendingPathComponent(".\(target.url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).tmp")
    InterruptCleanup.register(temporary.path)
    defer { InterruptCleanup.unregister(temporary.path) }
    let size: Int64
    do {
      size = try client.downloadLog(id: id, to: temporary.path)
    } catch {
      try? FileManager.default.removeItem(at: temporary)
      throw error
    }
    try AtomicFile.install(temporary, at: target.url, shownAs: target.path)
    return size
  }
}
