import PIMClient

/// How an API error reaches the user: one line on stderr (secrets masked), and an exit code.
enum ApiFailure {
  /// 1 when the server refused the upload itself (400/422), 2 for everything else:
  /// credentials, network, server trouble.
  static func exitCode(_ error: PIMError, uploading: Bool) -> ExitCode {
    uploading && error.kind == .rejected ? .problemsFound : .toolFailure
  }

  static func report(_ error: PIMError, console: Console, uploading: Bool = false, hint: String? = nil) -> Int32 {
    console.stderr.write("error: \(error.message)\n")
    if let hint { console.stderr.write("hint: \(hint)\n") }
    console.stderr.flush()
    return exitCode(error, uploading: uploading).rawValue
  }
}
