import Foundation
import PreflightTestSupport
import Testing
@testable import Preflight

/// The wallpaper catalogue as a workbook: numbers as numbers, yes/no as Excel booleans, one
/// padded name, a list with commas, and an empty row in the middle.
private func workbook(width: WorkbookFixture.Cell = .number("1.06"), extra: [WorkbookFixture.Cell] = []) -> WorkbookFixture {
  let columns = WallpaperCatalog.columns
  func row(_ values: [String: WorkbookFixture.Cell]) -> [WorkbookFixture.Cell] {
    columns.map { values[$0] ?? .none }
  }
  let first = row([
    "brand_name": .text(" Wizart "), "collection_name": .text("Botanica"), "product_name": .text("Rose, Grün"),
    "unique_sku_id": .number("1001"), "product_image": .text("rose_1"), "product_width": width,
    "repeat_width": .number("0.53"), "pattern_repeat": .number("0.64"), "pattern_offset": .number("0"),
    "product_link": .text("https://example.com/rose-1"), "wallpaper_roll_length": .number("10.05"),
    "color": .text("green, white"), "reverse": .boolean(false), "product_availability": .text("In stock"),
  ])
  let second = row([
    "brand_name": .text("Wizart"), "collection_name": .text("Botanica"), "product_name": .text("Ivy"),
    "unique_sku_id": .text("wp_002"), "product_image": .text("ivy"), "product_width": .number("1.06"),
    "repeat_width": .number("0.53"), "reverse": .boolean(true),
  ])
  return WorkbookFixture([
    .init("Notes", rows: [[.text("read me")]]),
    .init("Catalogue", rows: [columns.map { .text($0) }, first + extra, nil, second]),
  ])
}

private func expectedCSV() -> String {
  var catalog = WallpaperCatalog(rowCount: 2)
  catalog.rows[0] = [
    "brand_name": "Wizart", "collection_name": "Botanica", "product_name": "Rose, Grün", "unique_sku_id": "1001",
    "product_image": "rose_1", "product_width": "1.06", "repeat_width": "0.53", "pattern_repeat": "0.64",
    "pattern_offset": "0", "product_link": "https://example.com/rose-1", "wallpaper_roll_length": "10.05",
    "color": "green, white", "reverse": "no", "product_availability": "In stock",
  ]
  catalog.rows[1] = [
    "brand_name": "Wizart", "collection_name": "Botanica", "product_name": "Ivy", "unique_sku_id": "wp_002",
    "product_image": "ivy", "product_width": "1.06", "repeat_width": "0.53", "reverse": "yes",
  ]
  return MessyExport.text(catalog, lineBreak: "\r\n")
}

@Suite struct FixWorkbookTests {
  @Test func sheetBecomesTheCSVExcelShouldHaveWritten() throws {
    let result = FixRun.run(workbook().bytes(), name: "catalog.xlsx") { $0.sheet = "catalogue" }
    #expect(result.summary.outcome == .written, "\(result.summary.error ?? "")")
    #expect(result.summary.sheet == "Catalogue")
    #expect(result.item(.workbook)?.detail?.contains("sheet \"Catalogue\"") == true)
    #expect(result.outputText == expectedCSV())
    #expect(result.item(.booleanSpelling)?.count == 2)
    #expect(result.item(.blankLines)?.count == 1)
    let trimmed = try #require(result.item(.whitespace)?.examples.first)
    #expect(trimmed.cell == "A2" && trimmed.line == nil && trimmed.row == 1)
    #expect(result.item(.quoting) == nil)
    let report = Fixtures.check(path: result.output)
    #expect(report.summary.errors == 0 && report.summary.warnings == 0, "\(report.codes)")
  }

  @Test func firstVisibleSheetIsTheDefault() throws {
    let result = FixRun.run(workbook().bytes(), name: "catalog.xlsx")
    // "Notes" comes first: its single cell is not a wallpaper header.
    #expect(result.summary.outcome == .failed)
    #expect(result.summary.error?.contains("not a wallpaper catalogue") == true)
  }

  @Test func unknownSheetIsNamed() throws {
    let result = FixRun.run(workbook().bytes(), name: "catalog.xlsx") { $0.sheet = "Prices" }
    #expect(result.summary.outcome == .failed)
    #expect(result.summary.error?.contains("\"Notes\", \"Catalogue\"") == true)
  }

  @Test func dateInANumberFieldIsRefused() throws {
    let result = FixRun.run(workbook(width: .date(45_297)).bytes(), name: "catalog.xlsx") { $0.sheet = "Catalogue" }
    #expect(result.summary.outcome == .refused)
    let refused = try #require(result.item(.dateInNumberField)?.examples.first)
    #expect(refused.cell == "F2" && refused.field == "product_width" && refused.before == "2024-01-06")
    #expect(result.folderContents == ["catalog.xlsx"])
  }

  /// Refused cells are listed in sheet order, row by row (a sheet's places have no file line).
  @Test func refusedCellsAreListedRowByRow() throws {
    let columns = WallpaperCatalog.columns
    func row(_ values: [String: String]) -> [WorkbookFixture.Cell] { columns.map { values[$0].map { .text($0) } ?? .none } }
    let sheet = WorkbookFixture([
      .init(
        "Catalogue",
        rows: [
          columns.map { .text($0) },
          row(["brand_name": "Wizart", "unique_sku_id": "a", "wallpaper_roll_length": "10,050"]),
          row(["brand_name": "Wizart", "unique_sku_id": "b", "product_width": "1,060"]),
        ])
    ])
    let result = FixRun.run(sheet.bytes(), name: "catalog.xlsx")
    #expect(result.summary.outcome == .refused)
    let item = try #require(result.item(.ambiguousNumber))
    #expect(item.examples.map(\.row) == [1, 2], "\(item.examples.map { $0.cell ?? "" })")
  }

  @Test func cellsPastTheHeaderAreKept() throws {
    let result = FixRun.run(workbook(extra: [.text("note, 1")]).bytes(), name: "catalog.xlsx") { $0.sheet = "Catalogue" }
    #expect(result.summary.outcome == .written)
    #expect(result.item(.raggedRow)?.count == 1)
    let lines = (result.outputText ?? "").components(separatedBy: "\r\n")
    #expect(lines[1].hasSuffix(",\"note, 1\""))
  }
}
