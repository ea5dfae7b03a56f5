import Foundation
import Testing
@testable import Preflight

/// A record as plain values, for comparisons.
struct TokenizedRecord: Equatable {
  var line: Int
  var cells: [String]
  var flags: [CellFlags]
}

func tokenize(_ bytes: [UInt8], chunkSize: Int = 1 << 20, maxRecordBytes: Int = 16 << 20) throws -> [TokenizedRecord] {
  let path = Fixtures.write(bytes)
  let descriptor = open(path, O_RDONLY)
  defer { close(descriptor) }
  let tokenizer = CSVTokenizer(fileDescriptor: descriptor, chunkSize: chunkSize, maxRecordBytes: maxRecordBytes)
  var records: [TokenizedRecord] = []
  try tokenizer.forEachRecord { record in
    if record.oversized {
      records.append(TokenizedRecord(line: record.line, cells: ["<oversized>"], flags: []))
    } else {
      records.append(
        TokenizedRecord(
          line: record.line, cells: (0..<record.cells.count).map { String(decoding: record.bytes($0), as: UTF8.self) },
          flags: (0..<record.cells.count).map { record.cells[$0].flags }))
    }
    return true
  }
  return records
}

@Suite struct TokenizerTests {
  @Test func plainRecordsWithLFAndCRLF() throws {
    let records = try tokenize(Array("a,b,c\r\n1,2,3\n4,5,6".utf8))
    #expect(records.map(\.cells) == [["a", "b", "c"], ["1", "2", "3"], ["4", "5", "6"]])
    #expect(records.map(\.line) == [1, 2, 3])
  }

  @Test func quotedCellsWithDelimitersQuotesAndLineBreaks() throws {
    let text = "h1,h2\n\"a,b\",\"say \"\"hi\"\"\"\n\"line1\r\nline2\",x\n\"\",end\n"
    let records = try tokenize(Array(text.utf8))
    #expect(records.map(\.cells) == [["h1", "h2"], ["a,b", "say \"hi\""], ["line1\r\nline2", "x"], ["", "end"]])
    #expect(records.map(\.line) == [1, 2, 3, 5])
    #expect(records[3].flags[0].contains(.quoted))
  }

  @Test func trailingDelimiterGivesAnEmptyLastCell() throws {
    #expect(try tokenize(Array("a,b,\n".utf8)).map(\.cells) == [["a", "b", ""]])
  }

  @Test func blankLinesAreRecordsButAFinalNewlineIsNot() throws {
    let records = try tokenize(Array("a\n\nb\n".utf8))
    #expect(records.map(\.cells) == [["a"], [""], ["b"]])
    #expect(records.map(\.line) == [1, 2, 3])
  }

  @Test func loneCarriageReturnEndsALine() throws {
    let records = try tokenize(Array("a,b\r1,2\r".utf8))
    #expect(records.map(\.cells) == [["a", "b"], ["1", "2"]])
    #expect(records.map(\.line) == [1, 2])
  }

  @Test func unclosedQuoteRunsToTheEndAndIsFlagged() throws {
    let records = try tokenize(Array("a,b\n\"open,1\n2,3\n".utf8))
    #expect(records.count == 2)
    #expect(records[1].cells == ["open,1\n2,3\n"])
    #expect(records[1].flags[0].contains(.unclosedQuote))
  }

  @Test func strayQuotesAndControlCharactersAreFlagged() throws {
    let records = try tokenize([0x61, 0x22, 0x62, 0x2C, 0x22, 0x71, 0x22, 0x78, 0x2C, 0x63, 0x00, 0x64, 0x2C, 0x65, 0x09, 0x66])
    #expect(records[0].flags[0].contains(.strayQuote))
    #expect(records[0].flags[1].contains(.textAfterQuote))
    #expect(records[0].flags[2].contains(.controlCharacter))
    #expect(records[0].flags[3].contains(.controlCharacter), "a tab outside quotes is a control character")
    let quotedTab = try tokenize(Array("\"a\tb\"".utf8))
    #expect(!quotedTab[0].flags[0].contains(.controlCharacter), "a tab inside quotes is allowed")
  }

  @Test func everyChunkSizeGivesTheSameRecords() throws {
    let text = "name,value\n\"multi\r\nline, with \"\"quotes\"\"\",1.5\nplain,2\r\n\"x\",\"\"\nü€😀,\"ж\"\n"
    let expected = try tokenize(Array(text.utf8))
    for chunk in [64, 65, 70, 97, 128] {
      let padded = String(repeating: "p,q\n", count: 20) + text
      let records = try tokenize(Array(padded.utf8), chunkSize: chunk)
      #expect(Array(records.suffix(expected.count)).map(\.cells) == expected.map(\.cells), "chunk \(chunk)")
    }
  }

  /// The unquoted scan skips eight bytes at a time: a special byte at any lane must stop it.
  @Test func specialBytesAreFoundAtEveryPositionOfALongCell() throws {
    let specials: [(bytes: [UInt8], check: ([TokenizedRecord]) -> Bool)] = [
      ([0x2C], { $0.count == 1 && $0[0].cells.count == 2 }),
      ([0x0A], { $0.count == 2 }),
      ([0x0D], { $0.count == 2 }),
      ([0x22], { $0[0].flags[0].contains(.strayQuote) }),
      ([0x01], { $0[0].flags[0].contains(.controlCharacter) }),
      ([0xC3, 0xA9], { $0[0].flags[0].contains(.nonASCII) && $0[0].cells[0].contains("é") }),
    ]
    for (special, check) in specials {
      for offset in 0..<18 {
        let bytes = [UInt8](repeating: 0x61, count: offset + 1) + special + [UInt8](repeating: 0x62, count: 20)
        let records = try tokenize(bytes)
        #expect(check(records), "byte \(special) at \(offset): \(records)")
        #expect(records.flatMap(\.cells).joined().utf8.count >= offset + 20)
      }
    }
  }

