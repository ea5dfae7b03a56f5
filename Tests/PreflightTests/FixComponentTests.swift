import Foundation
import Testing
@testable import Preflight

@Suite struct NumberRepairTests {
  typealias Outcome = NumberRepair.Outcome

  @Test(arguments: [
    ("1,06", Outcome.fixed("1.06", .decimalComma)),
    ("-0,5", .fixed("-0.5", .decimalComma)),
    (",5", .fixed(".5", .decimalComma)),
    ("0,530", .fixed("0.530", .decimalComma)),
    ("12,0600", .fixed("12.0600", .decimalComma)),
    ("1.234,56", .fixed("1234.56", .thousandsSeparator)),
    ("1,234.56", .fixed("1234.56", .thousandsSeparator)),
    ("1.234.567", .fixed("1234567", .thousandsSeparator)),
    ("1,234,567", .fixed("1234567", .thousandsSeparator)),
    ("1 234,5", .fixed("1234.5", .thousandsSeparator)),
    ("1\u{00A0}234", .fixed("1234", .thousandsSeparator)),
    ("1'234.50", .fixed("1234.50", .thousandsSeparator)),
    ("+12.345.678,9", .fixed("+12345678.9", .thousandsSeparator)),
    ("1,060", .ambiguous(asDecimal: "1.060", asThousands: "1060")),
    ("-10,050", .ambiguous(asDecimal: "-10.050", asThousands: "-10050")),
    ("1,2,3", .notFixable),
    ("1.23.456", .notFixable),
    ("1.234,5.6", .notFixable),
    ("12 5", .notFixable),
    ("1,", .notFixable),
    ("53 cm", .notFixable),
    ("19.99 EUR", .notFixable),
    ("06.Jan", .notFixable),
    ("1.2E+3", .notFixable),
    ("0.234,5", .notFixable),
    ("abc", .notFixable),
  ])
  func repairs(value: String, expected: Outcome) {
    #expect(NumberRepair.repair(value, separator: .auto) == expected)
  }

  @Test func separatorOptionDecidesOnlyTheAmbiguousCase() {
    #expect(NumberRepair.repair("1,060", separator: .comma) == .fixed("1.060", .decimalComma))
    #expect(NumberRepair.repair("1,060", separator: .dot) == .fixed("1060", .thousandsSeparator))
    #expect(NumberRepair.repair("1,06", separator: .dot) == .fixed("1.06", .decimalComma))
    #expect(NumberRepair.repair("1.234,5", separator: .dot) == .fixed("1234.5", .thousandsSeparator))
  }

  @Test func everyRepairIsAPlainNumber() {
    for value in ["1,06", "1.234,56", "1 234", "+12.345.678,9", ",5"] {
      guard case .fixed(let fixed, _) = NumberRepair.repair(value, separator: .auto) else {
        Issue.record("\(value) not fixed")
        continue
      }
      var text = fixed
      #expect(text.withUTF8 { DecimalNumber.parse(UnsafeRawBufferPointer($0)) } != nil)
    }
  }

  @Test func dottedThousands() {
    func dotted(_ text: String) -> Bool {
      var text = text
      return text.withUTF8 { NumberRepair.isDottedThousands(UnsafeRawBufferPointer($0)) }
    }
    #expect(dotted("1.060") && dotted("-10.050") && dotted("999.000"))
    #expect(!dotted("0.530") && !dotted("1.06") && !dotted("1000.000") && !dotted("1.0600") && !dotted("1060"))
  }

  @Test func booleans() {
    func repair(_ text: String) -> BooleanRepair.Outcome {
      var text = text
      return text.withUTF8 { BooleanRepair.repair(UnsafeRawBufferPointer($0)) }
    }
    #expect(repair("yes") == .canonical && repair("no") == .canonical)
    #expect(repair("TRUE") == .rewrite("yes") && repair("Yes") == .rewrite("yes"))
    #expect(repair("false") == .rewrite("no") && repair("NO") == .rewrite("no"))
    #expect(repair("1") == .unknown && repair("y") == .unknown && repair("да") == .unknown)
  }
}

@Suite struct TranscodingTests {
  private func decode(_ bytes: [UInt8], _ encoding: TextEncoding, chunk: Int) throws -> String {
    var transcoder = TextTranscoder(encoding: encoding)
    var output: [UInt8] = []
    var index = 0
    repeat {
      let end = min(bytes.count, index + chunk)
      let piece = Array(bytes[index..<end])
      try piece.withUnsafeBytes { raw in try transcoder.decode(raw, into: &output, final: end == bytes.count) }
      index = end
    } while index < bytes.count
    return String(decoding: output, as: UTF8.self)
  }

