import Foundation
import Preflight
import Synchronization
import Testing
@testable import PreflightCLI

@Suite struct UsageTests {
  @Test func noArgumentsPrintsHelp() {
    let result = CLI.run([])
    #expect(result.status == 0)
    #expect(result.stdout.contains("Usage:") && result.stdout.contains("Exit codes:"))
  }

  @Test func versionNamesTheLinkedLibraries() {
    let result = CLI.run(["--version"])
    #expect(result.status == 0)
    #expect(result.stdout.hasPrefix("wizart-preflight \(Preflight.version)"))
    #expect(result.stdout.contains("libzip 1.") && result.stdout.contains("libxml2 2."))
  }

  @Test(arguments: [
    (["chek", "x.csv"], "did you mean 'check'?"),
    (["check", "x.csv", "--tpye", "wallpaper"], "did you mean '--type'?"),
    (["check", "x.csv", "--type", "wallpapr"], "did you mean 'wallpaper'?"),
    (["check", "x.csv", "--format", "jsno"], "did you mean 'json'?"),
    (["check", "x.csv", "--ignore", "invalid-numbr"], "did you mean 'invalid-number'?"),
    (["explain", "ragged-rows"], "did you mean 'ragged-row'?"),
    (["template", "lamninate"], "did you mean 'laminate'?"),
    (["catalog.csv"], "wizart-preflight check catalog.csv"),
  ])
  func usageErrorsExit64WithTheNearestFix(_ arguments: [String], _ hint: String) {
    let result = CLI.run(arguments)
    #expect(result.status == 64)
    #expect(result.stderr.contains("error: "))
    #expect(result.stderr.contains(hint), "\(result.stderr)")
    #expect(result.stderr.contains("usage: "))
    #expect(result.stdout.isEmpty)
  }

  @Test(arguments: [
    ["check"], ["check", "a.csv", "b.zip"], ["check", "a.csv", "--type"], ["check", "a.csv", "--max-diagnostics", "ten"],
    ["check", "a.csv", "--strict=yes"], ["types", "extra"], ["template"], ["explain", "a", "b"],
  ])
  func malformedCommandLinesAreUsageErrors(_ arguments: [String]) {
    #expect(CLI.run(arguments).status == 64)
  }

  @Test(arguments: ["check", "types", "template", "explain"])
  func everyCommandHasHelp(_ command: String) {
    let result = CLI.run([command, "--help"])
    #expect(result.status == 0)
    #expect(result.stdout.hasPrefix("Usage: wizart-preflight \(command)"))
    #expect(CLI.run(["help", command]).stdout == result.stdout)
  }
}

@Suite struct CheckCommandTests {
  static let valid = CLI.sample("wallpaper/catalog.csv")

  @Test func theValidSampleExitsZeroAndPredictsSuccess() {
    let result = CLI.run(["check", Self.valid, "--type", "wallpaper"])
    #expect(result.status == 0, "\(result.stdout)")
    #expect(result.stdout.contains("Predicted server answer: success"))
    #expect(!result.stdout.contains("\u{1B}["), "no colour into a pipe")
  }

  @Test func colourOnlyOnATerminalAndNeverWithNoColor() {
    let broken = CLI.sample("broken/decimal-commas.csv")
    #expect(CLI.run(["check", broken, "--type", "wallpaper"], terminal: true).stdout.contains("\u{1B}[33mwarning"))
    #expect(!CLI.run(["check", broken, "--type", "wallpaper"], environment: ["NO_COLOR": "1"], terminal: true).stdout.contains("\u{1B}["))
    #expect(CLI.run(["check", broken, "--type", "wallpaper"], environment: ["CLICOLOR_FORCE": "1"]).stdout.contains("\u{1B}["))
  }

