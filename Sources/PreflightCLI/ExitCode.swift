/// The tool's exit codes (product.md, "Conventions"): a public contract.
public enum ExitCode: Int32, Sendable {
  /// No errors (warnings allowed unless --strict).
  case success = 0
  /// Errors found (or warnings with --strict).
  case problemsFound = 1
  /// The tool could not do its job: input missing or unreadable, internal error.
  case toolFailure = 2
  /// The command line is wrong.
  case usage = 64
}

/// A command line the tool cannot run, with what was wrong and, when there is one, the nearest fix.
struct UsageError: Error {
  var message: String
  var suggestion: String?
  /// The command whose usage line to show.
  var command: String?
}

/// A failure that is not the user's command line: exit 2.
struct ToolError: Error {
  var message: String
}
