import Foundation
import PIMClient
import Preflight

/// `upload CATALOG IMAGES --type CODE`: the full check first, then the import through the API.
///
/// A catalogue the check predicts to fail is refused before any request is sent (unless
/// --force): an upload that fails on the server costs a slot in its queue and a wait.
enum UploadCommand {
  static let name = "upload"
  static let summary = "check a catalogue, then import it into Wizart PIM through the API"
  static let usage = "wizart-preflight upload CATALOG.csv IMAGES.zip|DIR --type CODE [--wait] [options]"
  static let options: [OptionSpec] =
    [
      OptionSpec(name: "--type", takesValue: true, valueName: "CODE", help: "the product type to import as (required; see 'types --remote')"),
      OptionSpec(name: "--schema", takesValue: true, valueName: "FILE", help: "check with this schema file (needed for a type without shipped rules)"),
      OptionSpec(name: "--template", takesValue: true, valueName: "FILE", help: "Wizart's template CSV for the type ('template CODE --pull'): its header is the column list"),
      OptionSpec(name: "--force", takesValue: false, help: "upload even when the check predicts failure (or cannot check)"),
      OptionSpec(name: "--wait", takesValue: false, help: "follow the import until it finishes"),
      OptionSpec(name: "--poll-interval", takesValue: true, valueName: "S", help: "seconds between status requests with --wait (default 5; fractions allowed)"),
      OptionSpec(name: "--timeout", takesValue: true, valueName: "S", help: "with --wait, stop waiting after S seconds (exit 2; the import goes on)"),
      OptionSpec(name: "--strict", takesValue: false, help: "an import that ends in 'warning' exits 1"),
      OptionSpec(name: "--format", takesValue: true, valueName: "FORMAT", help: "text (default) or json (one object on standard output)"),
      OptionSpec(name: "--no-progress", takesValue: false, help: "no progress display on standard error"),
    ] + ApiOptions.specs

  static let exitCodes = """
    Exit codes:
      0   uploaded (with --wait: the import ended in success, or warning without --strict)
      1   not uploaded: the check predicts failure; the server refused the upload (400/422);
          with --wait: the import ended in failure (or warning, with --strict)
      2   the files could not be read; no credentials; network, authentication or server trouble
      64  the command line is wrong

    """

  /// Diagnostics shown per code when an upload is refused (the full list is `check`'s job).
  static let shownPerCode = 10

