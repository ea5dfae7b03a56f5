import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Writes an output file all at once: a temporary file beside it, then a rename, so that a
/// reader never sees half a file and a failed write leaves the old one in place.
enum AtomicFile {
  static func write(_ text: String, to path: String, inputs: [String]) throws(ToolError) {
    let target = URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath()
    for input in inputs where URL(fileURLWithPath: input).standardizedFileURL.resolvingSymlinksInPath() == target {
      throw ToolError(message: "refusing to write \(path): it is an input of this command")
    }
    var isDirectory: ObjCBool = false
    if FileManager.default.fileExists(atPath: target.path, isDirectory: &isDirectory), isDirectory.boolValue {
      throw ToolError(message: "cannot write \(path): it is a folder")
    }
    let directory = target.deletingLastPathComponent()
    let temporary = directory.appendingPathComponent(".\(target.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).tmp")
    do {
      try Data(text.utf8).write(to: temporary)
    } catch {
      try? FileManager.default.removeItem(at: temporary)
      throw ToolError(message: "cannot write \(path): \(error.localizedDescription)")
    }
    try install(temporary, at: target, shownAs: path)
  }

  /// Moves a finished temporary file over the target with rename(2), which replaces it in one
  /// step. (Foundation's `replaceItemAt` on Linux deletes the old file and then fails.)
  static func install(_ temporary: URL, at target: URL, shownAs path: String) throws(ToolError) {
    guard rename(temporary.path, target.path) == 0 else {
      let reason = String(cString: strerror(errno))
      try? FileManager.default.removeItem(at: temporary)
      throw ToolError(message: "cannot write \(path): \(reason)")
    }
  }
}
