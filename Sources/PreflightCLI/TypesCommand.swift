import Preflight

/// `types`: the product types we know, with how much of each is documented.
enum TypesCommand {
  static let name = "types"
  static let summary = "list the product types, their field counts and where their rules come from"
  static let usage = "wizart-preflight types [--format text|json]"
  static let options = [OptionSpec(name: "--format", takesValue: true, valueName: "FORMAT", help: "text (default) or json")]

  static func run(_ arguments: [String], console: Console) throws -> Int32 {
    let parsed = try ArgumentScanner.scan(arguments, options: options, command: name)
    if parsed.wantsHelp {
      console.stdout.write(HelpText.command(name: name, usage: usage, summary: summary, options: options))
      return ExitCode.success.rawValue
    }
    if let extra = parsed.positionals.first {
      throw UsageError(message: "'types' takes no argument, got '\(extra)'", command: name)
    }
    let format = parsed.value("--format") ?? "text"
    guard format == "text" || format == "json" else {
      throw UsageError(message: "unknown format '\(format)': use text or json", command: name)
    }
    let schemas = try SchemaCatalog.all()
    if format == "json" {
      let items = schemas.map { schema -> JSONValue in
        .object([
          "code": .string(schema.code), "title": .string(schema.title), "family": .string(schema.family.rawValue),
          "codeSource": .string(schema.codeDocumented ? "documented" : "inferred"), "fields": .int(schema.fields.count),
          "documentedFields": .int(schema.documentedFieldCount),
          "inferredFields": .int(schema.fields.count - schema.documentedFieldCount),
        ])
      }
      console.stdout.write(JSONValue.array(items).serialized())
      return ExitCode.success.rawValue
    }
    let codeWidth = max(4, schemas.map(\.code.count).max() ?? 0)
    var out = "\("code".padded(codeWidth))  family    fields  documented  type code   title\n"
    for schema in schemas {
      out += "\(schema.code.padded(codeWidth))  \(schema.family.rawValue.padded(8))  \(String(schema.fields.count).padded(6, left: true))  "
      out += "\(String(schema.documentedFieldCount).padded(10, left: true))  \((schema.codeDocumented ? "documented" : "inferred").padded(10)) \(schema.title)\n"
    }
    out += "\n'documented' fields are in Wizart's public pages; the others are our inference (see docs/schema-format.md).\n"
    console.stdout.write(out)
    return ExitCode.success.rawValue
  }
}

extension String {
  func padded(_ width: Int, left: Bool = false) -> String {
    guard count < width else { return self }
    let fill = String(repeating: " ", count: width - count)
    return left ? fill + self : self + fill
  }
}
