import Foundation
import Testing
@testable import Preflight

@Suite struct LocationTests {
  @Test func cellDiagnosticsCarryLineRowColumnFieldAndValue() throws {
    var catalog = WallpaperCatalog()
    catalog.set(2, "product_name", "Two\nlines")
    catalog.set(3, "product_width", "1,06")
    let report = Fixtures.check(catalog.csv)
    let diagnostic = try #require(report.diagnostics(.invalidNumber).first)
    #expect(diagnostic.location.line == 5, "the quoted line break moves row 3 to line 5")
    #expect(diagnostic.location.row == 3)
    #expect(diagnostic.location.column == 6)
    #expect(diagnostic.location.field == "product_width")
    #expect(diagnostic.value == "1,06")
    #expect(diagnostic.hint == "use a dot as decimal separator: 1.06")
  }

  @Test func headerDiagnosticsAreOnLineOneWithTheNameAsWritten() throws {
    var catalog = WallpaperCatalog()
    catalog.header = catalog.header.map { $0 == "product_width" ? " product_width" : $0 }
    for index in catalog.rows.indices { catalog.rows[index][" product_width"] = "1.06" }
    let report = Fixtures.check(catalog.csv)
    let diagnostic = try #require(report.diagnostics(.columnNameMismatch).first)
    #expect(diagnostic.location.line == 1 && diagnostic.location.row == nil)
    #expect(diagnostic.location.field == " product_width")
    #expect(diagnostic.location.column == 6)
    #expect(diagnostic.message.contains("spaces"))
    #expect(report.diagnostics(.missingRequiredColumn).isEmpty, "the mismatched column still counts as present")
  }

  @Test func encodingErrorNamesTheByteItsLineAndLikelyEncoding() throws {
    let bytes = Array(WallpaperCatalog().csv.utf8) + Array("Wizart,Botanica,Gr".utf8) + [0xFC] + Array("n,wp_9,x,1,1\n".utf8)
    let report = Fixtures.check(bytes: bytes)
    let diagnostic = try #require(report.diagnostics(.encodingNotUTF8).first)
    #expect(diagnostic.location.line == 5)
    #expect(diagnostic.location.column == 3)
    #expect(diagnostic.message.contains("0xFC"))
    #expect(diagnostic.message.contains("Windows-1252"))
  }

  @Test func unknownColumnsSuggestTheNearestName() throws {
    var catalog = WallpaperCatalog()
    catalog.header = catalog.header.map { $0 == "wallpaper_roll_length" ? "wallpaper_rol_length" : $0 }
    let diagnostic = try #require(Fixtures.check(catalog.csv).diagnostics(.unknownColumn).first)
    #expect(diagnostic.hint == "did you mean \"wallpaper_roll_length\"?")
  }

  @Test func duplicateSKUNamesTheFirstRowAtEachRepeat() {
    var catalog = WallpaperCatalog(rowCount: 4)
    catalog.set(3, "unique_sku_id", "wp_001")
    catalog.set(4, "unique_sku_id", "wp_001")
    let duplicates = Fixtures.check(catalog.csv).diagnostics(.duplicateSKU)
    #expect(duplicates.map(\.location.row) == [3, 4])
    #expect(duplicates.allSatisfy { $0.message.contains("at row 1") })
  }

  @Test func aSKURepeatedInASecondCollectionIsStillADuplicateThere() {
    var catalog = WallpaperCatalog(rowCount: 3)
    catalog.set(2, "unique_sku_id", "wp_001")
    catalog.set(2, "collection_name", "Geometry")
    catalog.set(3, "unique_sku_id", "wp_001")
    catalog.set(3, "collection_name", "Geometry")
    let report = Fixtures.check(catalog.csv)
    #expect(report.diagnostics(.skuInSeveralCollections).map(\.location.row) == [2])
    #expect(report.diagnostics(.duplicateSKU).map(\.location.row) == [3])
  }
}

