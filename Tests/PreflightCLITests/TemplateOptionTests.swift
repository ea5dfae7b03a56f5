import Foundation
import Preflight
import Testing

@testable import PreflightCLI

/// `check --template FILE`: Wizart's own template header is the authoritative column list.
@Suite struct TemplateOptionTests {
  static let sample = try! String(contentsOfFile: CLI.sample("wallpaper/catalog.csv"), encoding: .utf8)
  static var sampleHeader: [String] { sample.split(separator: "\n")[0].split(separator: ",").map(String.init) }

  /// The sample catalogue with one more column, `finish`, unknown to our schema.
  static func catalogWithExtraColumn() -> String {
    let lines = sample.split(separator: "\n", omittingEmptySubsequences: false)
    let rows = lines.enumerated().map { index, line -> String in
      guard !line.isEmpty else { return "" }
      return line + (index == 0 ? ",finish" : ",matte")
    }
    return CLI.temporaryFile(rows.joined(separator: "\n"))
  }

  @Test func aColumnOnlyTheOfficialTemplateKnowsIsNoLongerUnknown() {
    let catalog = Self.catalogWithExtraColumn()
    let without = CLI.run(["check", catalog, "--type", "wallpaper", "--format", "json"])
    #expect(without.stdout.contains("\"unknown-column\""))

    let template = CLI.temporaryFile((Self.sampleHeader + ["finish"]).joined(separator: ",") + "\r\n", name: "wallpaper.csv")
    let with = CLI.run(["check", catalog, "--type", "wallpaper", "--template", template, "--format", "json"])
    #expect(with.status == 0, "\(with.stdout)")
    #expect(!with.stdout.contains("\"unknown-column\""))
    #expect(!with.stdout.contains("\"missing-optional-column\""))
  }

  @Test func ourColumnsTheTemplateLacksAreNotExpected() {
    // The official template has no `product_link`: a catalogue without it is complete, one with it has an unknown column.
    let header = Self.sampleHeader.filter { $0 != "product_link" }
    let template = CLI.temporaryFile(header.joined(separator: ",") + "\n", name: "wallpaper.csv")
    let withLink = CLI.run(["check", CLI.sample("wallpaper/catalog.csv"), "--template", template, "--format", "json"])
    #expect(withLink.stdout.contains("\"unknown-column\""))
    #expect(withLink.stdout.contains("\"field\": \"product_link\""))

    // product_link is the tenth column and no earlier cell of the sample holds a comma.
    let trimmed = Self.sample.split(separator: "\n").map { line in
      var cells = line.split(separator: ",", omittingEmptySubsequences: false)
      cells.remove(at: 9)
      return cells.joined(separator: ",")
    }
    let catalog = CLI.temporaryFile(trimmed.joined(separator: "\n") + "\n")
    let plain = CLI.run(["check", catalog, "--type", "wallpaper", "--format", "json"])
    #expect(plain.stdout.contains("\"missing-optional-column\""))
    let official = CLI.run(["check", catalog, "--template", template, "--format", "json"])
    #expect(!official.stdout.contains("\"missing-optional-column\""), "\(official.stdout)")
    #expect(official.status == 0, "\(official.stdout)")
    #expect(official.stdout.contains("\"code\": \"wallpaper\""))
  }

