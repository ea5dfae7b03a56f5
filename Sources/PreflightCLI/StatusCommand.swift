import Foundation
import PIMClient
import Preflight

/// `status [IMPORT_ID|last]`: where an import is, optionally followed to the end, with its log.
enum StatusCommand {
  static let name = "status"
  static let summary = "show (or follow) an import on Wizart PIM, and download its log"
  static let usage = "wizart-preflight status [IMPORT_ID|last] [--wait] [--log FILE] [--format text|json]"
  static let options: [OptionSpec] =
    [
      OptionSpec(name: "--wait", takesValue: false, help: "follow the import until it finishes"),
      OptionSpec(name: "--poll-interval", takesValue: true, valueName: "S", help: "seconds between status requests with --wait (default 5; fractions allowed)"),
      OptionSpec(name: "--timeout", takesValue: true, valueName: "S", help: "with --wait, stop waiting after S seconds (exit 2)"),
      OptionSpec(name: "--strict", takesValue: false, help: "an import that ended in 'warning' exits 1"),
      OptionSpec(name: "--log", takesValue: true, valueName: "FILE", help: "save the import's log (a ZIP) to FILE (after --wait, once it finished)"),
      OptionSpec(name: "--format", takesValue: true, valueName: "FORMAT", help: "text (default) or json"),
    ] + ApiOptions.specs

  static let exitCodes = """
    Exit codes:
      0   the import succeeded, ended in warning (without --strict), or is still running
      1   the import ended in failure (or warning, with --strict)
      2   no credentials; no such import; network, authentication or server trouble; the log could not be saved
      64  the command line is wrong

    """

  static func run(_ arguments: [String], console: Console) throws -> Int32 {
    let parsed = try ArgumentScanner.scan(arguments, options: options, command: name)
    if parsed.wantsHelp {
      console.stdout.write(
        HelpText.command(name: name, usage: usage, summary: summary, options: options, extra: exitCodes + "\n" + ApiOptions.credentialsHelp))
      return ExitCode.success.rawValue
    }
    guard parsed.positionals.count <= 1 else {
      throw UsageError(message: "unexpected argument '\(parsed.positionals[1])'", command: name)
    }
    let target = parsed.positionals.first ?? "last"
    guard target == "last" || (!target.isEmpty && target.utf8.count <= 19 && target.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 }) else {
      throw UsageError(message: "'\(target)' is not an import id: give the number 'upload' printed, or 'last'", command: name)
    }
    let (format, interval, timeout) = try ApiOptions.following(parsed, command: name)
    let logTarget = try parsed.value("--log").map { try LogFile.check($0, inputs: [parsed.value("--token-file")].compactMap { $0 }) }
    let client = try ApiOptions.client(parsed, console: console, command: name)
    let console = console.redacting(client.secrets)

    var record: ImportRecord
    do {
      record = try target == "last" ? client.lastImport() : client.importStatus(id: target)
    } catch {
      return ApiFailure.report(error, console: console)
    }
    var seen = [record.status]
    if parsed.has("--wait") {
      let stageSink = format == "text" ? console.stdout : console.stderr
      if format == "text" {
        stageSink.write("import \(record.id)\(record.originalName.map { " (\($0))" } ?? ""):\n")
      }
      stageSink.write(ImportDisplay.stageLine(record))
      stageSink.flush()
      do {
        (record, seen) = try ImportFollower(client: client, interval: interval, timeout: timeout).follow(from: record, seen: seen) {
          stageSink.write(ImportDisplay.stageLine($0))
          stageSink.flush()
        }
      } catch let error as PIMError {
        return ApiFailure.report(error, console: console, hint: "the import goes on on the server: run this command again to follow it")
      } catch let timedOut as ImportFollower.TimedOut {
        console.stderr.write("error: import \(record.id) is still at \(timedOut.last.status) after \(ApiOptions.secondsText(timeout ?? 0)) (--timeout)\n")
        return ExitCode.toolFailure.rawValue
      }
      if format == "text" { console.stdout.write(ImportDisplay.resultLines(record)) }
    } else if format == "text" {
      console.stdout.write(ImportDisplay.summary(record))
    }
    if format == "json" { console.stdout.write(ImportDisplay.json(record, seen: seen).serialized()) }
    console.stdout.flush()

    if let logTarget {
      do {
        let size = try LogFile.download(client: client, id: record.id, to: logTarget)
        console.stderr.write("saved the log of import \(record.id) (\(UploadCommand.megabytes(UInt64(size)))) to \(logTarget.path)\n")
      } catch let error as PIMError {
        return ApiFailure.report(error, console: console)
      }
    }
    return ImportDisplay.exitCode(record, strict: parsed.has("--strict")).rawValue
  }
}
