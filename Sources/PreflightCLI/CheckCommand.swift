import Foundation
import Preflight

/// `check CATALOG [--images …] [--type CODE] [options]`: run the stages, print the report.
enum CheckCommand {
  static let name = "check"
  static let summary = "check a catalogue and its images the way the Wizart server would"
  static let usage = "wizart-preflight check [CATALOG.csv|.xlsx] [--type CODE] [--images IMAGES.zip|DIR] [options]"
  static let formats = ["text", "json", "sarif", "junit", "github", "html"]

  static let options: [OptionSpec] = [
    OptionSpec(name: "--type", takesValue: true, valueName: "CODE", help: "product type (default: inferred from the header; see 'types')"),
    OptionSpec(name: "--schema", takesValue: true, valueName: "FILE", help: "use this schema file instead of the shipped one"),
    OptionSpec(name: "--template", takesValue: true, valueName: "FILE", help: "Wizart's template CSV for the type ('template CODE --pull'): its header is the column list"),
    OptionSpec(name: "--images", takesValue: true, valueName: "PATH", help: "the ZIP archive or folder of product images"),
    OptionSpec(name: "--sheet", takesValue: true, valueName: "NAME", help: "the worksheet of an .xlsx catalogue (default: the first visible one)"),
    OptionSpec(name: "--format", takesValue: true, valueName: "FORMAT", help: "report format: text (default), json, sarif, junit, github (Actions annotations) or html"),
    OptionSpec(name: "--output", short: "-o", takesValue: true, valueName: "FILE", help: "write the report to FILE instead of standard output"),
    OptionSpec(name: "--strict", takesValue: false, help: "warnings fail too (exit 1)"),
    OptionSpec(name: "--ignore", takesValue: true, valueName: "CODE,…", help: "leave these diagnostic codes out of the report and the exit code"),
    OptionSpec(name: "--max-diagnostics", takesValue: true, valueName: "N", help: "keep at most N diagnostics per code (default 10000; 0 = all)"),
    OptionSpec(name: "--jobs", short: "-j", takesValue: true, valueName: "N", help: "read image headers with N parallel jobs (default: all cores)"),
    OptionSpec(name: "--deep", takesValue: false, help: "decompress every image entry fully: checksums, sizes, truncation"),
    OptionSpec(name: "--no-progress", takesValue: false, help: "no progress display on standard error"),
  ]

  static func run(_ arguments: [String], console: Console) throws -> Int32 {
    let parsed = try ArgumentScanner.scan(arguments, options: options, command: name)
    if parsed.wantsHelp {
      console.stdout.write(HelpText.command(name: name, usage: usage, summary: summary, options: options, extra: exitCodes))
      return ExitCode.success.rawValue
    }
    guard let catalog = parsed.positionals.first else {
      return try runConfigured(parsed, console: console)
    }
    guard parsed.positionals.count == 1 else {
      throw UsageError(
        message: "unexpected argument '\(parsed.positionals[1])'",
        suggestion: "pass the images with --images \(parsed.positionals[1])", command: name)
    }
    let format = parsed.value("--format") ?? "text"
    guard formats.contains(format) else {
      throw UsageError(
        message: "unknown format '\(format)': use one of \(formats.joined(separator: ", "))",
        suggestion: EditDistance.suggestion(for: format, in: formats).map { "did you mean '\($0)'?" }, command: name)
    }
    var choice = try schemaChoice(type: parsed.value("--type"), schemaFile: parsed.value("--schema"))
    if let template = parsed.value("--template") { choice = try applying(template: template, to: choice) }
    let ignored = try ignoredCodes(parsed.value("--ignore"))
    let maxPerCode = try maxDiagnostics(parsed)
    let jobs = try jobCount(parsed)
    if parsed.value("--sheet") != nil && !ExcelCatalog.isWorkbookPath(catalog) {
      throw UsageError(message: "--sheet picks a worksheet of an .xlsx catalogue; \(catalog) is not one", command: name)
    }
    if parsed.has("--deep") && parsed.value("--images") == nil {
      throw UsageError(message: "--deep checks images: it needs --images", command: name)
    }
    let output = parsed.value("--output")
    let showProgress = console.stderrIsTerminal && !parsed.has("--no-progress")
    let progress = showProgress ? ProgressLine(sink: console.stderr) : nil
    var onProgress: (@Sendable (String, Int, Int) -> Void)?
    if let progress {
      onProgress = { label, done, total in progress.update(label, done: done, total: total) }
    }
    let request = CheckRequest(
      catalogPath: catalog, imagesPath: parsed.value("--images"), schema: choice, maxDiagnosticsPerCode: maxPerCode,
      ignoredCodes: ignored, jobs: jobs, deep: parsed.has("--deep"), progress: onProgress, sheet: parsed.value("--sheet"))
    let report = Preflight.run(request)
    progress?.finish()

    let rendered = render(report, format: format, strict: parsed.has("--strict"), color: output == nil && console.colorOnStdout())
    if let output {
      let inputs = [catalog] + ["--images", "--schema", "--template"].compactMap { parsed.value($0) }
      try AtomicFile.write(rendered, to: output, inputs: inputs)
    } else {
      console.stdout.write(rendered)
    }
    return exitCode(report, strict: parsed.has("--strict")).rawValue
  }