  @Test func codePagesMatchTheirCharts() throws {
    #expect(try decode([0x80, 0x8A, 0x92, 0x96, 0x9F, 0xA0, 0xC9, 0xFF], .windows1252, chunk: 3) == "€Š’–Ÿ\u{00A0}Éÿ")
    #expect(try decode([0xC0, 0xDF, 0xE0, 0xFF, 0xA8, 0xB8, 0xB9, 0x88, 0x80, 0xA5], .windows1251, chunk: 4) == "АЯаяЁё№€ЂҐ")
    #expect(CodePages.windows1252.count == 128 && CodePages.windows1251.count == 128)
  }

  @Test func undefinedBytesAreErrors() {
    #expect(throws: InputReadError.self) { try decode(Array("ok\nx".utf8) + [0x81], .windows1252, chunk: 8) }
    #expect(throws: InputReadError.self) { try decode([0x98], .windows1251, chunk: 8) }
    do {
      _ = try decode(Array("a\nb\n".utf8) + [0x98], .windows1251, chunk: 2)
      Issue.record("0x98 decoded as Windows-1251")
    } catch let error as InputReadError {
      #expect(error.message.contains("line 3"))
    } catch {
      Issue.record("\(error)")
    }
  }

  @Test func utf16SurrogatePairsAcrossChunks() throws {
    let text = "Обои 🌿 €\r\n"
    for chunk in 1...7 {
      #expect(try decode(MessyExport.utf16LittleEndian(text, bom: false), .utf16LittleEndian, chunk: chunk) == text)
      #expect(try decode(MessyExport.utf16BigEndian(text, bom: false), .utf16BigEndian, chunk: chunk) == text)
    }
  }

  @Test func brokenUTF16IsAnError() {
    #expect(throws: InputReadError.self) { try decode([0x41, 0x00, 0x42], .utf16LittleEndian, chunk: 8) }
    #expect(throws: InputReadError.self) { try decode([0x3D, 0xD8, 0x41, 0x00], .utf16LittleEndian, chunk: 8) }
    #expect(throws: InputReadError.self) { try decode([0x00, 0xDC], .utf16LittleEndian, chunk: 8) }
    #expect(throws: InputReadError.self) { try decode([0x3D, 0xD8], .utf16LittleEndian, chunk: 8) }
  }

  @Test func decodingReaderStreamsInSmallChunks() throws {
    let text = String(repeating: "Grüße €;1,5\r\n", count: 500)
    let path = Fixtures.write(MessyExport.encode(text, MessyExport.windows1252))
    let descriptor = open(path, O_RDONLY)
    defer { close(descriptor) }
    let reader = DecodingReader(descriptor: descriptor, encoding: .windows1252, skip: 0, chunkSize: 37)
    var output: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 11)
    while true {
      let got = try buffer.withUnsafeMutableBytes { raw in try reader.read(into: raw.baseAddress!, count: raw.count) }
      if got == 0 { break }
      output += buffer[0..<got]
    }
    #expect(String(decoding: output, as: UTF8.self) == text)
  }
}

@Suite struct EncodingDetectionTests {
  private func evidence(_ bytes: [UInt8], chunk: Int = 1 << 20) throws -> EncodingEvidence {
    let path = Fixtures.write(bytes)
    let descriptor = open(path, O_RDONLY)
    defer { close(descriptor) }
    return try EncodingDetector.scan(descriptor: descriptor, chunkSize: chunk)
  }

  @Test func utf8CutByChunksIsStillUTF8() throws {
    let text = Array(String(repeating: "Grüße € 🌿 Обои\n", count: 50).utf8)
    for chunk in [16, 17, 18, 19, 1000] {
      #expect(try evidence(text, chunk: chunk).verdict == .utf8)
    }
  }

  @Test func westernAndCyrillicCodePages() throws {
    let western = MessyExport.encode("Café Crème, Grüße, Größe, à la pièce\n", MessyExport.windows1252)
    guard case .legacy(.windows1252, _) = try evidence(western).verdict else {
      Issue.record("not read as Windows-1252")
      return
    }
    let cyrillic = MessyExport.encode("Обои флизелиновые, Ёлка, и в саду\n", MessyExport.windows1251)
    guard case .legacy(.windows1251, let reason) = try evidence(cyrillic, chunk: 16).verdict else {
      Issue.record("not read as Windows-1251")
      return
    }
    #expect(reason.contains("runs"))
  }