  static func run(_ arguments: [String], console: Console) throws -> Int32 {
    let parsed = try ArgumentScanner.scan(arguments, options: options, command: name)
    if parsed.wantsHelp {
      console.stdout.write(
        HelpText.command(name: name, usage: usage, summary: summary, options: options, extra: exitCodes + "\n" + ApiOptions.credentialsHelp))
      return ExitCode.success.rawValue
    }
    guard parsed.positionals.count >= 2 else {
      throw UsageError(
        message: parsed.positionals.isEmpty ? "'upload' needs the catalogue and the images" : "'upload' needs the images too: a ZIP or a folder",
        command: name)
    }
    guard parsed.positionals.count == 2 else {
      throw UsageError(message: "unexpected argument '\(parsed.positionals[2])'", command: name)
    }
    let catalog = parsed.positionals[0]
    let images = parsed.positionals[1]
    guard let code = parsed.value("--type"), !code.isEmpty else {
      throw UsageError(
        message: "'upload' needs the product type: --type CODE", suggestion: "'wizart-preflight types --remote' lists your account's types",
        command: name)
    }
    let (format, interval, timeout) = try ApiOptions.following(parsed, command: name)
    let folder = try inputKind(catalog: catalog, images: images)
    let choice = try schemaChoice(code: code, parsed: parsed, folder: folder)
    // Credentials and address are checked before the long work, and before anything is sent.
    let client = try ApiOptions.client(parsed, console: console, command: name)
    let console = console.redacting(client.secrets)
    let progressWanted = console.stderrIsTerminal && !parsed.has("--no-progress")

    var preflight: JSONValue = .null
    var rows: Int?
    if let choice {
      let progress = progressWanted ? ProgressLine(sink: console.stderr) : nil
      var onProgress: (@Sendable (String, Int, Int) -> Void)?
      if let progress { onProgress = { label, done, total in progress.update(label, done: done, total: total) } }
      let report = Preflight.run(
        CheckRequest(catalogPath: catalog, imagesPath: images, schema: choice, maxDiagnosticsPerCode: shownPerCode, progress: onProgress))
      progress?.finish()
      preflight = summaryJSON(report)
      rows = report.prediction.rowsTotal
      if let refusal = refusal(report, force: parsed.has("--force")) {
        return refuse(report, reason: refusal, catalog: catalog, images: images, code: code, format: format, console: console)
      }
      if report.prediction.outcome == .failure {
        console.stderr.write("warning: the check predicts failure at \(report.prediction.failedStage?.rawValue ?? "?"); uploading anyway (--force)\n")
      } else if report.prediction.outcome == .warning {
        console.stderr.write(
          "warning: \(UploadCommand.count(report.prediction.rowsSkipped, "row")) with warnings will be skipped by the server (details: wizart-preflight check \(catalog) --images \(images) --type \(code))\n")
      } else {
        console.stderr.write("check: \(TextReporter(color: false).summaryLine(report))\n")
      }
    } else {
      console.stderr.write("warning: '\(code)' has no shipped rules and no --schema was given: uploading unchecked (--force)\n")
    }

    // The packed images and the request body (each a full copy of the images) go to a private
    // folder, removed at the end and on Ctrl-C.
    let scratch = try ScratchFolder.create(environment: console.environment)
    defer { scratch.remove() }
    // A folder becomes a temporary ZIP with exactly the referenced images.
    var archive = images
    var archiveName = (images as NSString).lastPathComponent
    if folder, let choice {
      archive = try pack(catalog: catalog, folder: images, choice: choice, into: scratch, progress: progressWanted, console: console)
      archiveName = (archive as NSString).lastPathComponent
    }

    let size = fileSize(catalog) + fileSize(archive)
    console.stderr.write("uploading \((catalog as NSString).lastPathComponent) and \(archiveName) (\(megabytes(size))) to \(client.configuration.hostLabel)…\n")
    console.stderr.flush()
    let progress = progressWanted ? ProgressLine(sink: console.stderr) : nil
    var onUpload: (@Sendable (PIMClient.UploadPhase, UInt64, UInt64) -> Void)?
    if let progress {
      onUpload = { phase, done, total in
        progress.update(phase == .preparing ? "preparing" : "uploading", done: Int(clamping: done), total: Int(clamping: total))
      }
    }
    let record: ImportRecord
    do throws(PIMError) {
      record = try client.startImport(
        productType: code, catalogPath: catalog, archivePath: archive, archiveName: archiveName,
        temporaryDirectory: scratch.path, progress: onUpload)
    } catch {
      progress?.finish()
      scratch.remove()
      return ApiFailure.report(error, console: console, uploading: true)
    }
    progress?.finish()
    scratch.remove()

    var seen = [record.status]
    if format == "text" {
      console.stdout.write("uploaded: import \(record.id) (\(code), \(rows.map { UploadCommand.count($0, "row") + ", " } ?? "")status \(record.status))\n")
      console.stdout.flush()
    }
    guard parsed.has("--wait") else {
      if format == "json" { console.stdout.write(resultJSON(record, seen: seen, code: code, catalog: catalog, images: images, preflight: preflight)) }
      console.stderr.write("follow it with: wizart-preflight status \(record.id) --wait\n")
      return ExitCode.success.rawValue
    }
    let stageSink = format == "text" ? console.stdout : console.stderr
    stageSink.write(ImportDisplay.stageLine(record))
    stageSink.flush()
    let follower = ImportFollower(client: client, interval: interval, timeout: timeout)
    let final: ImportRecord
    do {
      (final, seen) = try follower.follow(from: record, seen: seen) { current in
        stageSink.write(ImportDisplay.stageLine(current))
        stageSink.flush()
      }
    } catch let error as PIMError {
      return ApiFailure.report(error, console: console, hint: "the import goes on on the server: follow it with 'wizart-preflight status \(record.id) --wait'")
    } catch let timedOut as ImportFollower.TimedOut {
      console.stderr.write("error: import \(record.id) is still at \(timedOut.last.status) after \(ApiOptions.secondsText(timeout ?? 0)) (--timeout)\n")
      console.stderr.write("hint: the import goes on on the server: follow it with 'wizart-preflight status \(record.id) --wait'\n")
      return ExitCode.toolFailure.rawValue
    }
    if format == "json" {
      console.stdout.write(resultJSON(final, seen: seen, code: code, catalog: catalog, images: images, preflight: preflight))
    } else {
      console.stdout.write(ImportDisplay.resultLines(final))
    }
    return ImportDisplay.exitCode(final, strict: parsed.has("--strict")).rawValue
  }

