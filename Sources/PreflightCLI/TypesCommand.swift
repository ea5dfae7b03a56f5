import PIMClient
import Preflight

/// `types`: the product types we know, with how much of each is documented; with `--remote`,
/// the types the Wizart account may import.
enum TypesCommand {
  static let name = "types"
  static let summary = "list the product types, their field counts and where their rules come from"
  static let usage = "wizart-preflight types [--remote] [--format text|json]"
  static let options =
    [
      OptionSpec(name: "--format", takesValue: true, valueName: "FORMAT", help: "text (default) or json"),
      OptionSpec(name: "--remote", takesValue: false, help: "list the product types of your Wizart account (GET /import/product-types)"),
    ] + ApiOptions.specs

  static func run(_ arguments: [String], console: Console) throws -> Int32 {
    let parsed = try ArgumentScanner.scan(arguments, options: options, command: name)
    if parsed.wantsHelp {
      console.stdout.write(HelpText.command(name: name, usage: usage, summary: summary, options: options, extra: ApiOptions.credentialsHelp))
      return ExitCode.success.rawValue
    }
    if let extra = parsed.positionals.first {
      throw UsageError(message: "'types' takes no argument, got '\(extra)'", command: name)
    }
    let format = parsed.value("--format") ?? "text"
    guard format == "text" || format == "json" else {
      throw UsageError(message: "unknown format '\(format)': use text or json", command: name)
    }
    if parsed.has("--remote") { return try remote(parsed, format: format, console: console) }
    for option in ["--api-url", "--token-file"] where parsed.value(option) != nil {
      throw UsageError(message: "\(option) only applies with --remote", command: name)
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

extension TypesCommand {
  /// The account's product types, marking those this tool has rules for.
  private static func remote(_ parsed: ParsedArguments, format: String, console: Console) throws -> Int32 {
    let client = try ApiOptions.client(parsed, console: console, command: name)
    let console = console.redacting(client.secrets)
    let types: [ProductType]
    do {
      types = try client.productTypes()
    } catch {
      return ApiFailure.report(error, console: console)
    }
    let shipped = Set(SchemaCatalog.codes)
    let sorted = types.sorted { $0.code.utf8.lexicographicallyPrecedes($1.code.utf8) }
    if format == "json" {
      let items = sorted.map { type -> JSONValue in
        .object([
          "code": .string(type.code), "name": .optional(type.name), "id": .optional(type.id),
          "shippedRules": .bool(shipped.contains(type.code)),
        ])
      }
      console.stdout.write(JSONValue.array(items).serialized())
      return ExitCode.success.rawValue
    }
    guard !sorted.isEmpty else {
      console.stdout.write("the account at \(client.configuration.hostLabel) has no product types to import\n")
      return ExitCode.success.rawValue
    }
    let width = max(4, sorted.map(\.code.count).max() ?? 0)
    var out = "\("code".padded(width))  rules    name\n"
    for type in sorted {
      out += "\(type.code.padded(width))  \((shipped.contains(type.code) ? "shipped" : "none").padded(7))  \(type.name ?? "")\n"
    }
    out += "\n'shipped': this tool checks the type offline; 'none': pass --schema FILE to check it (see docs/schema-format.md).\n"
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