@Suite struct NumberHintTests {
  @Test(arguments: [
    ("1,06", "decimal separator"), ("1,060", "ambiguous comma"), ("1.234,56", "1234.56"), ("0.53 m", "unit \"m\" and write the bare number in metres: 0.53"),
    ("53cm", "53cm → 0.53"), ("19.99 EUR", "bare amount: 19.99"), ("$5", "currency"), ("1.5E+2", "scientific"),
    ("06.Jan", "date"), ("50%", "%"), ("abc", "plain number"), ("1 060", "thousands"),
  ])
  func theHintNamesTheMistake(_ value: String, _ expected: String) throws {
    var catalog = WallpaperCatalog()
    catalog.set(1, "wallpaper_roll_length", value)
    let diagnostic = try #require(Fixtures.check(catalog.csv).diagnostics(.invalidNumber).first)
    #expect(diagnostic.hint?.contains(expected) == true, "\(value): \(diagnostic.hint ?? "-")")
  }
}

@Suite struct PredictionTests {
  @Test func skippedRowsAreCountedOncePerRow() {
    var catalog = WallpaperCatalog(rowCount: 5)
    catalog.set(2, "product_width", "1,06")
    catalog.set(2, "repeat_width", "abc")
    catalog.set(4, "reverse", "maybe")
    let report = Fixtures.check(catalog.csv)
    #expect(report.prediction.outcome == .warning)
    #expect(report.prediction.rowsSkipped == 2)
    #expect(report.prediction.rowsTotal == 5)
    #expect(report.prediction.failedStage == nil)
    #expect(report.stages[0].status == .passed)
  }

  @Test func anErrorFailsTheStageAndTheImport() {
    var catalog = WallpaperCatalog()
    catalog.set(1, "unique_sku_id", "")
    let report = Fixtures.check(catalog.csv)
    #expect(report.prediction.outcome == .failure)
    #expect(report.prediction.failedStage == .validatingCSV)
    #expect(report.stages[0].status == .failed)
  }

  @Test func withoutImagesTheArchiveStagesAreSkippedAndThePredictionIncomplete() {
    let report = Fixtures.check(WallpaperCatalog().csv)
    #expect(report.stages.map(\.status) == [.passed, .skipped, .skipped])
    #expect(!report.prediction.complete)
    let missing = Fixtures.check(path: Fixtures.write(WallpaperCatalog().csv), images: "/nonexistent/images.zip")
    #expect(missing.inputs.images == "/nonexistent/images.zip")
    #expect(missing.codes.contains("archive-unreadable"))
    #expect(missing.toolFailure)
    #expect(missing.stages.map(\.status) == [.passed, .failed, .skipped])
  }

  @Test func theCapKeepsCountsExactAndSaysItCut() {
    var catalog = WallpaperCatalog(rowCount: 10)
    for row in 1...10 { catalog.set(row, "product_width", "x") }
    let report = Fixtures.check(path: Fixtures.write(catalog.csv), maxPerCode: 3)
    #expect(report.diagnostics(.invalidNumber).count == 3)
    #expect(report.summary.warnings == 10)
    #expect(report.summary.truncated)
    #expect(report.omittedByCode["invalid-number"] == 7)
    #expect(report.prediction.rowsSkipped == 10)
  }

  @Test func ignoredCodesLeaveTheReportButNotThePrediction() {
    var catalog = WallpaperCatalog()
    catalog.set(1, "unique_sku_id", "")
    let report = Fixtures.check(path: Fixtures.write(catalog.csv), ignored: ["missing-required-value"])
    #expect(report.diagnostics.isEmpty)
    #expect(report.summary.errors == 0)
    #expect(report.ignoredCount == 1)
    #expect(report.prediction.outcome == .failure, "the server has no --ignore")
  }
}