  @Test func undefinedBytesDecide() throws {
    // 0x98 alone between ASCII looks Western, but Windows-1251 has no 0x98 either way; 0x81 has none in 1252.
    guard case .legacy(.windows1252, let reason) = try evidence(Array("a".utf8) + [0x98] + Array("b".utf8)).verdict else {
      Issue.record("0x98 not read as Windows-1252")
      return
    }
    #expect(reason.contains("0x98"))
    guard case .legacy(.windows1251, _) = try evidence(Array("a".utf8) + [0x81] + Array("b".utf8)).verdict else {
      Issue.record("0x81 not read as Windows-1251")
      return
    }
    guard case .unknown = try evidence([0x81, 0x20, 0x98]).verdict else {
      Issue.record("0x81 and 0x98 together not refused")
      return
    }
  }
}

@Suite struct DialectDetectionTests {
  private let names: Set<String> = ["brand_name", "product_name", "product_width"]

  @Test func delimiterFromTheHeader() {
    #expect(DialectDetector.detect(sample: Array("brand_name;product_name\n".utf8), knownNames: names, forced: nil).delimiter == 0x3B)
    #expect(DialectDetector.detect(sample: Array("brand_name\tproduct_name\n".utf8), knownNames: names, forced: nil).delimiter == 0x09)
    #expect(DialectDetector.detect(sample: Array("brand_name|product_name\n".utf8), knownNames: names, forced: nil).delimiter == 0x7C)
    // Commas inside the names of a semicolon header do not fool it.
    #expect(DialectDetector.detect(sample: Array("brand_name;\"a,b\";product_width\n".utf8), knownNames: names, forced: nil).delimiter == 0x3B)
    #expect(DialectDetector.detect(sample: Array("brand_name,product_name\n".utf8), knownNames: names, forced: nil).delimiter == 0x2C)
    // No known name: the split with the most columns.
    #expect(DialectDetector.detect(sample: Array("a;b;c,d\n".utf8), knownNames: names, forced: nil).delimiter == 0x3B)
    #expect(DialectDetector.detect(sample: Array("brand_name;product_name\n".utf8), knownNames: names, forced: 0x2C).delimiter == 0x2C)
  }

  @Test func sepDirective() {
    #expect(DialectDetector.sepDirective(Array("sep=;\r\nx".utf8))! == (5, 2, 0x3B))
    #expect(DialectDetector.sepDirective(Array("Sep=\t\n".utf8))! == (5, 1, 0x09))
    #expect(DialectDetector.sepDirective(Array("sep=".utf8))! == (4, 0, nil))
    #expect(DialectDetector.sepDirective(Array("sep=;;\n".utf8)) == nil)
    #expect(DialectDetector.sepDirective(Array("separator\n".utf8)) == nil)
  }
}

@Suite struct FixNumberListTests {
  @Test func numberListItemsWithASemicolonSeparator() throws {
    var schema = Fixtures.schema("wall_mural")
    let index = try #require(schema.fields.firstIndex { $0.name == "width_options" })
    schema.fields[index].list?.separator = 0x3B
    let header = schema.fields.map(\.name)
    var cells = [String](repeating: "", count: header.count)
    cells[index] = "1,5; 2,75;3"
    let text = header.joined(separator: ",") + "\n" + cells.map { $0.contains(",") ? "\"\($0)\"" : $0 }.joined(separator: ",") + "\n"
    let result = FixRun.run(text, type: nil) { $0.schema = .given(schema) }
    #expect(result.summary.outcome == .written)
    #expect(result.item(.decimalComma)?.count == 2)
    let written = try tokenize(result.outputBytes ?? [])
    #expect(written.last?.cells[index] == "1.5; 2.75;3")

    cells[index] = "1,060; 2"
    let refused = FixRun.run(
      header.joined(separator: ",") + "\n" + cells.map { $0.contains(",") ? "\"\($0)\"" : $0 }.joined(separator: ",") + "\n",
      type: nil
    ) { $0.schema = .given(schema) }
    #expect(refused.summary.outcome == .refused)
  }

  @Test func commaListsAreNotTouched() throws {
    let schema = Fixtures.schema("wall_mural")
    let index = try #require(schema.fields.firstIndex { $0.name == "width_options" })
    let header = schema.fields.map(\.name)
    var cells = [String](repeating: "", count: header.count)
    cells[index] = "\"1,5, 2,5\""
    let text = header.joined(separator: ",") + "\n" + cells.joined(separator: ",") + "\n"
    let result = FixRun.run(text, type: "wall_mural")
    #expect(result.summary.outcome == .unchanged)
    #expect(result.outputText == text)
  }
}
