import Foundation
import Testing
@testable import Preflight

let wallpaperCore = "brand_name,collection_name,product_name,unique_sku_id,product_image,product_width,repeat_width"

@Suite struct StructureEdgeCaseTests {
  @Test func anUnclosedQuoteSwallowingMoreThan16MiBIsStillAnUnclosedQuote() {
    var text = wallpaperCore + "\nW,C,\"Open,s1,img,1,1\n"
    text += String(repeating: "W,C,P,s2,img,1,1\n", count: 1_100_000)
    let report = Fixtures.check(text)
    #expect(report.codes.contains("record-too-large"))
    #expect(report.codes.contains("malformed-quotes"))
    #expect(!report.codes.contains("no-data-rows"))
  }

  @Test func aSepCommaLineIsAnExcelDirective() {
    let report = Fixtures.check("sep=,\n" + WallpaperCatalog().csv)
    #expect(report.codes == ["wrong-delimiter"])
  }

  @Test func headerProblemsNameTheColumnAsWritten() throws {
    let report = Fixtures.check(bytes: Array("brand_name,coll".utf8) + [0x01] + Array("ection\nW,C\n".utf8))
    let control = try #require(report.diagnostics(.controlCharacter).first)
    #expect(control.location.field == "coll\u{01}ection" && control.location.line == 1 && control.location.row == nil)
  }

  @Test func trailingEmptyHeaderNamesAreUnknownColumnsNotDuplicates() {
    let report = Fixtures.check(wallpaperCore + ",,,\nW,C,P,s1,img,1,1,,,\n")
    #expect(report.diagnostics(.unknownColumn).map(\.location.column) == [8, 9, 10])
    #expect(report.diagnostics(.duplicateColumn).isEmpty)
  }

  @Test func anEmptyFirstLineIsNamedAsSuch() {
    let report = Fixtures.check("\n" + wallpaperCore + "\nW,C,P,s1,img,1,1\n")
    #expect(report.codes == ["missing-required-column"])
    #expect(report.diagnostics.first?.message.contains("line 1 is empty") == true)
    #expect(Fixtures.check("\n").codes == ["no-data-rows"])
    #expect(Set(Fixtures.check(bytes: [0xEF, 0xBB, 0xBF, 0x0A]).codes) == ["utf8-bom", "no-data-rows"])
  }

  @Test func aLegacyNameBesideItsCurrentNameIsStillALegacyName() {
    let report = Fixtures.check(wallpaperCore + ",pattern_repeat,repeat\nW,C,P,s1,img,1,1,0.5,0.5\n")
    #expect(report.diagnostics(.legacyColumnName).map(\.location.field) == ["repeat"])
    #expect(report.diagnostics(.duplicateColumn).isEmpty)
  }

  @Test func aHeaderWiderThanTheLimitIsReportedOnce() {
    let header = wallpaperCore + "," + (0..<25_000).map { "x\($0)" }.joined(separator: ",")
    let report = Fixtures.check(path: Fixtures.write(header + "\n"), maxPerCode: 100)
    #expect(report.diagnostics(.unknownColumn).contains { $0.message.contains("only the first 20000 were checked") })
    #expect(report.stages[0].stats["columns"] == 25_007)
  }

  @Test func strayQuotesSayWhichMistakeItIs() {
    let inside = Fixtures.check(wallpaperCore + "\nW,C,Say \"hi\",s1,img,1,1\n").diagnostics(.malformedQuotes).first
    #expect(inside?.message.contains("not enclosed in quotes") == true)
    let after = Fixtures.check(wallpaperCore + "\nW,C,\"Say\" hi,s1,img,1,1\n").diagnostics(.malformedQuotes).first
    #expect(after?.message.contains("text follows the closing quote") == true)
  }

  @Test func controlCharactersAreNamedWithTwoHexDigits() {
    let report = Fixtures.check(bytes: Array((wallpaperCore + "\nW,C,P").utf8) + [0x01] + Array(",s1,img,1,1\n".utf8))
    #expect(report.diagnostics(.controlCharacter).first?.message.contains("0x01") == true)
  }
}

@Suite struct CellEdgeCaseTests {
  @Test func namesDifferingOnlyBySpacesAreInconsistentAndDifferentCollections() {
    var catalog = WallpaperCatalog(rowCount: 2)
    catalog.set(2, "collection_name", "Botanica ")
    catalog.set(2, "unique_sku_id", "wp_001")
    let report = Fixtures.check(catalog.csv)
    #expect(report.diagnostics(.inconsistentName).map(\.location.row) == [2])
    #expect(report.diagnostics(.surroundingWhitespace).map(\.location.row) == [2])
    #expect(report.diagnostics(.duplicateSKU).isEmpty, "\"Botanica \" is another collection for the server")
    #expect(report.diagnostics(.skuInSeveralCollections).first?.message.contains("collection \"Botanica\"") == true)
  }

