import Foundation
import PreflightTestSupport
import Testing

@testable import PreflightCLI

/// `check CATALOG.xlsx`: the same checks as for a CSV, with the sheet and cell Excel shows.
@Suite struct ExcelCatalogTests {
  /// The wallpaper sample's rows, split as RFC 4180 says (the sample quotes cells with commas).
  static let sampleRows: [[String]] = {
    let text = try! String(contentsOfFile: CLI.sample("wallpaper/catalog.csv"), encoding: .utf8)
    var rows: [[String]] = []
    var row: [String] = []
    var cell = ""
    var quoted = false
    var scalars = Array(text.unicodeScalars)[...]
    while let scalar = scalars.popFirst() {
      if quoted {
        if scalar == "\"" {
          if scalars.first == "\"" {
            cell.unicodeScalars.append(scalars.removeFirst())
          } else {
            quoted = false
          }
        } else {
          cell.unicodeScalars.append(scalar)
        }
      } else if scalar == "\"" {
        quoted = true
      } else if scalar == "," {
        row.append(cell)
        cell = ""
      } else if scalar == "\n" {
        row.append(cell)
        rows.append(row)
        row = []
        cell = ""
      } else if scalar != "\r" {
        cell.unicodeScalars.append(scalar)
      }
    }
    return rows
  }()

  static let numberColumns: Set<String> = [
    "product_width", "repeat_width", "pattern_repeat", "pattern_offset", "wallpaper_roll_length", "product_regular_price",
    "product_promotional_price", "price_per_m2",
  ]

  /// The sample as Excel would save it: numbers in number columns as numbers, the rest as shared strings.
  static func sampleWorkbook(edit: (inout [[WorkbookFixture.Cell]?]) -> Void = { _ in }) -> WorkbookFixture {
    let header = sampleRows[0]
    var rows: [[WorkbookFixture.Cell]?] = sampleRows.enumerated().map { index, row in
      row.enumerated().map { column, value -> WorkbookFixture.Cell in
        if value.isEmpty { return .none }
        if index > 0 && numberColumns.contains(header[column]) && Double(value) != nil { return .number(value) }
        return .text(value)
      }
    }
    edit(&rows)
    return WorkbookFixture([.init("Products", rows: rows)])
  }

  static func write(_ workbook: WorkbookFixture, name: String = "catalog.xlsx") -> String {
    let path = CLI.temporaryFile("", name: name)
    try! Data(workbook.bytes()).write(to: URL(fileURLWithPath: path))
    return path
  }

  static func column(_ name: String) -> Int { sampleRows[0].firstIndex(of: name)! }

  @Test func theSampleMadeInExcelPassesLikeItsCSV() {
    let path = Self.write(Self.sampleWorkbook())
    let result = CLI.run(["check", path, "--images", CLI.sample("wallpaper/images.zip")])
    #expect(result.status == 0, "\(result.stdout)")
    #expect(result.stdout.contains("0 errors, 0 warnings, 0 notices"))
    #expect(result.stdout.contains("all 6 rows would be imported"))
    #expect(result.stdout.contains("type inferred from the header: wallpaper"))
  }

  @Test func findingsNameTheSheetAndTheCellInEveryFormat() throws {
    let width = Self.column("product_width")
    let path = Self.write(Self.sampleWorkbook { rows in rows[2]![width] = .text("1,06") })
    let letter = WorkbookFixture.columnName(width)
    let json = CLI.run(["check", path, "--type", "wallpaper", "--format", "json"])
    #expect(json.status == 0)
    let report = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as! [String: Any]
    let diagnostics = report["diagnostics"] as! [[String: Any]]
    let number = try #require(diagnostics.first { $0["code"] as? String == "invalid-number" })
    #expect(number["sheet"] as? String == "Products")
    #expect(number["cell"] as? String == "\(letter)3")
    #expect(number["line"] as? Int == 3)
    #expect(number["row"] as? Int == 2)
    #expect(number["column"] as? Int == width + 1)

    let text = CLI.run(["check", path, "--type", "wallpaper"])
    #expect(text.stdout.contains("\(path)[Products!\(letter)3]:3:\(width + 1): warning:"), "\(text.stdout)")
    for format in ["sarif", "junit", "github", "html"] {
      let rendered = CLI.run(["check", path, "--type", "wallpaper", "--format", format])
      #expect(rendered.stdout.contains("\(letter)3"), "\(format)")
      #expect(rendered.stdout.contains("Products"), "\(format)")
    }
  }