  /// `--max-diagnostics N` (default 10,000; 0 = all), checked the same way in both modes.
  static func maxDiagnostics(_ parsed: ParsedArguments) throws(UsageError) -> Int? {
    guard let text = parsed.value("--max-diagnostics") else { return 10_000 }
    guard let number = Int(text), number >= 0 else {
      throw UsageError(message: "--max-diagnostics takes a whole number (0 = all), not '\(text)'", command: name)
    }
    return number == 0 ? nil : number
  }

  static func jobCount(_ parsed: ParsedArguments) throws(UsageError) -> Int? {
    guard let text = parsed.value("--jobs") else { return nil }
    guard let number = Int(text), number >= 1, number <= 256 else {
      throw UsageError(message: "--jobs takes a whole number from 1 to 256, not '\(text)'", command: name)
    }
    return number
  }

  static func render(_ report: Report, format: String, strict: Bool, color: Bool) -> String {
    switch format {
    case "json": JSONReporter.render(report)
    case "sarif": SARIFReporter.render(report)
    case "junit": JUnitReporter.render(report, strict: strict)
    case "github": GitHubReporter.render(report)
    case "html": HTMLReporter.render(report)
    default: TextReporter(color: color).render(report)
    }
  }

  static func exitCode(_ report: Report, strict: Bool) -> ExitCode {
    if report.toolFailure { return .toolFailure }
    if report.summary.errors > 0 || (strict && report.summary.warnings > 0) { return .problemsFound }
    return .success
  }

  /// `check` without a catalogue: every catalogue of the nearest `.wizart-preflight.json`.
  private static func runConfigured(_ parsed: ParsedArguments, console: Console) throws -> Int32 {
    let config: ProjectConfig
    do {
      guard let found = try ProjectConfig.find(from: console.currentDirectory) else {
        throw UsageError(
          message: "'check' needs the catalogue file to check",
          suggestion: "or describe your catalogues in \(ProjectConfig.fileName) (see the README)", command: name)
      }
      config = found
    } catch let error as ConfigError {
      throw ToolError(message: "the configuration is not usable: \(error.description)")
    }
    for flag in ["--type", "--schema", "--template", "--images", "--sheet"] where parsed.value(flag) != nil {
      throw UsageError(
        message: "\(flag) comes from \(ProjectConfig.fileName) when no catalogue is given",
        suggestion: "pass a catalogue to use \(flag) on it", command: name)
    }
    let format = parsed.value("--format") ?? "text"
    guard formats.contains(format) else {
      throw UsageError(message: "unknown format '\(format)': use one of \(formats.joined(separator: ", "))", command: name)
    }
    let catalogs = ConfiguredCatalog.all(in: config)
    guard !catalogs.isEmpty else {
      throw ToolError(message: "no file matches the catalogues of \(config.file.path)")
    }
    if catalogs.count > 1 && format != "text" && format != "json" {
      throw UsageError(
        message: "--format \(format) reports one catalogue at a time, and \(catalogs.count) are configured",
        suggestion: "pass one catalogue, for example: wizart-preflight check \(catalogs[0].path) --format \(format)", command: name)
    }
    let ignored = try ignoredCodes(parsed.value("--ignore"))
    let jobs = try jobCount(parsed)
    let maxPerCode = try maxDiagnostics(parsed)
    var reports: [(ConfiguredCatalog, Report)] = []
    for catalog in catalogs {
      let request = try catalog.request(jobs: jobs, deep: parsed.has("--deep"), maxPerCode: maxPerCode, extraIgnored: ignored)
      reports.append((catalog, Preflight.run(request)))
    }
    let color = parsed.value("--output") == nil && console.colorOnStdout()
    var rendered = ""
    if format == "json" && reports.count > 1 {
      rendered = JSONValue.array(reports.map { JSONReporter.value(of: $0.1) }).serialized()
    } else {
      for (catalog, report) in reports {
        if reports.count > 1 { rendered += "── \(catalog.path) ──\n" }
        rendered += render(report, format: format, strict: catalog.strict || parsed.has("--strict"), color: color)
        if reports.count > 1 { rendered += "\n" }
      }
    }
    if let output = parsed.value("--output") {
      // The report must replace none of what it was made from: catalogues, the configuration, its schemas and templates.
      let inputs = [config.file.path] + catalogs.map { config.root.appendingPathComponent($0.path).path }
        + config.catalogs.flatMap { [$0.schema, $0.template].compactMap { $0 } }.map { config.root.appendingPathComponent($0).path }
      try AtomicFile.write(rendered, to: output, inputs: inputs)
    } else {
      console.stdout.write(rendered)
    }
    let worst = reports.map { exitCode($0.1, strict: $0.0.strict || parsed.has("--strict")).rawValue }.max() ?? 0
    return worst
  }