  @Test func textListCellsGetTheFormulaNotice() {
    var catalog = WallpaperCatalog()
    catalog.set(1, "color", "=red")
    catalog.set(2, "product_image", "@img")
    #expect(Fixtures.check(catalog.csv).diagnostics(.formulaLikeValue).map(\.location.row) == [1, 2])
  }

  @Test func listsOfSizesMustBePositive() {
    let header = "brand_name,collection_name,product_name,unique_sku_id,product_image,pattern_width,pattern_length,width_options"
    let report = Fixtures.check(header + "\nW,C,P,s1,img,1,1,\"0, 1.5\"\n", type: "wall_mural")
    #expect(report.diagnostics(.outOfRange).map(\.location.field) == ["width_options"])
  }

  @Test func hugeValuesAreShortInMessagesAndReports() throws {
    var catalog = WallpaperCatalog(rowCount: 1)
    catalog.set(1, "product_width", String(repeating: "9,", count: 1 << 20))
    let diagnostic = try #require(Fixtures.check(catalog.csv).diagnostics(.invalidNumber).first)
    #expect(diagnostic.message.count < 200)
    #expect((diagnostic.hint?.count ?? 0) < 300)
    #expect((diagnostic.value?.unicodeScalars.count ?? 0) <= 201)
  }

  @Test func invisibleCharactersAreShownInMessages() {
    let report = Fixtures.check("\u{FEFF}" + WallpaperCatalog().csv.replacingOccurrences(of: "brand_name", with: "\u{FEFF}brand_name"))
    #expect(report.diagnostics(.unknownColumn).first?.message.contains("\\u{FEFF}brand_name") == true)
  }

  @Test func theCentimetreGuessOnlyComesForValuesFarAboveTheMaximum() {
    var catalog = WallpaperCatalog()
    catalog.set(1, "product_width", "15.000001")
    catalog.set(2, "product_width", "106")
    let hints = Fixtures.check(catalog.csv).diagnostics(.outOfRange).map { $0.hint ?? "" }
    #expect(!hints[0].contains("did you mean"))
    #expect(hints[1].contains("did you mean 1.06?"))
  }

  @Test func dottedGroupsAreThousandsOnlyWhenTheyGroupThousands() {
    #expect(NumberMistake.classify("1.234.567") == .thousandsSeparator)
    #expect(NumberMistake.classify("1.2.3") == .notANumber)
  }

  @Test func shortEnumTyposGetNoFarFetchedSuggestion() throws {
    var catalog = WallpaperCatalog()
    catalog.set(1, "application_surface", "roof")
    let hint = try #require(Fixtures.check(catalog.csv).diagnostics(.invalidEnum).first?.hint)
    #expect(!hint.contains("did you mean"))
  }

  @Test func theEncodingMessageSpeaksOfLinesAndCharacters() throws {
    let bytes = Array((wallpaperCore + "\nW,Grün,P,s1,img,1,1\nW,C,Caf").utf8) + [0xE9] + Array(",s2,img,1,1\n".utf8)
    let diagnostic = try #require(Fixtures.check(bytes: bytes).diagnostics(.encodingNotUTF8).first)
    #expect(diagnostic.message.hasPrefix("line 3, character 8 is not UTF-8 (byte 0xE9)"))
    #expect(diagnostic.message.contains("Windows-1252"))
  }
}

@Suite struct WordingTests {
  @Test func allRowsSkippedSaysNothingIsImported() {
    var catalog = WallpaperCatalog(rowCount: 2)
    catalog.set(1, "reverse", "x")
    catalog.set(2, "reverse", "x")
    let text = TextReporter(color: false).render(Fixtures.check(catalog.csv))
    #expect(text.contains("all 2 rows would be skipped, nothing imported"))
  }

  @Test func anExactTemplateIsInferredEvenWhenALargerTemplateContainsIt() throws {
    for code in ["wall_panel", "wall_border", "wallpaper", "rug"] {
      let header = try #require(try SchemaCatalog.builtIn(code)).fields.map(\.name).joined(separator: ",")
      let report = Fixtures.check(header + "\n", type: nil)
      #expect(report.productType.code == code, "\(code): \(report.codes)")
    }
    // carpet_tile and carpet_roll have the same columns: that stays a question for the user.
    let header = try #require(try SchemaCatalog.builtIn("carpet_tile")).fields.map(\.name).joined(separator: ",")
    let message = Fixtures.check(header + "\n", type: nil).diagnostics(.typeAmbiguous).first?.message ?? ""
    #expect(message.contains("carpet_tile") && message.contains("carpet_roll"))
  }
}
