#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Why `fix` could not do its job (exit 2): the input is unreadable or not a catalogue, or the
/// output cannot be written.
struct FixFailure: Error {
  var message: String
}

/// The fixed file, written to a temporary file beside the target and renamed over it only once
/// complete: a reader never sees half a file, and a refusal or failure leaves nothing behind.
final class AtomicOutput: ByteSink {
  let path: String
  private let temporary: String
  private var descriptor: Int32
  private var finished = false

  /// Refuses a target that is one of the inputs (also through a symlink or a hard link), an
  /// existing folder, or a path whose folder does not exist.
  static func checkTarget(_ path: String, inputs: [String]) throws {
    guard !path.isEmpty else { throw FixFailure(message: "the output path is empty") }
    var target = stat()
    if stat(path, &target) == 0 {
      if target.st_mode & S_IFMT == S_IFDIR {
        throw FixFailure(message: "cannot write \(path): it is a folder; name the fixed file, e.g. \(path.hasSuffix("/") ? path : path + "/")fixed.csv")
      }
      for input in inputs {
        var other = stat()
        if stat(input, &other) == 0 && other.st_dev == target.st_dev && other.st_ino == target.st_ino {
          throw FixFailure(message: "refusing to write \(path): it is the input \(input); name a new file, e.g. fixed.csv")
        }
      }
    }
    let folder = parentFolder(of: path)
    var info = stat()
    guard stat(folder, &info) == 0, info.st_mode & S_IFMT == S_IFDIR else {
      throw FixFailure(message: "cannot write \(path): the folder \(folder) does not exist")
    }
  }

  static func parentFolder(of path: String) -> String {
    guard let slash = path.lastIndex(of: "/") else { return "." }
    let folder = String(path[..<slash])
    return folder.isEmpty ? "/" : folder
  }

  init(path: String) throws {
    self.path = path
    let folder = Self.parentFolder(of: path)
    let name = path.split(separator: "/").last.map(String.init) ?? "fixed.csv"
    var attempt = 0
    while true {
      let candidate = "\(folder)/.\(name).\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp"
      let opened = open(candidate, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
      if opened >= 0 {
        temporary = candidate
        descriptor = opened
        return
      }
      attempt += 1
      guard errno == EEXIST && attempt < 100 else {
        throw FixFailure(message: "cannot write \(path): \(String(cString: strerror(errno)).lowercased())")
      }
    }
  }

  deinit { discard() }

  func write(_ bytes: UnsafeRawBufferPointer) throws {
    var offset = 0
    while offset < bytes.count {
      let written = systemWrite(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
      if written < 0 {
        if errno == EINTR { continue }
        throw FixFailure(message: "cannot write \(path): \(String(cString: strerror(errno)).lowercased())")
      }
      offset += written
    }
  }

  /// Flushes to disk and renames the temporary file over the target.
  func commit() throws {
    guard !finished else { return }
    finished = true
    let synced = fsync(descriptor) == 0
    let syncError = errno
    let closed = close(descriptor) == 0
    descriptor = -1
    guard synced, closed else {
      unlink(temporary)
      throw FixFailure(message: "cannot write \(path): \(String(cString: strerror(synced ? errno : syncError)).lowercased())")
    }
    guard rename(temporary, path) == 0 else {
      let reason = String(cString: strerror(errno)).lowercased()
      unlink(temporary)
      throw FixFailure(message: "cannot write \(path): \(reason)")
    }
  }

  /// Removes the temporary file; the target is untouched.
  func discard() {
    guard !finished else { return }
    finished = true
    if descriptor >= 0 { close(descriptor) }
    descriptor = -1
    unlink(temporary)
  }
}

/// `write(2)` under a name that the sink's own `write` method does not hide.
private func systemWrite(_ descriptor: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int {
  write(descriptor, buffer, count)
}
