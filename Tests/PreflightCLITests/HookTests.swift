import Foundation
import Preflight
import Testing
@testable import PreflightCLI

@Suite struct GlobTests {
  @Test(arguments: [
    ("wallpaper/*.csv", "wallpaper/catalog.csv", true), ("wallpaper/*.csv", "wallpaper/sub/catalog.csv", false),
    ("**/*.csv", "a/b/c.csv", true), ("**/*.csv", "c.csv", true), ("catalogs/**/spring-?.csv", "catalogs/2024/x/spring-1.csv", true),
    ("*.csv", "catalog.xlsx", false), ("[ab].csv", "b.csv", true), ("[ab].csv", "c.csv", false), ("./x/*.csv", "x/y.csv", true),
  ])
  func patternsMatchPathsByFolder(_ pattern: String, _ path: String, _ expected: Bool) {
    #expect(Glob(pattern).matches(path) == expected)
  }

  @Test func theLiteralPrefixIsWhereTheSearchStarts() {
    #expect(Glob("wallpaper/2024/*.csv").literalPrefix == "wallpaper/2024")
    #expect(Glob("**/*.csv").literalPrefix == "")
  }
}

/// A throwaway catalogue repository with a configuration, a catalogue and an images folder.
struct CatalogRepository {
  let root: URL

  init(config: String = #"{"catalogs": [{"csv": "wallpaper/*.csv", "type": "wallpaper", "images": "wallpaper/images"}]}"#) throws {
    root = FileManager.default.temporaryDirectory.appendingPathComponent("catalog-repo-\(UUID().uuidString)")
    let wallpaper = root.appendingPathComponent("wallpaper")
    try FileManager.default.createDirectory(at: wallpaper, withIntermediateDirectories: true)
    try FileManager.default.copyItem(atPath: CLI.sample("wallpaper/catalog.csv"), toPath: wallpaper.appendingPathComponent("catalog.csv").path)
    try Self.git(["init", "-q"], in: root)
    try Self.shell("cd '\(wallpaper.path)' && unzip -qo '\(CLI.sample("wallpaper/images.zip"))'")
    try Data(config.utf8).write(to: root.appendingPathComponent(".wizart-preflight.json"))
    try Self.git(["add", "-A"], in: root)
    try Self.git(["-c", "user.email=t@t", "-c", "user.name=t", "commit", "-qm", "catalogue"], in: root)
  }

  func hook(_ arguments: [String]) -> CLIResult {
    let out = StringSink()
    let err = StringSink()
    let status = CommandLineTool.run(["hook"] + arguments, console: Console(stdout: out, stderr: err, currentDirectory: root))
    return CLIResult(status: status, stdout: out.text, stderr: err.text)
  }

  func git(_ arguments: [String]) throws { try Self.git(arguments, in: root) }

  static func git(_ arguments: [String], in folder: URL) throws {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["git"] + arguments
    process.currentDirectoryURL = folder
    try process.run()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else { throw CocoaError(.executableLoad) }
  }

  static func shell(_ command: String) throws {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/sh")
    process.arguments = ["-c", command]
    try process.run()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else { throw CocoaError(.executableLoad) }
  }
}