  @Test func errorsExitOneWarningsOnlyWithStrict() {
    let warnings = CLI.sample("broken/decimal-commas.csv")
    #expect(CLI.run(["check", warnings, "--type", "wallpaper"]).status == 0)
    #expect(CLI.run(["check", warnings, "--type", "wallpaper", "--strict"]).status == 1)
    #expect(CLI.run(["check", CLI.sample("broken/duplicate-sku.csv"), "--type", "wallpaper"]).status == 1)
  }

  @Test func unreadableInputExitsTwoWithAReport() {
    let result = CLI.run(["check", "/nonexistent/catalog.csv", "--format", "json"])
    #expect(result.status == 2)
    #expect(result.stdout.contains("\"input-unreadable\""))
    let folder = CLI.run(["check", CLI.repositoryRoot.appendingPathComponent("samples").path])
    #expect(folder.status == 2)
    #expect(folder.stdout.contains("folder"))
  }

  @Test func ignoreRemovesCodesFromReportAndExitCode() {
    let file = CLI.sample("broken/duplicate-sku.csv")
    let result = CLI.run(["check", file, "--type", "wallpaper", "--ignore", "duplicate-sku, sku-in-several-collections"])
    #expect(result.status == 0)
    #expect(!result.stdout.contains("[duplicate-sku]"))
    #expect(result.stdout.contains("hidden by --ignore"))
  }

  @Test func maxDiagnosticsCutsAndSaysSo() throws {
    let result = CLI.run(["check", CLI.sample("broken/decimal-commas.csv"), "--type", "wallpaper", "--max-diagnostics", "1", "--format", "json"])
    let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    let summary = try #require(json["summary"] as? [String: Any])
    #expect(summary["truncated"] as? Bool == true)
    #expect((json["diagnostics"] as? [Any])?.count == 1)
    #expect(summary["warnings"] as? Int == 4)
  }

  @Test func theValidSamplesPassAllThreeStages() throws {
    for (catalog, images, type) in [("wallpaper/catalog.csv", "wallpaper/images.zip", "wallpaper"), ("flooring/catalog.csv", "flooring/images.zip", "laminate")] {
      let result = CLI.run(["check", CLI.sample(catalog), "--type", type, "--images", CLI.sample(images), "--format", "json", "--deep"])
      let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
      let stages = try #require(json["stages"] as? [[String: Any]])
      #expect(stages.map { $0["status"] as? String } == ["passed", "passed", "passed"], "\(result.stdout)")
      let prediction = try #require(json["prediction"] as? [String: Any])
      #expect(prediction["complete"] as? Bool == true && prediction["outcome"] as? String == "success")
      #expect(result.status == 0)
    }
  }

  @Test func outputGoesToAFileAndNeverOverAnInput() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("out-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let report = folder.appendingPathComponent("report.json").path
    let result = CLI.run(["check", Self.valid, "--type", "wallpaper", "--format", "json", "-o", report])
    #expect(result.status == 0)
    #expect(result.stdout.isEmpty)
    #expect(try String(contentsOfFile: report, encoding: .utf8).contains("\"reportVersion\": 1"))
    let copy = folder.appendingPathComponent("catalog.csv").path
    try FileManager.default.copyItem(atPath: Self.valid, toPath: copy)
    let before = try Data(contentsOf: URL(fileURLWithPath: copy))
    let refused = CLI.run(["check", copy, "--type", "wallpaper", "--output", copy])
    #expect(refused.status == 2)
    #expect(refused.stderr.contains("input"))
    #expect(try Data(contentsOf: URL(fileURLWithPath: copy)) == before, "inputs are never modified")
  }