  @Test func imageFindingsOfARowNameItsCell() throws {
    let image = Self.column("product_image")
    let path = Self.write(Self.sampleWorkbook { rows in rows[2]![image] = .text("botanica_ivyy") })
    let json = CLI.run(["check", path, "--images", CLI.sample("wallpaper/images.zip"), "--format", "json"])
    #expect(json.status == 1)
    let report = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as! [String: Any]
    let diagnostics = report["diagnostics"] as! [[String: Any]]
    let missing = try #require(diagnostics.first { $0["code"] as? String == "image-missing" })
    #expect(missing["sheet"] as? String == "Products")
    #expect(missing["cell"] as? String == "\(WorkbookFixture.columnName(image))3")
    let text = CLI.run(["check", path, "--images", CLI.sample("wallpaper/images.zip")])
    #expect(text.stdout.contains("\(path)[Products!\(WorkbookFixture.columnName(image))3]:3:\(image + 1): error:"), "\(text.stdout)")
  }

  @Test func excelValuesBecomeWhatTheServerWouldRead() throws {
    let width = Self.column("product_width")
    let reverse = Self.column("reverse")
    let path = Self.write(
      Self.sampleWorkbook { rows in
        rows[1]![width] = .date(45_297)
        rows[2]![reverse] = .boolean(true)
        rows[3]![width] = .number("1.0600000000000001")
      })
    let json = CLI.run(["check", path, "--type", "wallpaper", "--format", "json"])
    let report = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as! [String: Any]
    let diagnostics = report["diagnostics"] as! [[String: Any]]
    let codes = diagnostics.map { "\($0["code"]!)@\($0["cell"] ?? "-")" }
    let widthLetter = WorkbookFixture.columnName(width)
    // A date-formatted width: not a number, and Excel's doing.
    #expect(codes.contains("invalid-number@\(widthLetter)2"))
    #expect(codes.contains("excel-mangled-value@\(widthLetter)2"))
    #expect(diagnostics.contains { $0["code"] as? String == "invalid-number" && $0["value"] as? String == "2024-01-06" })
    // TRUE is how Excel writes a boolean: the server wants yes/no.
    #expect(codes.contains("boolean-spelling@\(WorkbookFixture.columnName(reverse))3"))
    // Binary noise of a typed 1.06 is read as 1.06: no finding in row 3's width.
    #expect(!codes.contains { $0.hasSuffix("@\(widthLetter)4") })
  }

  @Test func rowsExcelDoesNotStoreAreBlankRows() throws {
    let path = Self.write(Self.sampleWorkbook { rows in rows.insert(nil, at: 3) })
    let json = CLI.run(["check", path, "--type", "wallpaper", "--format", "json"])
    let report = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as! [String: Any]
    let blank = (report["diagnostics"] as! [[String: Any]]).filter { $0["code"] as? String == "blank-row" }
    #expect(blank.count == 1)
    #expect(blank.first?["line"] as? Int == 4)
    #expect(blank.first?["sheet"] as? String == "Products")
  }

