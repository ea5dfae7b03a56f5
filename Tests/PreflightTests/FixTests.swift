import Foundation
import Testing
@testable import Preflight

/// A wallpaper catalogue with accented names and list cells: what the messy exports start from.
private func frenchCatalog() -> WallpaperCatalog {
  var catalog = WallpaperCatalog(rowCount: 3)
  catalog.set(1, "product_name", "Café Crème")
  catalog.set(2, "product_description", "Prix 5 € – la pièce")
  catalog.set(3, "collection_name", "Grüße")
  return catalog
}

private func noProblems(_ path: String) -> Report {
  Fixtures.check(path: path)
}

@Suite struct FixExportTests {
  @Test func semicolonsDecimalCommasAndWindows1252() throws {
    var messy = frenchCatalog()
    messy.set(1, "product_width", "1,06")
    messy.set(2, "repeat_width", "0,53")
    messy.set(3, "product_regular_price", "1.234,50")
    messy.set(2, "reverse", "TRUE")
    var clean = frenchCatalog()
    clean.set(1, "product_width", "1.06")
    clean.set(2, "repeat_width", "0.53")
    clean.set(3, "product_regular_price", "1234.50")
    clean.set(2, "reverse", "yes")
    let bytes = MessyExport.encode(MessyExport.text(messy, delimiter: ";", lineBreak: "\r\n"), MessyExport.windows1252)
    let result = FixRun.run(bytes)

    #expect(result.summary.outcome == .written)
    #expect(result.summary.encoding == .windows1252)
    #expect(result.summary.encodingNote?.contains("--encoding windows-1251") == true)
    #expect(result.summary.delimiter == ";")
    #expect(result.outputText == MessyExport.text(clean, lineBreak: "\r\n"))
    #expect(result.item(.decimalComma)?.count == 2)
    #expect(result.item(.thousandsSeparator)?.examples.first?.before == "1.234,50")
    #expect(result.item(.booleanSpelling)?.count == 1)
    #expect(result.item(.encoding)?.examples.map(\.after) == ["Café Crème", "Prix 5 € – la pièce", "Grüße"])
    #expect(result.item(.delimiter)?.detail == "; → ,")
    let report = noProblems(result.output)
    #expect(report.summary.errors == 0 && report.summary.warnings == 0, "\(report.codes)")
  }

  @Test func cyrillicWindows1251() throws {
    var catalog = WallpaperCatalog(rowCount: 2)
    catalog.set(1, "product_name", "Обои «Ёлка» №5")
    catalog.set(2, "collection_name", "Флизелиновые обои")
    catalog.set(2, "product_width", "1,06")
    let bytes = MessyExport.encode(MessyExport.text(catalog, delimiter: ";"), MessyExport.windows1251)
    let result = FixRun.run(bytes)

    #expect(result.summary.outcome == .written)
    #expect(result.summary.encoding == .windows1251)
    #expect(result.summary.encodingNote?.contains("Windows-1251") == true)
    catalog.set(2, "product_width", "1.06")
    #expect(result.outputText == MessyExport.text(catalog))
    #expect(noProblems(result.output).summary.errors == 0)
  }

  @Test func excelUnicodeTextIsUTF16WithTabs() throws {
    var catalog = frenchCatalog()
    catalog.set(1, "product_description", "tab\tinside, and \"quotes\"")
    catalog.set(2, "pattern_repeat", "0,64")
    let text = MessyExport.text(catalog, delimiter: "\t", lineBreak: "\r\n")
    let result = FixRun.run(MessyExport.utf16LittleEndian(text))

    #expect(result.summary.outcome == .written)
    #expect(result.summary.encoding == .utf16LittleEndian)
    #expect(result.summary.delimiter == "TAB")
    #expect(result.kinds.contains(.byteOrderMark))
    catalog.set(2, "pattern_repeat", "0.64")
    #expect(result.outputText == MessyExport.text(catalog, lineBreak: "\r\n"))
    #expect(result.outputBytes?.starts(with: [0xEF, 0xBB, 0xBF]) == false)
    // The TAB stays inside its (quoted) value: check names it as a control character, nothing else.
    #expect(noProblems(result.output).codes.allSatisfy { $0 == "control-character" })
  }