  @Test func theSchemaTheTemplateAndTheConfigurationAreInputsToo() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("inputs-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let schema = folder.appendingPathComponent("wallpaper.json").path
    try FileManager.default.copyItem(atPath: CLI.repositoryRoot.appendingPathComponent("schemas/wallpaper.json").path, toPath: schema)
    let template = folder.appendingPathComponent("template.csv").path
    let header = try String(contentsOfFile: Self.valid, encoding: .utf8).split(separator: "\n")[0]
    try Data((header + "\n").utf8).write(to: URL(fileURLWithPath: template))
    for (flag, input) in [("--schema", schema), ("--template", template)] {
      let before = try Data(contentsOf: URL(fileURLWithPath: input))
      let refused = CLI.run(["check", Self.valid, flag, input, "--format", "json", "-o", input])
      #expect(refused.status == 2, "\(flag)")
      #expect(refused.stderr.contains("it is an input"), "\(flag): \(refused.stderr)")
      #expect(try Data(contentsOf: URL(fileURLWithPath: input)) == before, "\(flag) was overwritten")
    }

    let repository = try CatalogRepository()
    let config = repository.root.appendingPathComponent(".wizart-preflight.json").path
    let before = try Data(contentsOf: URL(fileURLWithPath: config))
    let err = StringSink()
    let status = CommandLineTool.run(
      ["check", "-o", config], console: Console(stdout: StringSink(), stderr: err, currentDirectory: repository.root))
    #expect(status == 2)
    #expect(err.text.contains("it is an input"), "\(err.text)")
    #expect(try Data(contentsOf: URL(fileURLWithPath: config)) == before, "the configuration was overwritten")
  }

