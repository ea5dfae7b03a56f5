import Preflight

/// `explain [CODE]`: what a diagnostic means, what it does to the import, how to fix it.
enum ExplainCommand {
  static let name = "explain"
  static let summary = "explain a diagnostic code (without CODE: list every code)"
  static let usage = "wizart-preflight explain [CODE]"

  static func run(_ arguments: [String], console: Console) throws -> Int32 {
    let parsed = try ArgumentScanner.scan(arguments, options: [], command: name)
    if parsed.wantsHelp {
      console.stdout.write(HelpText.command(name: name, usage: usage, summary: summary, options: []))
      return ExitCode.success.rawValue
    }
    guard let id = parsed.positionals.first else {
      var out = ""
      let width = DiagnosticCode.all.map(\.id.count).max() ?? 0
      var stage: Stage?
      for code in DiagnosticCode.all {
        if code.stage != stage {
          stage = code.stage
          out += "\(out.isEmpty ? "" : "\n")\(code.stage.rawValue):\n"
        }
        out += "  \(code.id.padded(width))  \(code.effect.rawValue.padded(12))  \(code.summary)\n"
      }
      console.stdout.write(out)
      return ExitCode.success.rawValue
    }
    guard parsed.positionals.count == 1 else {
      throw UsageError(message: "'explain' takes one code, got \(parsed.positionals.count)", command: name)
    }
    guard let code = DiagnosticCode.named(id) else {
      throw UsageError(
        message: "unknown diagnostic code '\(id)'",
        suggestion: EditDistance.suggestion(for: id, in: DiagnosticCode.all.map(\.id)).map { "did you mean '\($0)'?" }
          ?? "'wizart-preflight explain' lists every code", command: name)
    }
    console.stdout.write(text(for: code))
    return ExitCode.success.rawValue
  }

  static func text(for code: DiagnosticCode) -> String {
    var out = "\(code.id)\n"
    out += "  stage:    \(code.stage.rawValue)\n"
    out += "  effect:   \(code.effect.rawValue) (reported as \(code.severity.rawValue))\n\n"
    out += "When: \(code.summary)\n\n"
    out += "Why it matters: \(code.explanation)\n\n"
    out += "How to fix: \(code.fix)\n"
    if let example = code.example {
      out += "\nExample:\n  bad:  \(example.bad)\n  good: \(example.good)\n"
    }
    return out
  }
}