  @Test func utf16BigEndianWithoutByteOrderMark() throws {
    let catalog = frenchCatalog()
    let result = FixRun.run(MessyExport.utf16BigEndian(MessyExport.text(catalog), bom: false))
    #expect(result.summary.encoding == .utf16BigEndian)
    #expect(result.outputText == MessyExport.text(catalog))
    #expect(!result.kinds.contains(.byteOrderMark))
  }

  @Test func byteOrderMarkAndSepLine() throws {
    let catalog = frenchCatalog()
    let text = "sep=;\r\n" + MessyExport.text(catalog, delimiter: ";", lineBreak: "\r\n")
    let result = FixRun.run([0xEF, 0xBB, 0xBF] + Array(text.utf8))

    #expect(result.summary.outcome == .written)
    #expect(result.summary.delimiterNote?.contains("sep=;") == true)
    #expect(result.item(.sepLine)?.detail == "\"sep=;\"")
    #expect(result.item(.byteOrderMark) != nil)
    #expect(result.outputText == MessyExport.text(catalog, lineBreak: "\r\n"))
    #expect(noProblems(result.output).summary.errors == 0)
  }

  @Test func sepLineNamesTheDelimiterEvenWhenTheHeaderIsAmbiguous() throws {
    let result = FixRun.run("SEP=|\nbrand_name|product_width\nWizart|1,5\n")
    #expect(result.summary.delimiter == "|")
    #expect(result.outputText == "brand_name,product_width\nWizart,1.5\n")
    // Rows are numbered after the header, so row 1 is on line 3.
    let example = try #require(result.item(.decimalComma)?.examples.first)
    #expect(example.line == 3 && example.row == 1)
  }

  @Test func booleansBecomeYesOrNo() throws {
    var catalog = WallpaperCatalog(rowCount: 6)
    for (row, value) in ["TRUE", "False", "Yes", "NO", "yes", "1"].enumerated() { catalog.set(row + 1, "reverse", value) }
    let result = FixRun.run(MessyExport.text(catalog))
    #expect(result.summary.outcome == .written)
    #expect(result.item(.booleanSpelling)?.count == 4)
    #expect(result.item(.invalidBoolean)?.count == 1)
    #expect(result.item(.invalidBoolean)?.examples.first?.before == "1")
    let lines = result.outputText?.split(separator: "\n").map(String.init) ?? []
    #expect(lines.dropFirst().map { $0.hasSuffix(",yes") ? "yes" : $0.hasSuffix(",no") ? "no" : "other" }
      == ["yes", "no", "yes", "no", "yes", "other"])
  }

  @Test func booleanSpellingInTextFieldsIsLeftAlone() throws {
    var catalog = WallpaperCatalog(rowCount: 1)
    catalog.set(1, "product_name", "TRUE")
    catalog.set(1, "style", "1,5")
    let result = FixRun.run(MessyExport.text(catalog))
    #expect(result.summary.outcome == .unchanged)
    #expect(result.outputText == MessyExport.text(catalog))
  }

  @Test func paddedCellsAndHeaderNames() throws {
    var catalog = frenchCatalog()
    catalog.header[0] = "  Brand_Name "
    catalog.header[3] = "Unique_SKU_ID"
    catalog.header[5] = "PRODUCT_WIDTH"
    for row in 0..<catalog.rows.count {
      catalog.rows[row]["  Brand_Name "] = "  Wizart "
      catalog.rows[row]["Unique_SKU_ID"] = catalog.rows[row]["unique_sku_id"]
      catalog.rows[row]["PRODUCT_WIDTH"] = " 1.06"
    }
    catalog.set(2, "collection_name", "Botanica\u{00A0}")
    let result = FixRun.run(MessyExport.text(catalog))

    #expect(result.summary.outcome == .written)
    #expect(result.item(.headerNames)?.count == 2)
    let legacy = try #require(result.item(.legacyNames)?.examples.first)
    #expect(legacy.before == "Unique_SKU_ID" && legacy.after == "unique_sku_id")
    #expect(result.item(.whitespace)?.count == 7)
    #expect(result.outputText == MessyExport.text(frenchCatalog()))
    #expect(noProblems(result.output).summary.errors == 0)
  }

  @Test func headerNameIsNotRenamedOntoAnotherColumn() throws {
    let result = FixRun.run("Brand_Name,brand_name,product_name\nA,B,C\n")
    #expect(result.outputText == "Brand_Name,brand_name,product_name\nA,B,C\n")
    #expect(result.item(.headerNames) == nil)
  }

  @Test func quotedFieldsKeepDelimitersLineBreaksAndQuotes() throws {
    var catalog = frenchCatalog()
    catalog.set(1, "product_description", "two;\r\nlines, \"quoted\"")
    catalog.set(2, "product_description", "semi;colon")
    catalog.set(3, "product_description", "say \"\"hi\"\"")
    let result = FixRun.run(MessyExport.text(catalog, delimiter: ";", lineBreak: "\r\n", quoteAll: true))

    #expect(result.summary.outcome == .written)
    #expect(result.outputText == MessyExport.text(catalog, lineBreak: "\r\n"))
    let read = try tokenize(result.outputBytes ?? [])
    let column = catalog.header.firstIndex(of: "product_description")!
    #expect(read.dropFirst().map { $0.cells[column] } == ["two;\r\nlines, \"quoted\"", "semi;colon", "say \"\"hi\"\""])
    #expect(read.dropFirst().map { $0.cells.count } == [catalog.header.count, catalog.header.count, catalog.header.count])
    #expect((result.item(.quoting)?.count ?? 0) > 0)
  }

  @Test func blankLinesLineBreaksAndMissingFinalBreak() throws {
    let result = FixRun.run("brand_name,product_width\r\nA,1\r\n,\r\n\rB,2\nC,3")
    #expect(result.outputText == "brand_name,product_width\r\nA,1\r\nB,2\r\nC,3\r\n")
    #expect(result.item(.blankLines)?.count == 2)
    #expect(result.item(.lineBreaks)?.count == 2)
    #expect(result.item(.lineBreaks)?.examples.last?.note?.contains("added at the end") == true)
  }
}

