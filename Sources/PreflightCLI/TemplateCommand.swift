import Foundation
import PIMClient
import Preflight

/// `template CODE [-o FILE]`: the CSV header of a product type, ready to fill in; with `--pull`,
/// Wizart's own default template for the account, as the server sends it.
enum TemplateCommand {
  static let name = "template"
  static let summary = "write the CSV header of a product type's template"
  static let usage = "wizart-preflight template CODE [--pull] [-o FILE]"
  static let options =
    [
      OptionSpec(name: "--output", short: "-o", takesValue: true, valueName: "FILE", help: "write to FILE instead of standard output"),
      OptionSpec(name: "--pull", takesValue: false, help: "download Wizart's default template for your account (GET /data-mappings/default/CODE)"),
    ] + ApiOptions.specs

  static func run(_ arguments: [String], console: Console) throws -> Int32 {
    let parsed = try ArgumentScanner.scan(arguments, options: options, command: name)
    if parsed.wantsHelp {
      console.stdout.write(HelpText.command(name: name, usage: usage, summary: summary, options: options, extra: ApiOptions.credentialsHelp))
      return ExitCode.success.rawValue
    }
    guard let code = parsed.positionals.first else {
      throw UsageError(message: "'template' needs a product type code", suggestion: "'wizart-preflight types' lists them", command: name)
    }
    guard parsed.positionals.count == 1 else {
      throw UsageError(message: "unexpected argument '\(parsed.positionals[1])'", command: name)
    }
    if parsed.has("--pull") { return try pull(code, parsed: parsed, console: console) }
    for option in ["--api-url", "--token-file"] where parsed.value(option) != nil {
      throw UsageError(message: "\(option) only applies with --pull", command: name)
    }
    guard let schema = try SchemaCatalog.builtIn(code) else {
      throw UsageError(
        message: "unknown product type '\(code)'",
        suggestion: EditDistance.suggestion(for: code, in: SchemaCatalog.codes).map { "did you mean '\($0)'?" }, command: name)
    }
    let header = schema.fields.map { CSVText.quoted($0.name) }.joined(separator: ",") + "\r\n"
    if let output = parsed.value("--output") {
      try AtomicFile.write(header, to: output, inputs: [])
      console.stderr.write("wrote the \(schema.code) template (\(schema.fields.count) columns) to \(output)\n")
    } else {
      console.stdout.write(header)
    }
    return ExitCode.success.rawValue
  }
}

extension TemplateCommand {
  /// Downloads the official template and writes its bytes unchanged (it must be UTF-8 text).
  private static func pull(_ code: String, parsed: ParsedArguments, console: Console) throws -> Int32 {
    let client = try ApiOptions.client(parsed, console: console, command: name)
    let console = console.redacting(client.secrets)
    let bytes: [UInt8]
    do {
      bytes = try client.defaultTemplate(code: code)
    } catch {
      return ApiFailure.report(error, console: console)
    }
    guard let sent = String(validating: bytes, as: UTF8.self) else {
      throw ToolError(message: "the '\(code)' template from \(client.configuration.hostLabel) is not UTF-8 text")
    }
    // Masked for the file as for the screen: a server (or a wrong --api-url) echoing the
    // request must not put the token in a file that gets committed.
    let text = client.secrets.redact(sent)
    if let output = parsed.value("--output") {
      try AtomicFile.write(text, to: output, inputs: [parsed.value("--token-file")].compactMap { $0 })
      console.stderr.write("wrote Wizart's \(code) template (\(columnCount(text)) columns) from \(client.configuration.hostLabel) to \(output)\n")
    } else {
      console.stdout.write(text)
    }
    return ExitCode.success.rawValue
  }

  /// Columns of the first line, with RFC 4180 quotes (a comma inside quotes is no separator).
  static func columnCount(_ text: String) -> Int {
    var columns = 1
    var quoted = false
    for byte in text.utf8 {
      if byte == UInt8(ascii: "\"") { quoted.toggle() }
      if !quoted && (byte == 0x0A || byte == 0x0D) { break }
      if !quoted && byte == UInt8(ascii: ",") { columns += 1 }
    }
    return columns
  }
}