  @Test func aCustomSchemaIsUsedAndABrokenOneNamesTheKey() {
    let schema = CLI.temporaryFile(#"{"name": "mini", "fields": [{"name": "sku", "type": "string", "constraints": {"required": true}}, {"name": "width", "type": "number", "constraints": {"maximum": 2}}]}"#, name: "mini.json")
    let catalog = CLI.temporaryFile("sku,width\na,1\n,3\n")
    let result = CLI.run(["check", catalog, "--schema", schema])
    #expect(result.status == 1)
    #expect(result.stdout.contains("[missing-required-value]") && result.stdout.contains("[out-of-range]"))
    let broken = CLI.temporaryFile(#"{"name": "x", "fields": [{"name": "a", "type": "decimal"}]}"#, name: "broken.json")
    let failure = CLI.run(["check", catalog, "--schema", broken])
    #expect(failure.status == 2)
    #expect(failure.stderr.contains("fields[0].type"))
    #expect(CLI.run(["check", catalog, "--schema", schema, "--type", "wallpaper"]).status == 64)
  }

  @Test func theJSONReportHasEveryKeyOfTheContract() throws {
    let result = CLI.run(["check", CLI.sample("broken/decimal-commas.csv"), "--type", "wallpaper", "--format", "json"])
    let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    #expect(Set(json.keys) == ["reportVersion", "tool", "productType", "inputs", "stages", "prediction", "diagnostics", "summary"])
    #expect(json["reportVersion"] as? Int == 1)
    let productType = try #require(json["productType"] as? [String: Any])
    #expect(productType["code"] as? String == "wallpaper" && productType["schema"] as? String == "schemas/wallpaper.json")
    let prediction = try #require(json["prediction"] as? [String: Any])
    #expect(Set(prediction.keys) == ["outcome", "failedStage", "complete", "rowsTotal", "rowsSkipped"])
    #expect(prediction["failedStage"] is NSNull)
    let diagnostic = try #require((json["diagnostics"] as? [[String: Any]])?.first)
    #expect(Set(diagnostic.keys) == ["code", "severity", "effect", "stage", "message", "hint", "file", "line", "row", "column", "field", "value", "entry", "sheet", "cell"])
    #expect(diagnostic["entry"] is NSNull && diagnostic["sheet"] is NSNull)
    let stage = try #require((json["stages"] as? [[String: Any]])?.first)
    #expect(Set((stage["stats"] as? [String: Any])?.keys ?? [:].keys) == ["rows", "columns", "bytes"])
    #expect(!result.stdout.contains("\\/"))
  }
}

@Suite struct OtherCommandTests {
  @Test func typesListsEveryShippedSchema() throws {
    let text = CLI.run(["types"])
    #expect(text.status == 0)
    for code in SchemaCatalog.codes { #expect(text.stdout.contains(code)) }
    let json = CLI.run(["types", "--format", "json"])
    let items = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
    #expect(items.count == SchemaCatalog.codes.count)
    #expect(items.first?["code"] as? String == "wallpaper")
  }

  @Test func templateWritesTheHeaderInOrder() throws {
    let result = CLI.run(["template", "wallpaper"])
    let schema = try #require(try SchemaCatalog.builtIn("wallpaper"))
    #expect(result.stdout == schema.fields.map(\.name).joined(separator: ",") + "\r\n")
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("template-\(UUID().uuidString).csv").path
    #expect(CLI.run(["template", "rug", "-o", path]).status == 0)
    #expect(try String(contentsOfFile: path, encoding: .utf8).hasPrefix("brand_name,collection_name"))
  }

  @Test func theTemplateHeaderHasNoColumnProblems() throws {
    let header = CLI.run(["template", "wall_mural"]).stdout
    let catalog = CLI.temporaryFile(header.replacingOccurrences(of: "\r\n", with: "\n"))
    let result = CLI.run(["check", catalog, "--type", "wall_mural", "--format", "json"])
    let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    let codes = (json["diagnostics"] as? [[String: Any]])?.compactMap { $0["code"] as? String }
    #expect(codes == ["no-data-rows"], "the template's own header has no column problems")
  }

  @Test func explainCoversEveryCode() {
    for code in DiagnosticCode.all {
      let result = CLI.run(["explain", code.id])
      #expect(result.status == 0)
      #expect(result.stdout.hasPrefix(code.id + "\n"))
      #expect(result.stdout.contains(code.effect.rawValue) && result.stdout.contains("How to fix:"))
    }
    let list = CLI.run(["explain"]).stdout
    for code in DiagnosticCode.all { #expect(list.contains(code.id)) }
  }
}

/// A few runs of the real executable: exit codes, streams and pipes as a shell sees them.
@Suite struct EndToEndTests {
  @Test func theBinaryChecksTheSampleAndExitsZero() throws {
    let result = try CLI.spawn(["check", CLI.sample("wallpaper/catalog.csv"), "--type", "wallpaper"])
    #expect(result.status == 0)
    #expect(result.stdout.contains("success"))
    #expect(result.stderr.isEmpty, "no progress or chatter when stderr is not a terminal")
  }

  @Test func aLargeReportThroughAPipeDoesNotHang() throws {
    var lines = ["brand_name,collection_name,product_name,unique_sku_id,product_image,product_width,repeat_width"]
    for row in 1...3000 { lines.append("W,C,P\(row),s\(row),img,1;06,0.5") }
    let path = CLI.temporaryFile(lines.joined(separator: "\n") + "\n")
    let result = try CLI.spawn(["check", path, "--type", "wallpaper", "--format", "json", "--max-diagnostics", "0"])
    #expect(result.status == 0)
    #expect(result.stdout.utf8.count > 64 * 1024)
  }

  @Test func usageErrorsAndUnreadableInputsHaveTheirExitCodes() throws {
    #expect(try CLI.spawn(["check"]).status == 64)
    #expect(try CLI.spawn(["check", "/nonexistent.csv"]).status == 2)
    #expect(try CLI.spawn(["check", CLI.sample("broken/semicolons.csv"), "--type", "wallpaper"]).status == 1)
  }
}

@Suite struct DocumentationTests {
  /// The README's table, `explain` and the code catalogue must list the same codes.
  @Test func theReadmeTableListsEveryCode() throws {
    let readme = try String(contentsOf: CLI.repositoryRoot.appendingPathComponent("README.md"), encoding: .utf8)
    for code in DiagnosticCode.all {
      #expect(readme.contains("| `\(code.id)` | \(code.stage.rawValue) | \(code.effect.rawValue) |"), "\(code.id) missing from README")
    }
    let rows = readme.split(separator: "\n").filter { line in
      line.hasPrefix("| `") && Stage.allCases.contains { line.contains("| \($0.rawValue) |") }
    }
    #expect(rows.count == DiagnosticCode.all.count)
  }

  @Test func theReadmeStartsWithTheTwoCommands() throws {
    let readme = try String(contentsOf: CLI.repositoryRoot.appendingPathComponent("README.md"), encoding: .utf8)
    let head = readme.split(separator: "\n").prefix(8).joined(separator: "\n")
    #expect(head.contains("make run") && head.contains("make test"))
  }

  @Test func theChangelogNamesOurAddedCodes() throws {
    let changelog = try String(contentsOf: CLI.repositoryRoot.appendingPathComponent("CHANGELOG.md"), encoding: .utf8)
    let contract: Set<String> = [
      "input-unreadable", "not-csv-extension", "encoding-not-utf8", "utf8-bom", "wrong-delimiter", "malformed-quotes",
      "ragged-row", "blank-row", "control-character", "no-data-rows", "missing-required-column",
      "missing-optional-column", "unknown-column", "legacy-column-name", "column-name-mismatch", "duplicate-column",
      "column-order", "missing-required-value", "invalid-number", "out-of-range", "invalid-boolean", "invalid-enum",
      "too-long", "empty-list-item", "surrounding-whitespace", "formula-like-value", "duplicate-sku",
      "sku-in-several-collections", "excel-mangled-value", "inconsistent-name", "incomplete-dimensions", "type-ambiguous",
      "archive-unreadable", "archive-not-zip", "archive-extension", "archive-too-large", "archive-corrupt", "archive-empty",
      "entry-encrypted", "entry-compression", "entry-unsafe-path", "entry-symlink", "entry-duplicate",
      "entry-name-encoding", "entry-name-nfd", "nested-archive", "junk-entry", "zip-bomb", "entry-crc-mismatch",
      "image-missing", "image-prefix-unmatched", "image-ambiguous", "image-unreferenced", "image-format",
      "image-extension-mismatch", "image-unreadable", "image-color-mode", "image-dpi-low", "image-dpi-missing",
      "image-resolution-low", "image-dimensions-extreme", "image-alpha-missing",
    ]
    for code in DiagnosticCode.all where !contract.contains(code.id) {
      #expect(changelog.contains("`\(code.id)`"), "\(code.id) is not in the contract and not in CHANGELOG.md")
    }
  }
}

@Suite struct ProgressLineTests {
  @Test func drawsAtMostTenTimesASecondAndClearsItself() {
    let sink = StringSink()
    let line = ProgressLine(sink: sink)
    line.update("validating_csv", done: 1 << 20, total: 4 << 20)
    line.update("validating_csv", done: 2 << 20, total: 4 << 20)
    #expect(sink.text.components(separatedBy: "\r").count == 2, "the second update came too soon")
    #expect(sink.text.contains("25%") && sink.text.contains("1/4 MiB"))
    line.finish()
    #expect(sink.text.hasSuffix("\r\u{1B}[K"))
  }

  /// Image probes report from several threads: a clock reading older than the last draw (a
  /// thread that read the time before another one drew) is not redrawn, and does not trap.
  @Test func aReadingOlderThanTheLastDrawIsSkipped() {
    let sink = StringSink()
    let readings = Mutex<[UInt64]>([5_000_000_000, 4_900_000_000, 5_200_000_000])
    let line = ProgressLine(sink: sink, clock: { readings.withLock { $0.removeFirst() } })
    line.update("images", done: 1, total: 10)
    line.update("images", done: 2, total: 10)
    line.update("images", done: 3, total: 10)
    #expect(sink.text.components(separatedBy: "\r").count == 3, "the first and the third are drawn")
    #expect(!sink.text.contains(" 20%"))
  }

  @Test func nothingIsWrittenWhenNothingWasDrawn() {
    let sink = StringSink()
    ProgressLine(sink: sink).finish()
    #expect(sink.text.isEmpty)
  }
}
