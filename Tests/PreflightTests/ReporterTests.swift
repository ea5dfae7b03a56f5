import Foundation
import PreflightTestSupport
import Testing
import ZipKit
@testable import Preflight

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// One catalogue with a problem of every kind of location — header, cell, archive entry led by a
/// row, archive entry without a row, whole file — rendered by each CI-facing reporter.
enum ReporterFixture {
  static let catalogName = "wall catalog, v2: final.csv"
  static let archiveName = "images.zip.bak"
  static let extraColumn = "colour, shade:\nnew"
  static let scriptValue = "<script>alert('x')</script>"

  /// Writes the files into a fresh folder and checks them; paths in the report are absolute, the
  /// folder is what reporters should make them relative to.
  static func run(images: Bool = true) throws -> (report: Report, folder: String) {
    let folder = Fixtures.directory()
    var catalog = WallpaperCatalog()
    catalog.header.append(extraColumn)  // unknown-column: a header problem, line 1
    catalog.set(2, "product_width", scriptValue)  // invalid-number: a cell problem, skips row 2
    catalog.set(3, "product_name", "Rose\u{0}3\u{1B}[31m")  // control-character: NUL and ESC in a cell
    let catalogPath = folder.appendingPathComponent(catalogName).path
    try Data(catalog.csv.utf8).write(to: URL(fileURLWithPath: catalogPath))
    let archivePath = folder.appendingPathComponent(archiveName).path  // archive-extension: the whole file
    var files = GoodImages.files()
    files["images/rose_3.png"] = ImageBytes.png(width: 100, height: 100)  // image-resolution-low: entry + row 3
    files["__MACOSX/images/._rose_1.png"] = [0, 5, 22, 7]  // junk-entry: an entry without a row
    try ZipWriter.write(files.keys.sorted().map { ZipWriter.Item(name: $0, data: files[$0]!) }, to: archivePath)
    let report = Preflight.run(
      CheckRequest(
        catalogPath: catalogPath, imagesPath: images ? archivePath : nil, schema: .given(Fixtures.schema("wallpaper")),
        maxDiagnosticsPerCode: nil, jobs: 2))
    return (report, folder.path)
  }
}

@Suite struct ReporterTests {
  @Test func theFixtureHasEveryKindOfLocation() throws {
    let (report, _) = try ReporterFixture.run()
    let byCode = Dictionary(grouping: report.diagnostics, by: \.code.id)
    let header = try #require(byCode["unknown-column"]?.first)
    #expect(header.location.line == 1 && header.location.row == nil && header.location.field == ReporterFixture.extraColumn)
    let cell = try #require(byCode["invalid-number"]?.first)
    #expect(cell.location.row == 2 && cell.location.column != nil && cell.value == ReporterFixture.scriptValue)
    let entry = try #require(byCode["image-resolution-low"]?.first)
    #expect(entry.location.entry == "images/rose_3.png" && entry.location.row == 3 && entry.location.line == 5, "the header spans lines 1–2")
    let junk = try #require(byCode["junk-entry"]?.first)
    #expect(junk.location.entry != nil && junk.location.line == nil)
    let file = try #require(byCode["archive-extension"]?.first)
    #expect(file.location.line == nil && file.location.entry == nil)
    #expect(byCode["control-character"] != nil)
  }

  // MARK: - SARIF

  private func sarif(_ report: Report, _ folder: String) throws -> [String: Any] {
    let text = SARIFReporter.render(report, currentDirectory: folder)
    #expect(!text.contains("\\/"))
    return try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
  }