@Suite struct FixRefusalTests {
  @Test func ambiguousThousandsCommaIsRefusedAndNamed() throws {
    var catalog = WallpaperCatalog(rowCount: 3)
    catalog.set(2, "product_width", "1,060")
    catalog.set(3, "wallpaper_roll_length", "10,050")
    catalog.set(1, "repeat_width", "0,53")
    let result = FixRun.run(MessyExport.text(catalog, delimiter: ";"))

    #expect(result.summary.outcome == .refused)
    let item = try #require(result.item(.ambiguousNumber))
    #expect(item.count == 2)
    #expect(item.examples.map { [$0.line, $0.row] } == [[3, 2], [4, 3]])
    #expect(item.examples.map(\.field) == ["product_width", "wallpaper_roll_length"])
    #expect(item.examples[0].note?.contains("1.060") == true && item.examples[0].note?.contains("1060") == true)
    #expect(item.detail?.contains("--decimal comma") == true)
    #expect(result.outputBytes == nil)
    #expect(result.folderContents == ["export.csv"])
    let text = FixSummaryText.render(result.summary)
    #expect(text.contains("line 3, row 2, product_width: \"1,060\""))
    #expect(text.contains("nothing was written"))
    #expect(!text.contains("decimal comma → dot"))
  }

  @Test func dottedThousandsAreRefusedOnlyInAFileWithDecimalCommas() throws {
    var catalog = WallpaperCatalog(rowCount: 2)
    catalog.set(1, "product_regular_price", "1.060")
    let plain = FixRun.run(MessyExport.text(catalog, delimiter: ";"))
    #expect(plain.summary.outcome == .written)
    #expect(plain.outputText == MessyExport.text(catalog))

    catalog.set(2, "product_width", "1,06")
    let european = FixRun.run(MessyExport.text(catalog, delimiter: ";"))
    #expect(european.summary.outcome == .refused)
    let item = try #require(european.item(.ambiguousNumber))
    #expect(item.examples.map(\.before) == ["1.060"])
    #expect(item.detail?.contains("row 2, product_width: \"1,06\"") == true)
    #expect(european.folderContents == ["export.csv"])
  }

