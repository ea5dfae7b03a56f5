import Foundation

/// Where a command writes: stdout for the report, stderr for everything else.
public protocol TextSink: AnyObject {
  func write(_ text: String)
  /// Pushes buffered text out now: progress and status lines must appear as they happen.
  func flush()
}

extension TextSink {
  public func flush() {}
}

/// Collects text in memory: for tests, and to buffer reports before one write.
public final class StringSink: TextSink {
  public private(set) var text = ""
  public init() {}
  public func write(_ text: String) { self.text += text }
}

/// Buffers and writes to a file handle in large blocks (one syscall per line is slow).
final class FileHandleSink: TextSink {
  private let handle: FileHandle
  private var buffer: [UInt8] = []

  init(_ handle: FileHandle) { self.handle = handle }

  func write(_ text: String) {
    buffer.append(contentsOf: text.utf8)
    if buffer.count >= 64 * 1024 { flush() }
  }

  func flush() {
    guard !buffer.isEmpty else { return }
    try? handle.write(contentsOf: buffer)
    buffer.removeAll(keepingCapacity: true)
  }

  deinit { flush() }
}

/// What a command may know about its surroundings; tests build one by hand.
public struct Console {
  public var stdout: TextSink
  public var stderr: TextSink
  public var environment: [String: String]
  public var stdoutIsTerminal: Bool
  public var stderrIsTerminal: Bool
  /// Where relative paths and the configuration search start.
  public var currentDirectory: URL

  public init(
    stdout: TextSink, stderr: TextSink, environment: [String: String] = [:], stdoutIsTerminal: Bool = false,
    stderrIsTerminal: Bool = false, currentDirectory: URL? = nil
  ) {
    self.stdout = stdout
    self.stderr = stderr
    self.environment = environment
    self.stdoutIsTerminal = stdoutIsTerminal
    self.stderrIsTerminal = stderrIsTerminal
    self.currentDirectory = currentDirectory ?? URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
  }

  /// Colour only on a terminal, never with NO_COLOR or TERM=dumb; CLICOLOR_FORCE forces it.
  func colorOnStdout() -> Bool {
    if let force = environment["CLICOLOR_FORCE"], !force.isEmpty, force != "0" { return true }
    if let noColor = environment["NO_COLOR"], !noColor.isEmpty { return false }
    if environment["TERM"] == "dumb" { return false }
    return stdoutIsTerminal
  }
}