@Suite struct HostileInputTests {
  @Test func aTenMegabyteLineIsCheckedNotCrashed() {
    var catalog = WallpaperCatalog(rowCount: 1)
    catalog.set(1, "product_description", String(repeating: "a", count: 10 << 20))
    let report = Fixtures.check(catalog.csv)
    #expect(report.prediction.rowsTotal == 1)
    #expect(report.diagnostics.isEmpty)
  }

  @Test func aHundredThousandColumnsGiveDiagnosticsNotAHang() {
    let header = (0..<100_000).map { "c\($0)" }.joined(separator: ",")
    let row = [String](repeating: "1", count: 100_000).joined(separator: ",")
    let report = Fixtures.check(path: Fixtures.write(header + "\n" + row + "\n"), maxPerCode: 1000)
    #expect(report.summary.notices + report.summary.warnings + report.summary.errors > 0)
    #expect(report.diagnostics(.unknownColumn).count == 1000, "capped per code by default")
    #expect(report.summary.truncated)
  }

  @Test func nulBytesAreControlCharacters() {
    let bytes = Array(WallpaperCatalog().csv.utf8).map { $0 == UInt8(ascii: "R") ? 0 : $0 }
    let report = Fixtures.check(bytes: bytes)
    #expect(report.diagnostics(.controlCharacter).count == 3)
  }

  @Test func aTruncatedFileEndsInAReport() {
    let text = WallpaperCatalog().csv
    for cut in stride(from: 1, to: text.utf8.count, by: 37) {
      let report = Fixtures.check(bytes: Array(text.utf8.prefix(cut)))
      #expect(report.stages.count == 3)
    }
  }

  @Test func aFolderIsUnreadableAndAToolFailure() {
    let report = Fixtures.check(path: Fixtures.directory().path)
    #expect(report.toolFailure)
    #expect(report.diagnostics(.inputUnreadable).first?.message.contains("folder") == true)
  }

  @Test func onlyABOMIsAnEmptyFile() {
    let report = Fixtures.check(bytes: [0xEF, 0xBB, 0xBF])
    #expect(report.codes.contains("no-data-rows"))
  }
}

@Suite struct RowRuleTests {
  @Test func aHalfPairIsOneFindingForItsRow() {
    let report = Fixtures.check(flooringHeader + "\nW,C,P,s1,img,0.2,,,\nW,C,P,s2,img,,,,\n", type: "laminate")
    let findings = report.diagnostics(.incompleteDimensions)
    #expect(findings.map(\.location.row) == [1, 2])
    #expect(findings[0].location.field == "product_length")
    #expect(findings[1].message.contains("no complete size"))
  }

  @Test func anUnclosedQuoteIsNotAlsoARaggedRow() {
    let report = Fixtures.check(WallpaperCatalog().csv + "Wizart,Botanica,\"Open,wp_9,rose,1,1\n")
    #expect(report.codes.contains("malformed-quotes"))
    #expect(!report.codes.contains("ragged-row"))
  }
}

@Suite struct FloodTests {
  /// Findings past the cap are counted without being built; the counts stay exact.
  @Test func aMillionBlankLinesAreCountedExactly() {
    let report = Fixtures.check(path: Fixtures.write(wallpaperCore + "\n" + String(repeating: "\n", count: 1_000_000)), maxPerCode: 10)
    #expect(report.diagnostics(.blankRow).count == 10)
    #expect(report.summary.warnings == 1_000_000 + report.diagnostics(.missingOptionalColumn).count)
    #expect(report.prediction.rowsSkipped == 1_000_000)
    #expect(report.omittedByCode["blank-row"] == 999_990)
  }

  @Test func ignoredFloodsAreCountedAsIgnored() {
    var catalog = WallpaperCatalog(rowCount: 50)
    for row in 1...50 { catalog.set(row, "collection_name", "Botanica ") }
    let report = Fixtures.check(path: Fixtures.write(catalog.csv), maxPerCode: 5, ignored: ["surrounding-whitespace"])
    #expect(report.ignoredCount == 50)
    #expect(report.diagnostics(.surroundingWhitespace).isEmpty)
  }
}