  /// A few kilobytes of sheet can claim Excel's 16,384 columns (a value in XFD1) and a hundred
  /// thousand rows (a value in the last): each record must cost its values, not the header's width.
  @Test func aSheetWideInItsHeaderAndSparseInItsRowsIsReadInItsValuesTime() throws {
    let header = Self.sampleRows[0].map { WorkbookFixture.Cell.text($0) }
    let wide = header + Array(repeating: .none, count: 16_383 - header.count) + [.text("note")]
    var rows: [[WorkbookFixture.Cell]?] = [wide] + Array(repeating: nil, count: 99_998)
    rows.append([.text("Wizart")])
    let path = Self.write(WorkbookFixture([.init("Products", rows: rows)]))
    let started = Date()
    let json = CLI.run(["check", path, "--type", "wallpaper", "--format", "json"])
    let seconds = Date().timeIntervalSince(started)
    let bytes = try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int ?? 0
    #expect(seconds < 10, "\(seconds) s for a workbook of \(bytes) bytes")
    let report = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as! [String: Any]
    let stages = report["stages"] as! [[String: Any]]
    let stats = stages[0]["stats"] as! [String: Any]
    #expect(stats["rows"] as? Int == 99_999)
    #expect(stats["columns"] as? Int == 16_384)
    let prediction = report["prediction"] as! [String: Any]
    #expect(prediction["rowsSkipped"] as? Int == 99_998, "every empty row is a blank row, the last one is the catalogue's only product")
  }

  /// A note typed two columns past the header: the finding names its cell and says what to do
  /// in a sheet (there are no commas to quote).
  @Test func aValuePastTheHeaderIsNamedByItsCell() throws {
    let width = Self.sampleRows[0].count
    let path = Self.write(Self.sampleWorkbook { rows in rows[2]! += [.none, .text("checked by Anna")] })
    let json = CLI.run(["check", path, "--type", "wallpaper", "--format", "json"])
    #expect(json.status == 1)
    let report = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as! [String: Any]
    let ragged = try #require((report["diagnostics"] as! [[String: Any]]).first { $0["code"] as? String == "ragged-row" })
    #expect(ragged["cell"] as? String == "\(WorkbookFixture.columnName(width + 1))3")
    #expect(ragged["line"] as? Int == 3 && ragged["row"] as? Int == 2)
    let message = "has a value in column \(WorkbookFixture.columnName(width + 1)), past the header's last column \(WorkbookFixture.columnName(width - 1))"
    #expect((ragged["message"] as? String)?.contains(message) == true, "\(ragged["message"] ?? "")")
    #expect((ragged["hint"] as? String)?.contains("quote") == false, "\(ragged["hint"] ?? "")")
  }

  @Test func sheetsAreChosenByName() {
    var workbook = Self.sampleWorkbook()
    workbook.sheets.insert(.init("Instructions", rows: [[.text("Fill in the Products sheet")]]), at: 0)
    let path = Self.write(workbook)
    let first = CLI.run(["check", path, "--type", "wallpaper"])
    #expect(first.status == 1, "the first sheet is the instructions: \(first.stdout)")
    let chosen = CLI.run(["check", path, "--type", "wallpaper", "--sheet", "Products"])
    #expect(chosen.status == 0, "\(chosen.stdout)")
    let unknown = CLI.run(["check", path, "--type", "wallpaper", "--sheet", "Produkte"])
    #expect(unknown.status == 2)
    #expect(unknown.stdout.contains("\"Instructions\", \"Products\""), "\(unknown.stdout)")
    let onCSV = CLI.run(["check", CLI.sample("wallpaper/catalog.csv"), "--sheet", "Products"])
    #expect(onCSV.status == 64)
  }

  @Test func brokenAndHostileWorkbooksAreReportedNotCrashedOn() {
    let notZip = CLI.temporaryFile("brand_name,collection_name\n", name: "catalog.xlsx")
    let plain = CLI.run(["check", notZip, "--type", "wallpaper"])
    #expect(plain.status == 2)
    #expect(plain.stdout.contains("input-unreadable"))

    var parts = Self.sampleWorkbook().parts()
    let bomb = """
      <?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">\
      <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;"><!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">\
      <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;"><!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">\
      <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;"><!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">\
      <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">]>\
      <sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>&lol9;</t></si></sst>
      """
    let index = parts.firstIndex { $0.name == "xl/sharedStrings.xml" }!
    parts[index].xml = bomb
    let path = CLI.temporaryFile("", name: "laughs.xlsx")
    try! Data(RawZip(parts.map { RawZip.Entry($0.name, Array($0.xml.utf8)) }).bytes()).write(to: URL(fileURLWithPath: path))
    let hostile = CLI.run(["check", path, "--type", "wallpaper"])
    #expect(hostile.status == 2)
    #expect(hostile.stdout.contains("input-unreadable"))
    #expect(!hostile.stdout.contains("lollol"))
  }