  static let exitCodes = """
    Exit codes:
      0   no errors (warnings allowed unless --strict)
      1   errors found (or warnings, with --strict)
      2   the catalogue, the images or a schema could not be read
      64  the command line is wrong

    """

  /// `--type` / `--schema` as every command that reads a catalogue takes them.
  static func schemaChoice(type: String?, schemaFile: String?, command: String = name) throws -> SchemaChoice {
    if let schemaFile {
      let schema: ProductSchema
      do {
        schema = try SchemaLoader.load(file: URL(fileURLWithPath: schemaFile), displayPath: schemaFile)
      } catch {
        throw ToolError(message: "cannot use the schema: \(error.description)")
      }
      if let type, type != schema.code {
        throw UsageError(
          message: "--type \(type) does not match the schema's type '\(schema.code)' (\(schemaFile))", command: command)
      }
      return .given(schema)
    }
    if let type {
      guard let schema = try SchemaCatalog.builtIn(type) else {
        throw UsageError(
          message: "unknown product type '\(type)'",
          suggestion: EditDistance.suggestion(for: type, in: SchemaCatalog.codes).map { "did you mean '\($0)'? ('wizart-preflight types' lists them)" }
            ?? "'wizart-preflight types' lists the product types", command: command)
      }
      return .given(schema)
    }
    return .infer(try SchemaCatalog.all())
  }

  /// The official template's header as the column list; without --type the template's own header
  /// tells the type (it is the cleanest header there is).
  static func applying(template path: String, to choice: SchemaChoice) throws -> SchemaChoice {
    let template: OfficialTemplate
    do {
      template = try OfficialTemplate.read(path: path)
    } catch {
      throw ToolError(message: "cannot use the template: \(error.message)")
    }
    switch choice {
    case .given(let schema): return .given(schema.applying(template))
    case .infer(let candidates):
      switch TypeInference.infer(header: template.columns, from: candidates) {
      case .inferred(let schema, _): return .given(schema.applying(template))
      case .ambiguous:
        throw UsageError(message: "the product type cannot be told from the template \(path)", suggestion: "pass --type CODE", command: name)
      }
    }
  }

  static func ignoredCodes(_ text: String?) throws(UsageError) -> Set<String> {
    guard let text else { return [] }
    var codes: Set<String> = []
    for part in text.split(separator: ",") {
      let code = part.trimmingCharacters(in: .whitespaces)
      guard !code.isEmpty else { continue }
      guard DiagnosticCode.named(code) != nil else {
        throw UsageError(
          message: "--ignore: unknown diagnostic code '\(code)'",
          suggestion: EditDistance.suggestion(for: code, in: DiagnosticCode.all.map(\.id)).map { "did you mean '\($0)'?" },
          command: name)
      }
      codes.insert(code)
    }
    return codes
  }
}