  /// `1.234.567` shows that the file groups thousands with dots: its `2.500` is then 2500 as
  /// likely as 2.5, and is refused like `1.060` in a file with decimal commas.
  @Test func dottedThousandsAreRefusedInAFileThatGroupsThousandsWithDots() throws {
    var catalog = WallpaperCatalog(rowCount: 2)
    catalog.set(1, "product_regular_price", "1.234.567")
    catalog.set(2, "product_promotional_price", "2.500")
    let result = FixRun.run(MessyExport.text(catalog, delimiter: ";"))
    #expect(result.summary.outcome == .refused)
    let item = try #require(result.item(.ambiguousNumber))
    #expect(item.examples.map(\.before) == ["2.500"])
    #expect(item.detail?.contains("separates thousands with dots elsewhere (row 1, product_regular_price: \"1.234.567\")") == true, "\(item.detail ?? "")")
    #expect(result.folderContents == ["export.csv"])

    let comma = FixRun.run(MessyExport.text(catalog, delimiter: ";")) { $0.decimalSeparator = .comma }
    catalog.set(1, "product_regular_price", "1234567")
    catalog.set(2, "product_promotional_price", "2500")
    #expect(comma.outputText == MessyExport.text(catalog))
  }

  @Test func decimalOptionDecides() throws {
    var catalog = WallpaperCatalog(rowCount: 2)
    catalog.set(1, "product_width", "1,060")
    catalog.set(2, "product_regular_price", "1.060")
    let text = MessyExport.text(catalog, delimiter: ";")

    let comma = FixRun.run(text) { $0.decimalSeparator = .comma }
    #expect(comma.summary.outcome == .written)
    catalog.set(1, "product_width", "1.060")
    catalog.set(2, "product_regular_price", "1060")
    #expect(comma.outputText == MessyExport.text(catalog))

    let dot = FixRun.run(text) { $0.decimalSeparator = .dot }
    catalog.set(1, "product_width", "1060")
    catalog.set(2, "product_regular_price", "1.060")
    #expect(dot.outputText == MessyExport.text(catalog))
  }

  @Test func brokenQuotesAreRefused() throws {
    let result = FixRun.run("brand_name,product_name\nWizart,5\" wide\nB,\"ok\"x\n")
    #expect(result.summary.outcome == .refused)
    #expect(result.item(.malformedQuotes)?.examples.map { $0.line } == [2, 3])
    #expect(result.folderContents == ["export.csv"])
  }

  @Test func mixedEncodingsAreRefusedUnlessOneIsGiven() throws {
    let bytes = Array("brand_name,product_name\nWizart,Grün\nB,".utf8) + [0x47, 0x72, 0xFC, 0x6E, 0x0A]
    let refused = FixRun.run(bytes)
    #expect(refused.summary.outcome == .refused)
    #expect(refused.item(.mixedEncoding)?.detail?.contains("line 2") == true)
    #expect(refused.item(.mixedEncoding)?.detail?.contains("line 3") == true)

    let forced = FixRun.run(bytes) { $0.encoding = .windows1252 }
    #expect(forced.summary.outcome == .written)
    #expect(forced.outputText == "brand_name,product_name\nWizart,GrÃ¼n\nB,Grün\n")
  }

  @Test func typesThatReadTheHeaderAlikeNeedNoChoice() throws {
    let result = FixRun.run("brand_name;collection_name;product_name;product_width\nA;B;C;1,5\n", type: nil)
    #expect(result.summary.outcome == .written)
    #expect(result.summary.type == nil)
    #expect(result.summary.typeNote?.contains("equally well") == true)
    #expect(result.outputText == "brand_name,collection_name,product_name,product_width\nA,B,C,1.5\n")
  }

  @Test func typesThatReadTheHeaderDifferentlyAreRefused() throws {
    var other = Fixtures.schema("wallpaper")
    other.code = "wallpaper_text_widths"
    let index = try #require(other.fields.firstIndex { $0.name == "product_width" })
    other.fields[index].kind = .text
    let result = FixRun.run("brand_name;product_width\nA;1,5\n", type: nil) {
      $0.schema = .infer([Fixtures.schema("wallpaper"), other])
    }
    #expect(result.summary.outcome == .refused)
    #expect(result.item(.typeAmbiguous)?.detail?.contains("wallpaper, wallpaper_text_widths") == true)
    #expect(result.item(.typeAmbiguous)?.detail?.contains("--type") == true)
    #expect(result.folderContents == ["export.csv"])
  }