  @Test func packReadsTheImageReferencesOfAWorkbook() throws {
    var workbook = Self.sampleWorkbook()
    workbook.sheets.insert(.init("Notes", rows: [[.text("nothing here")]]), at: 0)
    let catalog = Self.write(workbook)
    let folder = URL(fileURLWithPath: catalog).deletingLastPathComponent().appendingPathComponent("images")
    try CLI.unpackSampleImages(into: folder)
    let output = folder.deletingLastPathComponent().appendingPathComponent("upload.zip").path
    let packed = CLI.run(["pack", catalog, "--sheet", "products", "--images", folder.path, "-o", output])
    #expect(packed.status == 0, "\(packed.stderr)")
    #expect(packed.stdout.contains("packed 7 images"))
    let check = CLI.run(["check", catalog, "--sheet", "Products", "--images", output])
    #expect(check.status == 0, "\(check.stdout)")
  }

  @Test func aTabInACellIsLegalOnceQuotedAndFixQuotesIt() throws {
    let description = Self.column("product_description")
    let path = Self.write(Self.sampleWorkbook { rows in rows[1]![description] = .text("Roses\tand leaves") })
    let checked = CLI.run(["check", path, "--type", "wallpaper", "--format", "json"])
    #expect(checked.status == 0)
    #expect(!checked.stdout.contains("\"control-character\""), "\(checked.stdout)")
    let output = URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent("fixed.csv").path
    let fixed = CLI.run(["fix", path, "-o", output])
    #expect(fixed.status == 0, "\(fixed.stdout)")
    #expect(try String(contentsOfFile: output, encoding: .utf8).contains("\"Roses\tand leaves\""))
    let recheck = CLI.run(["check", output, "--type", "wallpaper", "--format", "json"])
    #expect(recheck.status == 0)
    #expect(!recheck.stdout.contains("\"control-character\""), "\(recheck.stdout)")
  }

  @Test func aPercentageIsNeverSilentlyItsFraction() throws {
    let width = Self.column("product_width")
    let path = Self.write(Self.sampleWorkbook { rows in rows[1]![width] = .percent("0.53") })
    let checked = CLI.run(["check", path, "--type", "wallpaper", "--format", "json"])
    let report = try JSONSerialization.jsonObject(with: Data(checked.stdout.utf8)) as! [String: Any]
    let number = (report["diagnostics"] as! [[String: Any]]).first { $0["code"] as? String == "invalid-number" }
    #expect(number?["value"] as? String == "53%")
    #expect(number?["cell"] as? String == "\(WorkbookFixture.columnName(width))2")
    let output = URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent("fixed.csv").path
    _ = CLI.run(["fix", path, "-o", output])
    let written = try String(contentsOfFile: output, encoding: .utf8)
    #expect(written.contains(",53%,"), "fix keeps what the sheet shows for the user to decide")
    #expect(written.contains("wp_001,botanica_rose,53%,"))
  }

  @Test func aFormulaErrorIsNamedByItsCell() throws {
    let name = Self.column("product_name")
    let path = Self.write(Self.sampleWorkbook { rows in rows[3]![name] = .error("#N/A") })
    let checked = CLI.run(["check", path, "--type", "wallpaper"])
    #expect(checked.status == 0, "a warning: the row is imported, with #N/A as its name")
    #expect(checked.stdout.contains("[Products!C4]:4:3: warning: product_name: the cell holds Excel's error #N/A, not a value [formula-error]"), "\(checked.stdout)")
    let explained = CLI.run(["explain", "formula-error"])
    #expect(explained.status == 0 && explained.stdout.contains("paste it as values"))
  }
}