  @Test func aLegacyNameInTheTemplateBecomesTheName() {
    // When Wizart's template still says "Brand name", that is the name the server checks against.
    var header = Self.sampleHeader
    header[0] = "Brand name"
    let template = CLI.temporaryFile("\u{FEFF}" + header.joined(separator: ",") + "\n", name: "wallpaper.csv")
    var lines = Self.sample.split(separator: "\n").map(String.init)
    lines[0] = header.joined(separator: ",")
    let catalog = CLI.temporaryFile(lines.joined(separator: "\n") + "\n")
    let plain = CLI.run(["check", catalog, "--type", "wallpaper", "--format", "json"])
    #expect(plain.stdout.contains("\"legacy-column-name\""))
    let official = CLI.run(["check", catalog, "--type", "wallpaper", "--template", template, "--format", "json"])
    #expect(official.status == 0, "\(official.stdout)")
    #expect(!official.stdout.contains("\"legacy-column-name\""))
    // The renamed field keeps its rule: an empty brand is still a missing required value.
    lines[1] = "," + lines[1].split(separator: ",", omittingEmptySubsequences: false).dropFirst().joined(separator: ",")
    let emptyBrand = CLI.temporaryFile(lines.joined(separator: "\n") + "\n")
    let checked = CLI.run(["check", emptyBrand, "--type", "wallpaper", "--template", template, "--format", "json"])
    #expect(checked.stdout.contains("\"missing-required-value\""))
  }

  @Test func unusableTemplatesAreToolFailures() {
    let catalog = CLI.sample("wallpaper/catalog.csv")
    let missing = CLI.run(["check", catalog, "--template", "/nonexistent/template.csv"])
    #expect(missing.status == 2)
    #expect(missing.stderr.contains("cannot use the template"))
    let semicolons = CLI.temporaryFile("brand_name;collection_name;product_name\n", name: "t.csv")
    let wrong = CLI.run(["check", catalog, "--template", semicolons])
    #expect(wrong.status == 2)
    #expect(wrong.stderr.contains("not comma-separated"))
    let empty = CLI.temporaryFile("", name: "t.csv")
    #expect(CLI.run(["check", catalog, "--template", empty]).stderr.contains("no header line"))
    let utf16 = CLI.temporaryFile("", name: "t.csv")
    try! Data([0xFF, 0xFE, 0x61, 0x00]).write(to: URL(fileURLWithPath: utf16))
    #expect(CLI.run(["check", catalog, "--template", utf16]).stderr.contains("not a UTF-8 CSV template"))
    // Saved by Excel as "CSV (comma delimited)": Windows-1252, which the first bytes do not show.
    let legacy = CLI.temporaryFile("", name: "t.csv")
    try! Data(Array("brand_name,collection_name,fa".utf8) + [0xE7, 0x61, 0x64, 0x65, 0x0A]).write(to: URL(fileURLWithPath: legacy))
    let legacyResult = CLI.run(["check", catalog, "--template", legacy])
    #expect(legacyResult.status == 2)
    #expect(legacyResult.stderr.contains("is not UTF-8 (byte 0xE7 on line 1)"), "\(legacyResult.stderr)")
    let unrelated = CLI.temporaryFile("alpha,beta\n", name: "t.csv")
    let ambiguous = CLI.run(["check", catalog, "--template", unrelated])
    #expect(ambiguous.status == 64)
    #expect(ambiguous.stderr.contains("pass --type"))
  }

  @Test func aConfiguredTemplateAppliesAndItsChangeRechecksTheCatalogue() throws {
    let repository = try CatalogRepository(
      config: #"{"catalogs": [{"csv": "wallpaper/*.csv", "type": "wallpaper", "template": "templates/wallpaper.csv"}]}"#)
    let templates = repository.root.appendingPathComponent("templates")
    try FileManager.default.createDirectory(at: templates, withIntermediateDirectories: true)
    try Data(((Self.sampleHeader + ["finish"]).joined(separator: ",") + "\n").utf8)
      .write(to: templates.appendingPathComponent("wallpaper.csv"))
    let out = StringSink()
    let status = CommandLineTool.run(
      ["check", "--format", "json"], console: Console(stdout: out, stderr: StringSink(), currentDirectory: repository.root))
    #expect(status == 0)
    // The template lists `finish`, the catalogue lacks it: the official template is what counts.
    #expect(out.text.contains("\"missing-optional-column\""))
    #expect(out.text.contains("finish"))
    let config = try #require(try ProjectConfig.find(from: repository.root))
    #expect(ConfiguredCatalog.affected(by: ["templates/wallpaper.csv"], in: config).map(\.path) == ["wallpaper/catalog.csv"])
  }
}