  @Test func notACatalogueFails() throws {
    let result = FixRun.run("name,price\nA,1\n", type: nil)
    #expect(result.summary.outcome == .failed)
    #expect(result.summary.error?.contains("not a catalogue") == true)
    #expect(result.folderContents == ["export.csv"])
  }

  @Test func inferredTypeIsReported() throws {
    let result = FixRun.run(MessyExport.text(frenchCatalog(), delimiter: ";"), type: nil)
    #expect(result.summary.type == "wallpaper")
    #expect(result.summary.typeNote?.contains("inferred") == true)
  }
}

@Suite struct FixOutputTests {
  @Test func outputThatIsTheInputIsRefused() throws {
    let text = MessyExport.text(frenchCatalog(), delimiter: ";")
    let same = FixRun.run(text) { $0.outputPath = $0.inputPath }
    #expect(same.summary.outcome == .failed)
    #expect(same.summary.error?.contains("it is the input") == true)
    #expect(try String(contentsOfFile: same.input, encoding: .utf8) == text)

    // Through a symlink, and through a hard link.
    let links: [(String, String) throws -> Void] = [
      { alias, input in try FileManager.default.createSymbolicLink(atPath: alias, withDestinationPath: input) },
      { alias, input in try FileManager.default.linkItem(atPath: input, toPath: alias) },
    ]
    for link in links {
      let result = FixRun.run(text) { request in
        let alias = request.outputPath + ".alias.csv"
        #expect((try? link(alias, request.inputPath)) != nil)
        request.outputPath = alias
      }
      #expect(result.summary.outcome == .failed)
      #expect(try String(contentsOfFile: result.input, encoding: .utf8) == text)
    }
  }

  @Test func existingFolderAndMissingFolderAreRefused() throws {
    let folder = FixRun.run("brand_name\nA\n") { request in
      try? FileManager.default.createDirectory(atPath: request.outputPath, withIntermediateDirectories: false)
    }
    #expect(folder.summary.outcome == .failed)
    #expect(folder.summary.error?.contains("it is a folder") == true)

    let missing = FixRun.run("brand_name\nA\n") { $0.outputPath += ".d/out.csv" }
    #expect(missing.summary.outcome == .failed)
    #expect(missing.summary.error?.contains("does not exist") == true)
  }

  @Test func existingOutputIsReplacedWhole() throws {
    let result = FixRun.run("brand_name;product_width\nA;1,5\n") { request in
      try? Data(repeating: 0x41, count: 10_000).write(to: URL(fileURLWithPath: request.outputPath))
    }
    #expect(result.outputText == "brand_name,product_width\nA,1.5\n")
    #expect(result.folderContents == ["export.csv", "fixed.csv"])
  }

  @Test func cleanCatalogueIsCopiedByteForByte() throws {
    let sample = Fixtures.repositoryRoot.appendingPathComponent("samples/wallpaper/catalog.csv").path
    let bytes = try #require(FileManager.default.contents(atPath: sample))
    let result = FixRun.run([UInt8](bytes))
    #expect(result.summary.outcome == .unchanged)
    #expect(result.summary.changes.isEmpty)
    #expect(result.outputBytes == [UInt8](bytes))

    let crlf = MessyExport.text(frenchCatalog(), lineBreak: "\r\n")
    let second = FixRun.run(crlf)
    #expect(second.summary.outcome == .unchanged)
    #expect(second.outputText == crlf)
  }

