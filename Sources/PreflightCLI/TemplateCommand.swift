import Foundation
import Preflight

/// `template CODE [-o FILE]`: the CSV header of a product type, ready to fill in.
enum TemplateCommand {
  static let name = "template"
  static let summary = "write the CSV header of a product type's template"
  static let usage = "wizart-preflight template CODE [-o FILE]"
  static let options = [
    OptionSpec(name: "--output", short: "-o", takesValue: true, valueName: "FILE", help: "write to FILE instead of standard output")
  ]

  static func run(_ arguments: [String], console: Console) throws -> Int32 {
    let parsed = try ArgumentScanner.scan(arguments, options: options, command: name)
    if parsed.wantsHelp {
      console.stdout.write(HelpText.command(name: name, usage: usage, summary: summary, options: options))
      return ExitCode.success.rawValue
    }
    guard let code = parsed.positionals.first else {
      throw UsageError(message: "'template' needs a product type code", suggestion: "'wizart-preflight types' lists them", command: name)
    }
    guard parsed.positionals.count == 1 else {
      throw UsageError(message: "unexpected argument '\(parsed.positionals[1])'", command: name)
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

/// RFC 4180 quoting of one value.
enum CSVText {
  static func quoted(_ value: String) -> String {
    guard value.unicodeScalars.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return value }
    var quoted = String.UnicodeScalarView()
    for scalar in value.unicodeScalars {
      quoted.append(scalar)
      if scalar == "\"" { quoted.append(scalar) }
    }
    return "\"" + String(quoted) + "\""
  }
}