  @Test func recordsLongerThanTheLimitAreSkippedWithTheirLines() throws {
    let long = String(repeating: "x", count: 500)
    let text = "a,b\n\"\(long)\n\(long)\",1\nnext,2\n"
    let records = try tokenize(Array(text.utf8), chunkSize: 64, maxRecordBytes: 256)
    #expect(records.map(\.cells) == [["a", "b"], ["<oversized>"], ["next", "2"]])
    #expect(records.map(\.line) == [1, 2, 4])
  }

  @Test func invalidUTF8IsLocatedToItsLineAndCell() throws {
    let path = Fixtures.write(Array("h1,h2\nok,\"two\nlines caf".utf8) + [0xE9] + Array("\"\n".utf8))
    let descriptor = open(path, O_RDONLY)
    defer { close(descriptor) }
    let tokenizer = CSVTokenizer(fileDescriptor: descriptor)
    var found: CSVRecord.InvalidByte?
    try tokenizer.forEachRecord { record in
      if let bad = record.invalidUTF8 { found = bad }
      return true
    }
    #expect(found?.line == 3)
    #expect(found?.cell == 1)
    #expect(found?.byte == 0xE9)
    #expect(found?.fileOffset == 23)
  }
}

@Suite struct ByteLevelTests {
  @Test func numbersFollowTheDocumentedSyntax() {
    func parse(_ text: String) -> Double? {
      Array(text.utf8).withUnsafeBytes { DecimalNumber.parse($0) }
    }
    #expect(parse("1.06") == 1.06)
    #expect(parse("0.01") == 0.01)
    #expect(parse("15") == 15)
    #expect(parse("-2.5") == -2.5)
    #expect(parse("+3") == 3)
    #expect(parse(".5") == 0.5)
    #expect(parse("5.") == 5)
    #expect(parse("12345678901234567890.5") == 12345678901234567890.5)
    for bad in ["", ".", "1,06", "1.0.6", "1e5", "0x10", " 1", "1 ", "--1", "+", "1-"] {
      #expect(parse(bad) == nil, "\(bad)")
    }
  }

  @Test func utf8ValidationRejectsOverlongsSurrogatesAndTruncation() {
    func firstBad(_ bytes: [UInt8]) -> Int? { bytes.withUnsafeBytes { UTF8Validation.firstInvalidOffset(in: $0) } }
    #expect(firstBad(Array("plain ü € 😀".utf8)) == nil)
    #expect(firstBad([0x61, 0xC0, 0x80]) == 1)
    #expect(firstBad([0xED, 0xA0, 0x80]) == 0)
    #expect(firstBad([0x61, 0x62, 0xE2, 0x82]) == 2)
    #expect(firstBad([0xF4, 0x90, 0x80, 0x80]) == 0)
    #expect(firstBad([0x61, 0xFF]) == 1)
  }

  @Test func legacyEncodingGuessTellsCyrillicFromWestern() {
    let cyrillic: [UInt8] = Array("wp_1,".utf8) + [0xCE, 0xE1, 0xEE, 0xE8, 0x20, 0xD0, 0xEE, 0xE7, 0xE0]
    let western: [UInt8] = Array("Caf".utf8) + [0xE9] + Array(" Gr".utf8) + [0xFC] + Array("n".utf8)
    #expect(cyrillic.withUnsafeBytes { LegacyEncodingGuess.guess($0) }.contains("1251"))
    #expect(western.withUnsafeBytes { LegacyEncodingGuess.guess($0) }.contains("1252"))
  }

  @Test func sniffingNamesEncodingsAndBinaryFormats() {
    #expect(InputSniffer.kind(of: [0xEF, 0xBB, 0xBF, 0x61]) == .utf8(bom: true))
    #expect(InputSniffer.kind(of: [0xFF, 0xFE, 0x61, 0x00]) == .utf16(bigEndian: false, bom: true))
    #expect(InputSniffer.kind(of: Array("brand".utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }) == .utf16(bigEndian: false, bom: false))
    if case .binary(let format, _) = InputSniffer.kind(of: [0x50, 0x4B, 0x03, 0x04, 0, 0]) {
      #expect(format.contains("xlsx"))
    } else {
      Issue.record("a ZIP container must be named")
    }
    #expect(InputSniffer.kind(of: Array("brand_name,x".utf8)) == .utf8(bom: false))
  }
}

@Suite struct SuggestionTests {
  @Test func swapsCountAsOneEdit() {
    #expect(EditDistance.between("tpye", "type") == 1)
    #expect(EditDistance.between("prodcut_width", "product_width") == 1)
    #expect(EditDistance.between("roof", "floor") == 3)
    #expect(EditDistance.between("", "abc") == 3)
  }

  @Test func suggestionsStayWithinATypo() {
    #expect(EditDistance.suggestion(for: "--tpye", in: ["--type", "--schema"]) == "--type")
    #expect(EditDistance.suggestion(for: "roof", in: ["wall", "ceiling", "floor"]) == nil)
    #expect(EditDistance.suggestion(for: "product_width", in: ["product_link", "pattern_width"]) == nil)
    #expect(EditDistance.suggestion(for: "wallpaper_rol_length", in: ["wallpaper_roll_length"]) == "wallpaper_roll_length")
  }
}