  @Test func sarifIsVersion210WithRulesForEveryResult() throws {
    let (report, folder) = try ReporterFixture.run()
    let log = try sarif(report, folder)
    #expect(log["version"] as? String == "2.1.0")
    #expect(log["$schema"] as? String == "https://json.schemastore.org/sarif-2.1.0.json")
    let run = try #require((log["runs"] as? [[String: Any]])?.first)
    let driver = try #require((run["tool"] as? [String: Any])?["driver"] as? [String: Any])
    #expect(driver["name"] as? String == "wizart-preflight")
    #expect(driver["informationUri"] == nil)
    let rules = try #require(driver["rules"] as? [[String: Any]])
    let ruleIDs = rules.compactMap { $0["id"] as? String }
    #expect(Set(ruleIDs) == Set(report.diagnostics.map(\.code.id)))
    #expect(ruleIDs == DiagnosticCode.all.map(\.id).filter(ruleIDs.contains), "rules keep DiagnosticCode.all order")
    for rule in rules {
      let code = try #require(DiagnosticCode.named(rule["id"] as! String))
      #expect((rule["fullDescription"] as? [String: Any])?["text"] as? String == code.explanation)
      #expect((rule["help"] as? [String: Any])?["text"] as? String == code.fix)
      let level = (rule["defaultConfiguration"] as? [String: Any])?["level"] as? String
      #expect(level == ["error": "error", "warning": "warning", "notice": "note"][code.severity.rawValue])
    }
    let results = try #require(run["results"] as? [[String: Any]])
    #expect(results.count == report.diagnostics.count)
    for (result, diagnostic) in zip(results, report.diagnostics) {
      let ruleID = try #require(result["ruleId"] as? String)
      let index = try #require(result["ruleIndex"] as? Int)
      #expect(ruleIDs.indices.contains(index) && ruleIDs[index] == ruleID)
      #expect(ruleID == diagnostic.code.id)
      let physical = try #require(
        ((result["locations"] as? [[String: Any]])?.first?["physicalLocation"]) as? [String: Any])
      let region = physical["region"] as? [String: Any]
      if let line = diagnostic.location.line, diagnostic.location.entry == nil {
        #expect(region?["startLine"] as? Int == line, "\(ruleID) has its line")
      } else {
        #expect(region == nil, "\(ruleID) has no line of its own, so no region")
      }
      #expect(region?["startColumn"] == nil, "a field index is not a character column")
    }
    let invocation = try #require((run["invocations"] as? [[String: Any]])?.first)
    #expect(invocation["executionSuccessful"] as? Bool == true)
    let prediction = (run["properties"] as? [String: Any])?["prediction"] as? [String: Any]
    #expect(prediction?["outcome"] as? String == "failure")
  }

  @Test func sarifURIsAreRelativeAndPercentEncoded() throws {
    let (report, folder) = try ReporterFixture.run()
    let results = try #require(((try sarif(report, folder)["runs"] as? [[String: Any]])?.first?["results"]) as? [[String: Any]])
    var uris: Set<String> = []
    for result in results {
      let physical = ((result["locations"] as? [[String: Any]])?.first?["physicalLocation"]) as? [String: Any]
      uris.insert(try #require((physical?["artifactLocation"] as? [String: Any])?["uri"] as? String))
    }
    #expect(uris == ["wall%20catalog%2C%20v2%3A%20final.csv", "images.zip.bak"])
    // The archive entry led by a row: archive as artifact, entry in the message, catalogue line related.
    let entry = try #require(results.first { $0["ruleId"] as? String == "image-resolution-low" })
    let message = try #require((entry["message"] as? [String: Any])?["text"] as? String)
    #expect(message.hasPrefix("in \(folder)/images.zip.bak: images/rose_3.png — "))
    let related = ((entry["relatedLocations"] as? [[String: Any]])?.first?["physicalLocation"]) as? [String: Any]
    #expect((related?["region"] as? [String: Any])?["startLine"] as? Int == 5)
    let properties = try #require(entry["properties"] as? [String: Any])
    #expect(properties["row"] as? Int == 3 && properties["entry"] as? String == "images/rose_3.png")
    let cell = try #require(results.first { $0["ruleId"] as? String == "invalid-number" })
    #expect((cell["properties"] as? [String: Any])?["value"] as? String == ReporterFixture.scriptValue)
  }

  @Test(arguments: [
    ("./catalog.csv", "/work/repo", "catalog.csv"),
    ("samples/a b/ü.csv", "/work/repo", "samples/a%20b/%C3%BC.csv"),
    ("/work/repo/data//./x.csv", "/work/repo", "data/x.csv"),
    ("/work/repo2/x.csv", "/work/repo", "file:///work/repo2/x.csv"),
    ("/elsewhere/my file#1.csv", "/work/repo", "file:///elsewhere/my%20file%231.csv"),
    ("../up/x.csv", "/work/repo", "../up/x.csv"),
    ("c:odd.csv", "/", "c%3Aodd.csv"),
  ])
  func sarifURIs(_ path: String, _ directory: String, _ uri: String) {
    #expect(ReportPaths.uri(path, currentDirectory: directory) == uri)
  }

  @Test func sarifFingerprintsAreStableAcrossRunsAndUnique() throws {
    func fingerprints() throws -> [String] {
      let (report, folder) = try ReporterFixture.run()
      let results = try #require(((try sarif(report, folder)["runs"] as? [[String: Any]])?.first?["results"]) as? [[String: Any]])
      return try results.map { try #require(($0["partialFingerprints"] as? [String: Any])?["wizartPreflight/v1"] as? String) }
    }
    let first = try fingerprints()
    let second = try fingerprints()  // another temp folder, another process-wide Hasher seed does not matter
    #expect(first == second)
    #expect(Set(first).count == first.count)
    #expect(first.allSatisfy { $0.count == 32 && $0.allSatisfy(\.isHexDigit) })
  }

  @Test func sha256MatchesTheStandardVectors() {
    #expect(SHA256.hex("".utf8) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    #expect(SHA256.hex("abc".utf8) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    #expect(
      SHA256.hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)
        == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    #expect(SHA256.base64("abc".utf8) == "ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0=")
  }

  // MARK: - JUnit

  /// What an XML parser makes of the report: per suite its attributes and the cases' outcomes.
  final class JUnitSummary: NSObject, XMLParserDelegate {
    struct Suite { var attributes: [String: String]; var cases = 0; var failures = 0; var skipped = 0 }
    var root: [String: String] = [:]
    var suites: [Suite] = []
    var failureText: [String: String] = [:]
    private var currentCase: String?
    private var inFailure = false

    func parser(
      _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
      attributes: [String: String] = [:]
    ) {
      switch name {
      case "testsuites": root = attributes
      case "testsuite": suites.append(Suite(attributes: attributes))
      case "testcase":
        suites[suites.count - 1].cases += 1
        currentCase = attributes["name"]
      case "failure":
        suites[suites.count - 1].failures += 1
        inFailure = true
      case "skipped": suites[suites.count - 1].skipped += 1
      default: break
      }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
      if inFailure, let currentCase { failureText[currentCase, default: ""] += string }
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
      if name == "failure" { inFailure = false }
    }
  }

  private func parseJUnit(_ text: String) throws -> JUnitSummary {
    let parser = XMLParser(data: Data(text.utf8))
    let summary = JUnitSummary()
    parser.delegate = summary
    let parsed = parser.parse()
    #expect(parsed, "JUnit XML does not parse: \(String(describing: parser.parserError))")
    try #require(parsed)
    return summary
  }

  private func checkCounts(_ summary: JUnitSummary) {
    var totals = (tests: 0, failures: 0, skipped: 0)
    for suite in summary.suites {
      #expect(suite.attributes["tests"] == String(suite.cases))
      #expect(suite.attributes["failures"] == String(suite.failures))
      #expect(suite.attributes["skipped"] == String(suite.skipped))
      #expect(suite.attributes["errors"] == "0")
      totals.tests += suite.cases
      totals.failures += suite.failures
      totals.skipped += suite.skipped
    }
    #expect(summary.root["tests"] == String(totals.tests))
    #expect(summary.root["failures"] == String(totals.failures))
    #expect(summary.root["skipped"] == String(totals.skipped))
  }

  @Test func junitParsesWithControlCharactersInCellsAndCountsAgree() throws {
    let (report, _) = try ReporterFixture.run()
    let text = JUnitReporter.render(report)
    #expect(!text.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" && $0 != "\t" })
    let summary = try parseJUnit(text)
    #expect(summary.suites.map { $0.attributes["name"] } == Stage.allCases.map(\.rawValue))
    #expect(summary.suites.reduce(0) { $0 + $1.cases } == DiagnosticCode.all.count)
    checkCounts(summary)
    // Errors fail; warnings (invalid-number) and notices (junk-entry) do not without --strict.
    let failures = Set(summary.failureText.keys)
    #expect(failures == Set(report.diagnostics.filter { $0.severity == .error }.map(\.code.id)))
    let control = try #require(summary.failureText["control-character"])
    #expect(control.contains("\\x00") && control.contains("\\x1B"))
    #expect(control.contains("row 3"))
  }

  @Test func junitStrictFailsWarningsToo() throws {
    let (report, _) = try ReporterFixture.run()
    let summary = try parseJUnit(JUnitReporter.render(report, strict: true))
    checkCounts(summary)
    #expect(Set(summary.failureText.keys) == Set(report.diagnostics.filter { $0.severity != .notice }.map(\.code.id)))
    #expect(summary.failureText["invalid-number"]?.contains(ReporterFixture.scriptValue) == true)
  }

  @Test func junitListsSkippedStagesAsSkippedCases() throws {
    let (report, _) = try ReporterFixture.run(images: false)
    let summary = try parseJUnit(JUnitReporter.render(report))
    checkCounts(summary)
    let archive = try #require(summary.suites.first { $0.attributes["name"] == "unpacking_archive" })
    #expect(archive.cases > 0 && archive.skipped == archive.cases)
    let csv = try #require(summary.suites.first { $0.attributes["name"] == "validating_csv" })
    #expect(csv.skipped == 0 && csv.failures > 0)
  }

  @Test func junitEscapesEveryForbiddenCodePoint() {
    let nasty = "a\u{0}b\u{1B}c\u{8}<&>\"'\u{FFFE}\u{FFFF}\r\n\t\u{7F}é"
    #expect(JUnitReporter.text(nasty) == "a\\x00b\\x1Bc\\x08&lt;&amp;&gt;&quot;&apos;\\uFFFE\\uFFFF&#13;\n\t\\x7Fé")
    #expect(JUnitReporter.attribute("x\ny\tz") == "x&#10;y&#9;z")
  }

  // MARK: - GitHub

  @Test func githubLinesAreWorkflowCommandsWithEscapedProperties() throws {
    let (report, folder) = try ReporterFixture.run()
    let text = GitHubReporter.render(report, currentDirectory: folder)
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
    #expect(lines.count == report.diagnostics.count + 1, "one line per diagnostic plus the summary")
    #expect(!text.contains("\u{1B}") && !text.contains("\r") && !text.contains("\u{0}"))
    for (line, diagnostic) in zip(lines, report.diagnostics) {
      let command = ["error": "::error ", "warning": "::warning ", "notice": "::notice "][diagnostic.severity.rawValue]!
      #expect(line.hasPrefix(command))
      #expect(line.contains("title=\(diagnostic.code.id)::"))
      #expect(!line.contains("col="))
    }
    let catalog = "file=wall catalog%2C v2%3A final.csv"
    let header = try #require(lines.first { $0.contains("title=unknown-column") })
    #expect(header.hasPrefix("::warning \(catalog),line=1,title=unknown-column::"))
    #expect(header.contains("colour, shade:%0Anew"), "data keeps , and : but escapes the newline")
    let entry = try #require(lines.first { $0.contains("title=image-resolution-low") })
    #expect(entry.hasPrefix("::warning \(catalog),line=5,title=image-resolution-low::in \(folder)/images.zip.bak: images/rose_3.png — "))
    let file = try #require(lines.first { $0.contains("title=archive-extension") })
    #expect(file.hasPrefix("::warning file=images.zip.bak,title=archive-extension::"))
    let junk = try #require(lines.first { $0.contains("title=junk-entry") })
    #expect(junk.hasPrefix("::notice file=images.zip.bak,title=junk-entry::in "))
    #expect(lines.last?.hasPrefix("::notice::wizart-preflight: the server would stop at validating_csv") == true)
    #expect(GitHubReporter.property("a,b:c%d\r\ne") == "a%2Cb%3Ac%25d%0D%0Ae")
    #expect(GitHubReporter.data("a,b:c%d\r\ne") == "a,b:c%25d%0D%0Ae")
  }

  // MARK: - HTML

  @Test func htmlIsSelfContainedAndEscapesCatalogueText() throws {
    let (report, _) = try ReporterFixture.run()
    let html = HTMLReporter.render(report)
    let network = try Regex(#"(?i)(src|href|action|poster|data)\s*=\s*["']?\s*(https?:)?//"#)
    #expect(html.firstMatch(of: network) == nil, "no resource from the network")
    #expect(!html.lowercased().contains("<link") && !html.contains("@import") && !html.contains("url("))
    #expect(html.contains("Content-Security-Policy") && html.contains("default-src 'none'"))
    #expect(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"))
    #expect(!html.contains("<script>alert"))
    #expect(html.components(separatedBy: "<script").count == 2, "exactly one script: ours")
    #expect(html.contains("The server would stop at validating_csv"))
    #expect(html.contains("Rose\\x003\\x1B[31m"), "control characters shown, not passed on")
    #expect(!html.contains("\u{1B}") && !html.contains("\u{0}"))
    for code in Set(report.diagnostics.map(\.code.id)) {
      #expect(html.contains("data-code=\"\(code)\""))
      #expect(html.contains("<option value=\"\(code)\">"))
    }
    #expect(HTMLReporter.escape("<a href=\"x\">'&'</a>") == "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;")
  }

  @Test func htmlScriptAndStyleHashesMatchThePolicy() {
    let html = HTMLReporter.render(try! ReporterFixture.run().report)
    #expect(html.contains("'sha256-\(SHA256.base64(HTMLReporter.script.utf8))'"))
    #expect(html.contains("<script>\(HTMLReporter.script)</script>"))
    #expect(html.contains("'sha256-\(SHA256.base64(HTMLReporter.style.utf8))'"))
    #expect(html.contains("<style>\(HTMLReporter.style)</style>"))
  }

  @Test func everyFormatIsDeterministic() throws {
    let (first, firstFolder) = try ReporterFixture.run()
    let (second, secondFolder) = try ReporterFixture.run()
    // Make both reports name their files alike, as a user in the same folder would.
    func relative(_ report: Report, _ folder: String) -> Report {
      var copy = report
      copy.inputs.catalog = copy.inputs.catalog.replacingOccurrences(of: folder, with: "X")
      copy.inputs.images = copy.inputs.images?.replacingOccurrences(of: folder, with: "X")
      copy.diagnostics = copy.diagnostics.map { diagnostic in
        var finding = diagnostic.finding
        finding.location.file = finding.location.file?.replacingOccurrences(of: folder, with: "X")
        finding.message = finding.message.replacingOccurrences(of: folder, with: "X")
        return Diagnostic(finding)
      }
      return copy
    }
    let a = relative(first, firstFolder)
    let b = relative(second, secondFolder)
    #expect(SARIFReporter.render(a, currentDirectory: "/") == SARIFReporter.render(b, currentDirectory: "/"))
    #expect(JUnitReporter.render(a, strict: true) == JUnitReporter.render(b, strict: true))
    #expect(GitHubReporter.render(a, currentDirectory: "/") == GitHubReporter.render(b, currentDirectory: "/"))
    #expect(HTMLReporter.render(a) == HTMLReporter.render(b))
  }
}
