import Foundation
import Preflight
import Testing
@testable import PreflightCLI

/// A wallpaper export as European Excel writes it: semicolons, decimal commas, TRUE/FALSE,
/// padded cells, Windows-1252 (`Grün` is written with byte 0xFC).
private func europeanExport() -> [UInt8] {
  let csv = try! String(contentsOf: URL(fileURLWithPath: CLI.sample("wallpaper/catalog.csv")), encoding: .utf8)
  var lines = csv.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
  for index in lines.indices where !lines[index].isEmpty {
    // Split the comma CSV (lists are quoted) and write it back with semicolons.
    var cells: [String] = []
    var current = ""
    var quoted = false
    for character in lines[index] {
      if character == "\"" {
        quoted.toggle()
      } else if character == "," && !quoted {
        cells.append(current)
        current = ""
      } else {
        current.append(character)
      }
    }
    cells.append(current)
    if index > 0 {
      cells = cells.map { $0.range(of: #"^\d+\.\d+$"#, options: .regularExpression) != nil ? $0.replacingOccurrences(of: ".", with: ",") : $0 }
      cells = cells.map { $0 == "no" ? "FALSE" : $0 == "yes" ? "TRUE" : $0 }
      cells[0] = " " + cells[0] + " "
    }
    lines[index] = cells.joined(separator: ";")
  }
  var bytes: [UInt8] = []
  for scalar in lines.joined(separator: "\r\n").unicodeScalars {
    precondition(scalar.value < 0x100, "not Latin-1: \(scalar)")
    bytes.append(UInt8(scalar.value))
  }
  return bytes
}

private func folder() -> URL {
  let url = FileManager.default.temporaryDirectory.appendingPathComponent("preflight-fix-\(UUID().uuidString)")
  try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  return url
}

private func write(_ bytes: [UInt8], name: String = "export.csv") -> (input: String, folder: URL) {
  let dir = folder()
  let url = dir.appendingPathComponent(name)
  try! Data(bytes).write(to: url)
  return (url.path, dir)
}

@Suite struct FixCommandTests {
  @Test func fixedExportPassesCheck() throws {
    let (input, dir) = write(europeanExport())
    let output = dir.appendingPathComponent("fixed.csv").path
    let before = CLI.run(["check", input, "--type", "wallpaper"])
    #expect(before.status == 1)

    let fix = CLI.run(["fix", input, "-o", output])
    #expect(fix.status == 0, "\(fix.stdout)\(fix.stderr)")
    #expect(fix.stdout.contains("encoding: Windows-1252"))
    #expect(fix.stdout.contains("delimiter changed to a comma: ; → ,"))
    #expect(fix.stdout.contains("decimal comma → dot in number fields"))
    #expect(fix.stdout.contains("yes/no fields written yes or no"))
    #expect(fix.stdout.contains("wrote \(output) (6 rows, 31 columns)"))

    let after = CLI.run(["check", output])
    #expect(after.status == 0, "\(after.stdout)")
    #expect(after.stdout.contains("success"))
    // The fixed file is the shipped sample, byte for byte, but for the CRLF line breaks of the export.
    let sample = try String(contentsOf: URL(fileURLWithPath: CLI.sample("wallpaper/catalog.csv")), encoding: .utf8)
    let fixed = try String(contentsOf: URL(fileURLWithPath: output), encoding: .utf8)
    #expect(fixed == sample.replacingOccurrences(of: "\n", with: "\r\n"))
  }

  @Test func refusalNamesTheCellAndWritesNothing() throws {
    let text = "brand_name;unique_sku_id;product_width\r\nWizart;a;1,060\r\nWizart;b;1,5\r\n"
    let (input, dir) = write(Array(text.utf8))
    let output = dir.appendingPathComponent("fixed.csv").path
    let result = CLI.run(["fix", input, "-o", output, "--type", "wallpaper"])
    #expect(result.status == 1)
    #expect(result.stdout.contains("refused"))
    #expect(result.stdout.contains("line 2, row 1, product_width: \"1,060\""))
    #expect(result.stdout.contains("--decimal comma"))
    #expect(!FileManager.default.fileExists(atPath: output))
    #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["export.csv"])

    let decided = CLI.run(["fix", input, "-o", output, "--type", "wallpaper", "--decimal", "comma"])
    #expect(decided.status == 0)
    #expect(try String(contentsOfFile: output, encoding: .utf8) == "brand_name,unique_sku_id,product_width\r\nWizart,a,1.060\r\nWizart,b,1.5\r\n")
  }

  @Test func outputIsNeverAnInput() throws {
    let bytes = europeanExport()
    let (input, dir) = write(bytes)
    let same = CLI.run(["fix", input, "-o", input])
    #expect(same.status == 2)
    #expect(same.stderr.contains("it is the input"))
    #expect(try Data(contentsOf: URL(fileURLWithPath: input)) == Data(bytes))

    let schema = dir.appendingPathComponent("wallpaper.json").path
    try SchemaCatalog.json("wallpaper")!.write(toFile: schema, atomically: true, encoding: .utf8)
    let overSchema = CLI.run(["fix", input, "--schema", schema, "-o", schema])
    #expect(overSchema.status == 2)
    #expect(try String(contentsOfFile: schema, encoding: .utf8) == SchemaCatalog.json("wallpaper"))

    let toFolder = CLI.run(["fix", input, "-o", dir.path])
    #expect(toFolder.status == 2)
    #expect(toFolder.stderr.contains("it is a folder"))
  }

  @Test func unchangedCatalogueSaysSo() throws {
    let (_, dir) = write([])
    let output = dir.appendingPathComponent("copy.csv").path
    let result = CLI.run(["fix", CLI.sample("wallpaper/catalog.csv"), "-o", output])
    #expect(result.status == 0)
    #expect(result.stdout.contains("nothing needed changing"))
    #expect(FileManager.default.contents(atPath: output) == FileManager.default.contents(atPath: CLI.sample("wallpaper/catalog.csv")))
  }

  @Test func dryRunAndJSON() throws {
    let (input, dir) = write(europeanExport())
    let result = CLI.run(["fix", input, "--dry-run", "--format", "json"])
    #expect(result.status == 0)
    #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["export.csv"])
    let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    #expect(json["outcome"] as? String == "dry-run")
    #expect((json["encoding"] as? [String: Any])?["input"] as? String == "windows-1252")
    let kinds = (json["changes"] as? [[String: Any]])?.compactMap { $0["kind"] as? String } ?? []
    #expect(kinds == ["encoding", "delimiter", "whitespace", "decimal-comma", "boolean-spelling", "quoting"])
    let decimal = (json["changes"] as? [[String: Any]])?.first { $0["kind"] as? String == "decimal-comma" }
    #expect((decimal?["examples"] as? [[String: Any]])?.first?["after"] as? String == "0.53")
  }

  @Test func workbookBecomesACatalogueThatPassesCheck() throws {
    let path = ExcelCatalogTests.write(ExcelCatalogTests.sampleWorkbook())
    let output = URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent("fixed.csv").path
    let result = CLI.run(["fix", path, "-o", output, "--sheet", "Products"])
    #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
    #expect(result.stdout.contains("sheet: Products"))
    #expect(result.stdout.contains("Excel workbook converted to CSV UTF-8: sheet \"Products\""))
    let check = CLI.run(["check", output, "--images", CLI.sample("wallpaper/images.zip")])
    #expect(check.status == 0, "\(check.stdout)")
    #expect(check.stdout.contains("0 errors, 0 warnings, 0 notices"))
    // Excel keeps numbers, not their spelling: 49.90 comes back as 49.9, the same price.
    let fixed = try String(contentsOfFile: output, encoding: .utf8)
    #expect(fixed.hasPrefix(ExcelCatalogTests.sampleRows[0].joined(separator: ",") + "\r\n"))
    #expect(fixed.contains("Wizart,Botanica,Rose Garden,wp_001,botanica_rose,0.53,0.53,0.64,0.32,"))
    #expect(fixed.contains(",49.9,"))

    let wrongSheet = CLI.run(["fix", path, "-o", output, "--sheet", "Prices"])
    #expect(wrongSheet.status == 2)
    #expect(wrongSheet.stderr.contains("\"Products\""))
  }

  @Test func unreadableInputs() throws {
    let (_, dir) = write([])
    let missing = CLI.run(["fix", dir.appendingPathComponent("nope.csv").path, "-o", dir.appendingPathComponent("out.csv").path])
    #expect(missing.status == 2)
    #expect(missing.stderr.contains("cannot read"))
    let pdf = write(Array("%PDF-1.4 ...".utf8), name: "catalog.csv")
    let notCSV = CLI.run(["fix", pdf.input, "-o", pdf.folder.appendingPathComponent("out.csv").path])
    #expect(notCSV.status == 2)
    #expect(notCSV.stderr.contains("a PDF document"))
  }

  @Test(arguments: [
    (["fix"], "needs the catalogue"),
    (["fix", "a.csv"], "needs the output file"),
    (["fix", "a.csv", "b.csv"], "-o b.csv"),
    (["fix", "a.csv", "-o", "b.csv", "--encoding", "latin9"], "unknown encoding"),
    (["fix", "a.csv", "-o", "b.csv", "--encoding", "utf16le"], "no such file"),
    (["fix", "a.csv", "-o", "b.csv", "--delimiter", ":"], "unknown delimiter"),
    (["fix", "a.csv", "-o", "b.csv", "--decimal", "auto"], "comma or dot"),
    (["fix", "a.csv", "-o", "b.csv", "--sheet", "Data"], "--sheet"),
    (["fix", "a.csv", "-o", "b.csv", "--format", "sarif"], "text or json"),
    (["fix", "a.csv", "-o", "b.csv", "--type", "wallpapr"], "did you mean 'wallpaper'?"),
    (["fix", "a.xlsx", "-o", "b.csv", "--delimiter", ";"], "workbook"),
  ])
  func usageErrors(_ arguments: [String], _ message: String) {
    let result = CLI.run(arguments)
    if message == "no such file" {
      // A valid alias reaches the engine, which cannot read the missing file.
      #expect(result.status == 2)
      #expect(result.stderr.lowercased().contains(message))
      return
    }
    #expect(result.status == 64)
    #expect(result.stderr.contains(message), "\(result.stderr)")
    #expect(result.stderr.contains("usage: wizart-preflight fix"))
  }

  @Test func helpListsTheCommandAndItsExitCodes() {
    let main = CLI.run(["--help"])
    #expect(main.stdout.contains("fix       rewrite an Excel export"))
    let help = CLI.run(["fix", "--help"])
    #expect(help.status == 0)
    #expect(help.stdout.contains("--decimal comma|dot") && help.stdout.contains("1   refused"))
    // Hidden sheets (lists behind drop-downs) are passed over, in every command.
    for command in ["check", "fix", "pack"] {
      #expect(CLI.run([command, "--help"]).stdout.contains("(default: the first visible one)"), "\(command)")
    }
  }
}

@Suite struct FixCommandInputTests {
  @Test func aDeviceIsNotReadTwice() {
    let (_, dir) = write([])
    let result = CLI.run(["fix", "/dev/null", "-o", dir.appendingPathComponent("out.csv").path])
    #expect(result.status == 2)
    #expect(result.stderr.contains("not a regular file"))
  }
}

/// The shipped broken samples whose only damage is the export's form come out passing `check`.
@Suite struct FixBrokenSampleTests {
  @Test(arguments: ["semicolons", "windows-1252", "utf16"])
  func exportDamageIsRepaired(_ name: String) throws {
    let (_, dir) = write([])
    let output = dir.appendingPathComponent("\(name).csv").path
    let fix = CLI.run(["fix", CLI.sample("broken/\(name).csv"), "-o", output])
    #expect(fix.status == 0, "\(fix.stdout)\(fix.stderr)")
    let check = CLI.run(["check", output, "--type", "wallpaper", "--images", CLI.sample("wallpaper/images.zip")])
    #expect(check.status == 0, "\(check.stdout)")
    #expect(check.stdout.contains("0 errors, 0 warnings"))
  }

  @Test func valuesFixCannotReadAreLeftAndListed() throws {
    let (_, dir) = write([])
    let output = dir.appendingPathComponent("decimal-commas.csv").path
    let fix = CLI.run(["fix", CLI.sample("broken/decimal-commas.csv"), "-o", output, "--type", "wallpaper"])
    #expect(fix.status == 0)
    #expect(fix.stdout.contains("decimal comma → dot in number fields: 2 cells"))
    #expect(fix.stdout.contains("left for you"))
    #expect(fix.stdout.contains("repeat_width: \"53 cm\""))
    let check = CLI.run(["check", output, "--type", "wallpaper"])
    // Only the unit and the currency remain: the two rows the server would skip.
    #expect(check.stdout.contains("2 rows of 6 would be skipped"))
  }
}
