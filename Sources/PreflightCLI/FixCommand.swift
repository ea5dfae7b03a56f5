import Foundation
import Preflight

/// `fix CATALOG -o FIXED.csv`: rewrite an Excel export into the CSV the server accepts, without
/// changing any value's meaning; refuse (and write nothing) where a value could be read two ways.
enum FixCommand {
  static let name = "fix"
  static let summary = "rewrite an Excel export or workbook into the CSV the server accepts, without changing any value's meaning"
  static let usage = "wizart-preflight fix CATALOG.csv|.xlsx -o FIXED.csv [--type CODE] [options]"
  static let formats = ["text", "json"]
  static let delimiters: [String: UInt8] = [
    ",": 0x2C, "comma": 0x2C, ";": 0x3B, "semicolon": 0x3B, "tab": 0x09, "\\t": 0x09, "\t": 0x09, "|": 0x7C, "pipe": 0x7C,
  ]

  static let options: [OptionSpec] = [
    OptionSpec(name: "--output", short: "-o", takesValue: true, valueName: "FILE", help: "write the fixed catalogue to FILE (never one of the inputs)"),
    OptionSpec(name: "--type", takesValue: true, valueName: "CODE", help: "product type (default: inferred from the header; see 'types')"),
    OptionSpec(name: "--schema", takesValue: true, valueName: "FILE", help: "use this schema file instead of the shipped one"),
    OptionSpec(
      name: "--encoding", takesValue: true, valueName: "NAME",
      help: "read the input as \(TextEncoding.allCases.map(\.rawValue).joined(separator: ", ")) (default: worked out and printed)"),
    OptionSpec(name: "--delimiter", takesValue: true, valueName: "CHAR", help: "the input's delimiter: ',' ';' tab or '|' (default: worked out from the header)"),
    OptionSpec(
      name: "--decimal", takesValue: true, valueName: "comma|dot",
      help: "how to read 1,060 or 1.060 in number fields: comma = decimal comma, dot = decimal point (default: refuse such values)"),
    OptionSpec(name: "--sheet", takesValue: true, valueName: "NAME", help: "the worksheet of an .xlsx workbook (default: the first visible one)"),
    OptionSpec(name: "--dry-run", takesValue: false, help: "report what would change; write nothing"),
    OptionSpec(name: "--format", takesValue: true, valueName: "FORMAT", help: "summary format: text (default) or json"),
    OptionSpec(name: "--no-progress", takesValue: false, help: "no progress display on standard error"),
  ]

  static let exitCodes = """
    Exit codes:
      0   the fixed file was written (also when nothing needed changing), or --dry-run
      1   refused: some values could be read two ways (they are listed); nothing was written
      2   the input could not be read or is not a catalogue, or the output could not be written
      64  the command line is wrong

    """

  static func run(_ arguments: [String], console: Console) throws -> Int32 {
    let parsed = try ArgumentScanner.scan(arguments, options: options, command: name)
    if parsed.wantsHelp {
      console.stdout.write(HelpText.command(name: name, usage: usage, summary: summary, options: options, extra: exitCodes))
      return ExitCode.success.rawValue
    }
    guard let input = parsed.positionals.first else {
      throw UsageError(message: "'fix' needs the catalogue file to fix", command: name)
    }
    guard parsed.positionals.count == 1 else {
      throw UsageError(
        message: "unexpected argument '\(parsed.positionals[1])'", suggestion: "name the output with -o \(parsed.positionals[1])",
        command: name)
    }
    let dryRun = parsed.has("--dry-run")
    let output = parsed.value("--output")
    guard output != nil || dryRun else {
      throw UsageError(message: "'fix' needs the output file: -o FIXED.csv", suggestion: "or --dry-run to only see the changes", command: name)
    }
    let format = parsed.value("--format") ?? "text"
    guard formats.contains(format) else {
      throw UsageError(
        message: "unknown format '\(format)': use text or json",
        suggestion: EditDistance.suggestion(for: format, in: formats).map { "did you mean '\($0)'?" }, command: name)
    }
    let encoding = try parsed.value("--encoding").map(encodingOption)
    let delimiter = try parsed.value("--delimiter").map(delimiterOption)
    let decimal = try parsed.value("--decimal").map(decimalOption) ?? .auto
    if parsed.value("--sheet") != nil && !ExcelCatalog.isWorkbookPath(input) {
      throw UsageError(message: "--sheet chooses a sheet of an .xlsx workbook; \(input) is not one", command: name)
    }
    if ExcelCatalog.isWorkbookPath(input) && (encoding != nil || delimiter != nil) {
      throw UsageError(message: "--encoding and --delimiter are for CSV files; \(input) is a workbook", command: name)
    }
    let choice = try CheckCommand.schemaChoice(type: parsed.value("--type"), schemaFile: parsed.value("--schema"), command: name)

    let progress = console.stderrIsTerminal && !parsed.has("--no-progress") ? ProgressLine(sink: console.stderr) : nil
    var onProgress: (@Sendable (Int, Int) -> Void)?
    if let progress {
      onProgress = { done, total in progress.update("fixing", done: done, total: total) }
    }
    let request = FixRequest(
      inputPath: input, outputPath: output ?? "", schema: choice, encoding: encoding, delimiter: delimiter,
      decimalSeparator: decimal, sheet: parsed.value("--sheet"), dryRun: dryRun,
      otherInputs: parsed.value("--schema").map { [$0] } ?? [],
      progress: onProgress)
    let summary = CatalogFixer.run(request)
    progress?.finish()

    if format == "json" {
      console.stdout.write(FixSummaryJSON.render(summary))
      if summary.outcome == .failed { console.stderr.write("error: \(summary.error ?? "fix failed")\n") }
    } else if summary.outcome == .failed {
      console.stderr.write(FixSummaryText.render(summary))
    } else {
      console.stdout.write(FixSummaryText.render(summary))
    }
    switch summary.outcome {
    case .written, .unchanged, .dryRun: return ExitCode.success.rawValue
    case .refused: return ExitCode.problemsFound.rawValue
    case .failed: return ExitCode.toolFailure.rawValue
    }
  }

  private static func encodingOption(_ text: String) throws(UsageError) -> TextEncoding {
    let names = TextEncoding.allCases.map(\.rawValue)
    let normalized = text.lowercased().replacingOccurrences(of: "_", with: "-")
    let aliases: [String: TextEncoding] = [
      "utf8": .utf8, "utf16le": .utf16LittleEndian, "utf16be": .utf16BigEndian, "cp1252": .windows1252,
      "cp1251": .windows1251,
    ]
    guard let encoding = TextEncoding(rawValue: normalized) ?? aliases[normalized] else {
      throw UsageError(
        message: "unknown encoding '\(text)': use one of \(names.joined(separator: ", "))",
        suggestion: EditDistance.suggestion(for: normalized, in: names).map { "did you mean '\($0)'?" }, command: name)
    }
    return encoding
  }

  private static func delimiterOption(_ text: String) throws(UsageError) -> UInt8 {
    guard let byte = delimiters[text.lowercased()] else {
      throw UsageError(message: "unknown delimiter '\(text)': use ',' ';' tab or '|'", command: name)
    }
    return byte
  }

  private static func decimalOption(_ text: String) throws(UsageError) -> DecimalSeparator {
    guard let separator = DecimalSeparator(rawValue: text.lowercased()), separator != .auto else {
      throw UsageError(
        message: "--decimal takes comma or dot, not '\(text)'",
        suggestion: "comma: 1,060 is 1.06 and 1.060 is 1060; dot: 1,060 is 1060 and 1.060 is 1.06", command: name)
    }
    return separator
  }
}