  @Test func twoRunsWriteTheSameBytes() throws {
    var catalog = frenchCatalog()
    catalog.set(1, "product_width", " 1,06 ")
    let bytes = MessyExport.encode(MessyExport.text(catalog, delimiter: ";", lineBreak: "\r\n"), MessyExport.windows1252)
    let first = FixRun.run(bytes)
    let second = FixRun.run(bytes)
    #expect(first.outputBytes != nil)
    #expect(first.outputBytes == second.outputBytes)
    #expect(FixSummaryJSON.render(first.summary).replacingOccurrences(of: first.output, with: "OUT")
      == FixSummaryJSON.render(second.summary).replacingOccurrences(of: second.output, with: "OUT"))
  }

  @Test func dryRunWritesNothing() throws {
    let result = FixRun.run("brand_name;product_width\nA;1,5\n") { $0.dryRun = true }
    #expect(result.summary.outcome == .dryRun)
    #expect(result.item(.decimalComma)?.count == 1)
    #expect(result.folderContents == ["export.csv"])
  }

  @Test func brokenWorkbookFails() throws {
    let result = FixRun.run([0x50, 0x4B, 0x03, 0x04, 0, 0, 0, 0], name: "catalog.xlsx")
    #expect(result.summary.outcome == .failed)
    #expect(result.summary.error?.hasPrefix("cannot read catalog.xlsx") == true)
    #expect(result.folderContents == ["catalog.xlsx"])
  }

  @Test func largeExportIsStreamed() throws {
    var text = String(MessyExport.text(WallpaperCatalog(rowCount: 1), delimiter: ";").split(separator: "\n")[0]) + "\n"
    let row = MessyExport.text(frenchCatalog(), delimiter: ";").split(separator: "\n")[1]
    let rows = 50_000
    for index in 0..<rows {
      text += row.replacingOccurrences(of: "wp_001", with: "wp_\(index)").replacingOccurrences(of: "1.06", with: "1,06") + "\n"
    }
    let bytes = MessyExport.encode(text, MessyExport.windows1252)
    let result = FixRun.run(bytes) { $0.chunkSize = 64 << 10 }

    #expect(result.summary.outcome == .written)
    #expect(result.summary.rows == rows)
    #expect(result.item(.decimalComma)?.count == rows)
    #expect(result.item(.decimalComma)?.examples.count == 3)
    #expect(bytes.count > 100 * (64 << 10))
    #expect(result.summary.peakBufferBytes <= 64 << 10)
    let output = result.outputText ?? ""
    #expect(output.hasSuffix(",no\n") || output.hasSuffix("\n"))
    #expect(output.utf8.count > bytes.count)
    #expect(noProblems(result.output).summary.errors == 0)
  }
}

@Suite struct FixInputTests {
  @Test func emptyAndHeaderlessFilesFail() throws {
    let empty = FixRun.run([])
    #expect(empty.summary.outcome == .failed)
    #expect(empty.summary.error?.contains("is empty") == true)
    let onlySep = FixRun.run("sep=;\n")
    #expect(onlySep.summary.outcome == .failed)
    #expect(onlySep.summary.error?.contains("no header") == true)
    let blankFirst = FixRun.run("\nbrand_name\nA\n")
    #expect(blankFirst.summary.outcome == .failed)
    #expect(blankFirst.summary.error?.contains("line 1 is empty") == true)
    #expect(blankFirst.folderContents == ["export.csv"])
  }

  @Test func bytesThatAreNotUTF8InAFileReadAsUTF8Fail() throws {
    let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("brand_name,product_name\nA,Gr".utf8) + [0xFC, 0x6E, 0x0A]
    let result = FixRun.run(bytes)
    #expect(result.summary.outcome == .failed)
    #expect(result.summary.error?.contains("line 2: byte 0xFC is not UTF-8") == true)
    #expect(result.folderContents == ["export.csv"])
    let forced = FixRun.run(bytes) { $0.encoding = .windows1252 }
    // The user's word wins: the mark becomes three letters, and check will name the column.
    #expect(forced.outputText == "ï»¿brand_name,product_name\nA,Grün\n")
  }

  @Test func headerOnlyIsWrittenForCheckToJudge() throws {
    let result = FixRun.run("brand_name;product_name\n")
    #expect(result.summary.outcome == .written)
    #expect(result.summary.rows == 0)
    #expect(result.outputText == "brand_name,product_name\n")
  }

  @Test func raggedRowsAndControlCharactersAreLeftForCheck() throws {
    let result = FixRun.run("brand_name;product_width\nA;1,5;extra\nB\u{01};2,5\n")
    #expect(result.summary.outcome == .written)
    #expect(result.item(.raggedRow)?.examples.first?.line == 2)
    #expect(result.item(.controlCharacter)?.count == 1)
    // The ragged row's values are not touched: which column they belong to is unknown.
    #expect(result.outputText == "brand_name,product_width\nA,\"1,5\",extra\nB\u{01},2.5\n")
  }
}