  /// True for a folder of images; refuses what cannot be uploaded as it is.
  private static func inputKind(catalog: String, images: String) throws -> Bool {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: catalog, isDirectory: &isDirectory), !isDirectory.boolValue else {
      throw ToolError(message: "cannot read \(catalog): \(isDirectory.boolValue ? "it is a folder" : "no such file")")
    }
    let head = (FileHandle(forReadingAtPath: catalog).flatMap { try? $0.read(upToCount: 4) }).map([UInt8].init) ?? []
    if head == [0x50, 0x4B, 0x03, 0x04] || head == [0xD0, 0xCF, 0x11, 0xE0] {
      throw UsageError(
        message: "\(catalog) is an Excel workbook, and the Wizart import takes a CSV file",
        suggestion: "save the sheet as 'CSV UTF-8 (comma delimited)' and upload that", command: name)
    }
    guard FileManager.default.fileExists(atPath: images, isDirectory: &isDirectory) else {
      throw ToolError(message: "cannot read \(images): no such file or folder")
    }
    return isDirectory.boolValue
  }

  /// The rules to check with: --schema, else the shipped schema of the type. A type without
  /// shipped rules needs --schema, or --force to go unchecked (nil).
  private static func schemaChoice(code: String, parsed: ParsedArguments, folder: Bool) throws -> SchemaChoice? {
    var choice: SchemaChoice?
    if let schemaFile = parsed.value("--schema") {
      choice = try CheckCommand.schemaChoice(type: code, schemaFile: schemaFile, command: name)
    } else if let schema = try SchemaCatalog.builtIn(code) {
      choice = .given(schema)
    }
    guard var choice else {
      if parsed.has("--force") && !folder { return nil }
      throw UsageError(
        message: "no shipped rules for product type '\(code)', so the upload cannot be checked\(folder ? " (nor its images packed)" : "")",
        suggestion: "pass --schema FILE with the type's rules"
          + (folder ? "" : ", or --force to upload unchecked")
          + (EditDistance.suggestion(for: code, in: SchemaCatalog.codes).map { "; or did you mean '\($0)'?" } ?? ""),
        command: name)
    }
    if let template = parsed.value("--template") { choice = try CheckCommand.applying(template: template, to: choice) }
    return choice
  }

  /// Why not to upload, or nil to go ahead.
  private static func refusal(_ report: Report, force: Bool) -> String? {
    if report.toolFailure { return "the catalogue or the images could not be read" }
    guard report.prediction.outcome == .failure, !force else { return nil }
    return "the check predicts failure at \(report.prediction.failedStage?.rawValue ?? "?")"
  }

  private static func refuse(
    _ report: Report, reason: String, catalog: String, images: String, code: String, format: String, console: Console
  ) -> Int32 {
    let reporter = TextReporter(color: format == "text" && console.colorOnStdout())
    let problems = reporter.renderProblems(report) + reporter.summaryLine(report) + "\n"
    if format == "json" {
      console.stderr.write(TextReporter(color: false).renderProblems(report))
      console.stdout.write(
        JSONValue.object([
          "uploaded": .bool(false), "productType": .string(code), "catalog": .string(catalog), "images": .string(images),
          "preflight": summaryJSON(report), "import": .null,
        ]).serialized())
    } else {
      console.stdout.write(problems)
    }
    let exit: ExitCode = report.toolFailure ? .toolFailure : .problemsFound
    console.stderr.write("error: not uploaded: \(reason); nothing was sent\n")
    if !report.toolFailure {
      console.stderr.write(
        "hint: fix the errors (full report: wizart-preflight check \(catalog) --images \(images) --type \(code)), or pass --force to upload anyway\n")
    }
    return exit.rawValue
  }

  /// Packs the referenced images of a folder into `<folder name>.zip` in the scratch folder.
  private static func pack(
    catalog: String, folder: String, choice: SchemaChoice, into scratch: ScratchFolder, progress: Bool, console: Console
  ) throws -> String {
    let plan: PackPlan
    do throws(PackError) {
      plan = try ImagePacker.plan(catalogPath: catalog, folder: folder, schema: choice)
    } catch {
      throw ToolError(message: "cannot pack the images: \(error.message)")
    }
    var base = (URL(fileURLWithPath: folder).standardizedFileURL.lastPathComponent as NSString).deletingPathExtension
    if base.isEmpty || base == "/" || base == "." { base = "images" }
    let path = (scratch.path as NSString).appendingPathComponent(base + ".zip")
    console.stderr.write("packing \(plan.entries.count) referenced image\(plan.entries.count == 1 ? "" : "s") (\(megabytes(plan.totalBytes))) from \(folder)\(plan.unreferenced.isEmpty ? "" : "; leaving out \(plan.unreferenced.count) unreferenced")…\n")
    console.stderr.flush()
    let line = progress ? ProgressLine(sink: console.stderr) : nil
    var onPack: (@Sendable (Int, Int) -> Void)?
    if let line { onPack = { done, total in line.update("packing", done: done, total: total) } }
    do throws(PackError) {
      try ImagePacker.write(plan, to: path, progress: onPack)
    } catch {
      line?.finish()
      throw ToolError(message: "cannot pack the images: \(error.message)")
    }
    line?.finish()
    return path
  }

  static func summaryJSON(_ report: Report) -> JSONValue {
    .object([
      "outcome": .string(report.prediction.outcome.rawValue),
      "failedStage": .optional(report.prediction.failedStage?.rawValue), "complete": .bool(report.prediction.complete),
      "errors": .int(report.summary.errors), "warnings": .int(report.summary.warnings),
      "rowsTotal": .int(report.prediction.rowsTotal), "rowsSkipped": .int(report.prediction.rowsSkipped),
    ])
  }

  private static func resultJSON(
    _ record: ImportRecord, seen: [String], code: String, catalog: String, images: String, preflight: JSONValue
  ) -> String {
    JSONValue.object([
      "uploaded": .bool(true), "productType": .string(code), "catalog": .string(catalog), "images": .string(images),
      "preflight": preflight, "import": ImportDisplay.json(record, seen: seen),
    ]).serialized()
  }

  private static func fileSize(_ path: String) -> UInt64 {
    ((try? FileManager.default.attributesOfItem(atPath: path)[.size]) as? NSNumber)?.uint64Value ?? 0
  }

  static func megabytes(_ bytes: UInt64) -> String {
    bytes < 1_000_000 ? String(format: "%.1f KB", Double(bytes) / 1e3) : String(format: "%.1f MB", Double(bytes) / 1e6)
  }
}

extension UploadCommand {
  /// "1 row", "3 rows".
  static func count(_ number: Int, _ noun: String) -> String { "\(number) \(noun)\(number == 1 ? "" : "s")" }
}