@Suite struct ConfigTests {
  @Test(arguments: [
    (#"{"catalog": []}"#, "\"catalog\" is not a known key"),
    (#"{"catalogs": {}}"#, "\"catalogs\" must be a list"),
    (#"{"catalogs": [{"type": "wallpaper"}]}"#, "\"catalogs[0].csv\" is missing"),
    (#"{"catalogs": [{"csv": "*.csv", "imgaes": "x"}]}"#, "did you mean \"images\"?"),
    (#"{"catalogs": [{"csv": "*.csv", "type": "wallpapr"}]}"#, "did you mean \"wallpaper\"?"),
    (#"{"catalogs": [{"csv": "*.csv", "ignore": ["column-ordr"]}]}"#, "did you mean \"column-order\"?"),
    (#"{"catalogs": [{"csv": "*.csv", "strict": 1}]}"#, "\"catalogs[0].strict\" must be true or false"),
    ("{", "is not valid JSON"),
  ])
  func invalidConfigurationsNameTheKey(_ text: String, _ expected: String) throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("config-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    try Data(text.utf8).write(to: folder.appendingPathComponent(".wizart-preflight.json"))
    do {
      _ = try ProjectConfig.find(from: folder.appendingPathComponent("sub"))
      Issue.record("accepted: \(text)")
    } catch {
      #expect(error.description.contains(expected), "\(error.description)")
    }
    let result = CommandLineTool.run(["hook", "x.csv"], console: Console(stdout: StringSink(), stderr: StringSink(), currentDirectory: folder))
    #expect(result == 2)
  }

  @Test func filesMapToTheCataloguesTheyBelongTo() throws {
    let repository = try CatalogRepository()
    let config = try #require(try ProjectConfig.find(from: repository.root))
    #expect(ConfiguredCatalog.affected(by: ["wallpaper/catalog.csv"], in: config).map(\.path) == ["wallpaper/catalog.csv"])
    #expect(ConfiguredCatalog.affected(by: ["wallpaper/images/botanica_ivy.png"], in: config).map(\.path) == ["wallpaper/catalog.csv"])
    #expect(ConfiguredCatalog.affected(by: [".wizart-preflight.json"], in: config).map(\.path) == ["wallpaper/catalog.csv"])
    #expect(ConfiguredCatalog.affected(by: ["README.md", "wallpaper/notes.txt"], in: config).isEmpty)
  }
}

@Suite struct HookTests {
  @Test func aCleanCatalogueGivesOneSummaryLine() throws {
    let result = try CatalogRepository().hook(["wallpaper/catalog.csv"])
    #expect(result.status == 0)
    #expect(result.stdout == "wallpaper/catalog.csv (wallpaper): success — 0 errors, 0 warnings\n")
  }

  @Test func aStagedDeletionIsFoundWithoutFileNames() throws {
    let repository = try CatalogRepository()
    try repository.git(["rm", "-q", "wallpaper/images/botanica_rose.png"])
    let result = repository.hook([])
    #expect(result.status == 1)
    #expect(result.stdout.contains("[image-missing]"))
    #expect(result.stdout.hasSuffix("wallpaper/catalog.csv (wallpaper): failure at checking_images — 1 error, 0 warnings\n"))
  }

  @Test func aDamagedImageFailsAndUnrelatedFilesAreIgnored() throws {
    let repository = try CatalogRepository()
    let image = repository.root.appendingPathComponent("wallpaper/images/botanica_ivy.png")
    let bytes = try Data(contentsOf: image)
    try bytes.prefix(60).write(to: image)
    let result = repository.hook(["wallpaper/images/botanica_ivy.png"])
    #expect(result.status == 1)
    #expect(result.stdout.contains("[image-unreadable]"))
    #expect(repository.hook(["README.md"]).stdout.isEmpty)
  }

  @Test func strictCataloguesFailOnWarnings() throws {
    let repository = try CatalogRepository(
      config: #"{"catalogs": [{"csv": "wallpaper/*.csv", "type": "wallpaper", "images": "wallpaper/images", "strict": true}]}"#)
    let catalog = repository.root.appendingPathComponent("wallpaper/catalog.csv")
    let text = try String(contentsOf: catalog, encoding: .utf8).replacingOccurrences(of: "10.05", with: "\"10,05\"")
    try Data(text.utf8).write(to: catalog)
    let result = repository.hook(["wallpaper/catalog.csv"])
    #expect(result.status == 1)
    #expect(result.stdout.contains("[invalid-number]"))
  }

  @Test func installWritesOurHookAndNeverReplacesAnother() throws {
    let repository = try CatalogRepository()
    #expect(repository.hook(["--install"]).status == 0)
    let hook = repository.root.appendingPathComponent(".git/hooks/pre-commit")
    let text = try String(contentsOf: hook, encoding: .utf8)
    #expect(text.contains(HookCommand.marker) && text.contains("hook --staged"))
    #expect(repository.hook(["--install"]).status == 0, "our own hook may be rewritten")
    try Data("#!/bin/sh\necho theirs\n".utf8).write(to: hook)
    let refused = repository.hook(["--install"])
    #expect(refused.status == 2 && refused.stderr.contains("not replacing it"))
    #expect(try String(contentsOf: hook, encoding: .utf8).contains("theirs"))
  }

  @Test func withoutAConfigurationThereIsNothingToCheck() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("no-config-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let err = StringSink()
    let status = CommandLineTool.run(["hook", "a.csv"], console: Console(stdout: StringSink(), stderr: err, currentDirectory: folder))
    #expect(status == 0 && err.text.contains("nothing to check"))
  }
}

@Suite struct ConfiguredCheckTests {
  private func check(_ arguments: [String], in root: URL) -> CLIResult {
    let out = StringSink()
    let err = StringSink()
    let status = CommandLineTool.run(["check"] + arguments, console: Console(stdout: out, stderr: err, currentDirectory: root))
    return CLIResult(status: status, stdout: out.text, stderr: err.text)
  }

  @Test func withoutACatalogueEveryConfiguredCatalogueIsChecked() throws {
    let repository = try CatalogRepository()
    let second = repository.root.appendingPathComponent("wallpaper/spring.csv")
    try FileManager.default.copyItem(at: repository.root.appendingPathComponent("wallpaper/catalog.csv"), to: second)
    let text = check([], in: repository.root)
    #expect(text.status == 0)
    #expect(text.stdout.contains("── wallpaper/catalog.csv ──") && text.stdout.contains("── wallpaper/spring.csv ──"))
    let json = check(["--format", "json"], in: repository.root)
    let reports = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
    #expect(reports.compactMap { ($0["inputs"] as? [String: Any])?["catalog"] as? String } == ["wallpaper/catalog.csv", "wallpaper/spring.csv"])
    #expect(check(["--format", "sarif"], in: repository.root).status == 64)
    #expect(check(["--type", "rug"], in: repository.root).status == 64)
  }

  @Test func oneConfiguredCatalogueWorksInEveryFormat() throws {
    let repository = try CatalogRepository()
    for format in CheckCommand.formats {
      #expect(check(["--format", format], in: repository.root).status == 0, "\(format)")
    }
  }

  @Test func withoutACatalogueOrAConfigurationItIsAUsageError() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("empty-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let result = check([], in: folder)
    #expect(result.status == 64 && result.stderr.contains(".wizart-preflight.json"))
  }
}

/// Cases from the review of the hook and the configuration.
@Suite struct HookReviewTests {
  @Test func anImageMovedOutOfItsFolderIsMissing() throws {
    let repository = try CatalogRepository()
    try FileManager.default.createDirectory(at: repository.root.appendingPathComponent("archive"), withIntermediateDirectories: true)
    try repository.git(["mv", "wallpaper/images/botanica_rose.png", "archive/botanica_rose.png"])
    let result = repository.hook(["archive/botanica_rose.png"])
    #expect(result.status == 1 && result.stdout.contains("[image-missing]"), "\(result.stdout)")
  }

  @Test func aDeletedCatalogueIsNothingToCheck() throws {
    let repository = try CatalogRepository()
    try repository.git(["rm", "-q", "wallpaper/catalog.csv"])
    let result = repository.hook([])
    #expect(result.status == 0 && result.stdout.isEmpty, "\(result.stdout)")
  }

  @Test func pathsWrittenWithDotSlashWork() throws {
    let repository = try CatalogRepository(
      config: #"{"catalogs": [{"csv": "./wallpaper/*.csv", "type": "wallpaper", "images": "./wallpaper/images/"}]}"#)
    try repository.git(["rm", "-q", "wallpaper/images/botanica_rose.png"])
    #expect(repository.hook([]).status == 1)
  }

  @Test(arguments: [#""images": "/etc""#, #""images": "../outside""#, #""csv": "../x/*.csv""#])
  func pathsOutsideTheRepositoryAreRefused(_ entry: String) throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("config-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let config = entry.contains("csv") ? "{\"catalogs\": [{\(entry)}]}" : "{\"catalogs\": [{\"csv\": \"*.csv\", \(entry)}]}"
    try Data(config.utf8).write(to: folder.appendingPathComponent(".wizart-preflight.json"))
    #expect(throws: ConfigError.self) { _ = try ProjectConfig.find(from: folder) }
  }

  @Test func aForeignHookIsKeptEvenWhenItIsNotText() throws {
    let repository = try CatalogRepository()
    let hook = repository.root.appendingPathComponent(".git/hooks/pre-commit")
    try FileManager.default.createDirectory(at: hook.deletingLastPathComponent(), withIntermediateDirectories: true)
    try Data([0x7F, 0x45, 0x4C, 0x46, 0xFF, 0xFE]).write(to: hook)
    #expect(repository.hook(["--install"]).status == 2)
    #expect(try Data(contentsOf: hook) == Data([0x7F, 0x45, 0x4C, 0x46, 0xFF, 0xFE]))
  }

  @Test func theNoCatalogueModeChecksItsOptionsLikeTheOther() throws {
    let repository = try CatalogRepository()
    let console = Console(stdout: StringSink(), stderr: StringSink(), currentDirectory: repository.root)
    #expect(CommandLineTool.run(["check", "--max-diagnostics=-5"], console: console) == 64)
    #expect(CommandLineTool.run(["check", "-j", "0"], console: console) == 64)
  }
}
