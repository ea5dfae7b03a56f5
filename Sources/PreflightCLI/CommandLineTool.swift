import Foundation
import PIMClient
import Preflight
import XLSXKit
import ZipKit

#if canImport(Glibc)
  import Glibc
#endif

/// The command-line tool as a library: `main` for the process, `run` for tests.
public enum CommandLineTool {
  static let commands = ["check", "fix", "types", "template", "explain", "hook", "pack", "upload", "status", "help"]

  /// Runs with the process's arguments and streams; returns the exit code.
  public static func main() -> Int32 {
    let stdout = FileHandleSink(FileHandle.standardOutput)
    let stderr = FileHandleSink(FileHandle.standardError)
    let console = Console(
      stdout: stdout, stderr: stderr, environment: ProcessInfo.processInfo.environment,
      stdoutIsTerminal: isatty(1) == 1, stderrIsTerminal: isatty(2) == 1)
    InterruptCleanup.enable()
    let code = run(Array(CommandLine.arguments.dropFirst()), console: console)
    stdout.flush()
    stderr.flush()
    return code
  }

  public static func run(_ arguments: [String], console: Console) -> Int32 {
    let console = console.redacting(SecretList(CredentialSource.environmentSecrets(console.environment)))
    do {
      return try dispatch(arguments, console: console)
    } catch let error as UsageError {
      console.stderr.write("error: \(error.message)\n")
      if let suggestion = error.suggestion { console.stderr.write("hint: \(suggestion)\n") }
      let usage = usageLine(error.command)
      console.stderr.write("usage: \(usage)\n")
      return ExitCode.usage.rawValue
    } catch let error as ToolError {
      console.stderr.write("error: \(error.message)\n")
      return ExitCode.toolFailure.rawValue
    } catch let error as SchemaError {
      console.stderr.write("error: a shipped schema is broken: \(error.description)\n")
      return ExitCode.toolFailure.rawValue
    } catch {
      console.stderr.write("error: \(error)\n")
      return ExitCode.toolFailure.rawValue
    }
  }

  private static func dispatch(_ arguments: [String], console: Console) throws -> Int32 {
    guard let first = arguments.first else {
      console.stdout.write(HelpText.main)
      return ExitCode.success.rawValue
    }
    let rest = Array(arguments.dropFirst())
    switch first {
    case "check": return try CheckCommand.run(rest, console: console)
    case "fix": return try FixCommand.run(rest, console: console)
    case "types": return try TypesCommand.run(rest, console: console)
    case "template": return try TemplateCommand.run(rest, console: console)
    case "explain": return try ExplainCommand.run(rest, console: console)
    case "hook": return try HookCommand.run(rest, console: console)
    case "pack": return try PackCommand.run(rest, console: console)
    case "upload": return try UploadCommand.run(rest, console: console)
    case "status": return try StatusCommand.run(rest, console: console)
    case "help", "--help", "-h":
      if let topic = rest.first, commands.contains(topic), topic != "help" {
        return try dispatch([topic, "--help"], console: console)
      }
      console.stdout.write(HelpText.main)
      return ExitCode.success.rawValue
    case "--version", "-V":
      console.stdout.write("wizart-preflight \(Preflight.version) (libzip \(Libzip.version), libxml2 \(LibXML2.version))\n")
      return ExitCode.success.rawValue
    default:
      if first.hasPrefix("-") {
        throw UsageError(
          message: "unknown option '\(first)'",
          suggestion: EditDistance.suggestion(for: first, in: ["--help", "--version"]).map { "did you mean '\($0)'?" })
      }
      if first.lowercased().hasSuffix(".csv") || first.lowercased().hasSuffix(".xlsx") {
        throw UsageError(message: "unknown command '\(first)'", suggestion: "to check a file, run: wizart-preflight check \(first)")
      }
      throw UsageError(
        message: "unknown command '\(first)'",
        suggestion: EditDistance.suggestion(for: first, in: commands).map { "did you mean '\($0)'?" })
    }
  }

  private static func usageLine(_ command: String?) -> String {
    switch command {
    case CheckCommand.name: CheckCommand.usage
    case FixCommand.name: FixCommand.usage
    case TypesCommand.name: TypesCommand.usage
    case TemplateCommand.name: TemplateCommand.usage
    case ExplainCommand.name: ExplainCommand.usage
    case HookCommand.name: HookCommand.usage
    case PackCommand.name: PackCommand.usage
    case UploadCommand.name: UploadCommand.usage
    case StatusCommand.name: StatusCommand.usage
    default: "wizart-preflight COMMAND [options]   (see: wizart-preflight --help)"
    }
  }
}
