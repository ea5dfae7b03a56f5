import Foundation
import Testing
@testable import XLSXKit
import ZipKit

/// Workbooks built to hurt readers: entity expansion, external entities, bombs, oversized tables,
/// attribute floods, broken XML and encodings. Each must end in a clear error, fast, in bounded memory.
@Suite struct HostileWorkbookTests {
  let scratch = Scratch()

  func open(_ fixture: XLSXFixture, limits: XLSXLimits = .standard) throws -> XLSXWorkbook {
    try XLSXWorkbook(path: fixture.write(to: scratch.next()), limits: limits)
  }

  /// A fixture whose sheet part is exactly `xml`.
  func sheet(_ xml: String) -> XLSXFixture {
    var fixture = XLSXFixture(rows: "")
    fixture.overrides["xl/worksheets/sheet1.xml"] = Array(xml.utf8)
    return fixture
  }

  static let billionLaughs = """
    <?xml version="1.0"?>
    <!DOCTYPE lolz [
     <!ENTITY lol "lol">
     <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
     <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
     <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
     <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
     <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
     <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
     <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
     <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
     <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
    ]>
    <worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c></row></sheetData></worksheet>
    """

  static let externalEntity = """
    <?xml version="1.0" encoding="UTF-8"?>
    <!DOCTYPE sst [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
    <sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1"><si><t>&xxe;</t></si></sst>
    """

  @Test func billionLaughsIsRefusedBeforeExpansion() throws {
    let memoryBefore = peakMemory()
    let started = Date()
    let error = failure { try open(sheet(Self.billionLaughs)).rows() }
    #expect(error?.kind == .hostile)
    #expect(error?.part == "xl/worksheets/sheet1.xml")
    #expect(error?.message.contains("DOCTYPE") == true)
    #expect(Date().timeIntervalSince(started) < 10, "no expansion: this takes milliseconds")
    #expect(peakMemory() - memoryBefore < 256 << 20, "ten to the ninth lols would need gigabytes")
  }

  @Test func externalEntitiesNeverLeakFiles() throws {
    var fixture = XLSXFixture(rows: #"<row r="1"><c r="A1" t="s"><v>0</v></c></row>"#, sharedStrings: [])
    fixture.overrides["xl/sharedStrings.xml"] = Array(Self.externalEntity.utf8)
    let book = try open(fixture)
    var seen: [XLSXRow] = []
    let error = failure { try book.forEachRow(sheet: nil) { seen.append($0); return true } }
    #expect(error?.kind == .hostile)
    #expect(error?.part == "xl/sharedStrings.xml")
    #expect(seen.isEmpty)
    #expect(error?.message.contains("root:") == false)
    // The same payload in the workbook part stops the open.
    var inWorkbook = XLSXFixture(rows: "")
    inWorkbook.overrides["xl/workbook.xml"] = Array(
      #"<?xml version="1.0"?><!DOCTYPE workbook [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="&xxe;" sheetId="1" r:id="rId1"/></sheets></workbook>"#.utf8)
    let opened = failure { try open(inWorkbook) }
    #expect(opened?.kind == .hostile)
    #expect(opened?.message.contains("root:") == false)
  }

  /// Without the byte screen, libxml2 still meets the DOCTYPE as a node and the reader refuses it:
  /// no entity is substituted, nothing is loaded.
  @Test func theDoctypeNodeIsRefusedEvenWithoutTheScreen() throws {
    for payload in [Self.billionLaughs, Self.externalEntity] {
      let path = scratch.path("unscreened-\(payload.count).zip")
      try ZipWriter.write([.init(name: "part.xml", data: Array(payload.utf8))], to: path)
      let archive = try ZipArchive(path: path)
      let xml = try XMLPart(
        archive: archive, entry: archive.entries[0], name: "part.xml", limit: 1 << 20, limitReason: "test", limits: .standard,
        screening: false)
      var texts: [String] = []
      let error = failure {
        while let type = try xml.next() {
          if type == XMLPart.NodeType.text { texts.append(xml.valueString) }
        }
      }
      #expect(error?.kind == .hostile || error?.kind == .malformed, "\(error?.message ?? "no error")")
      #expect(!texts.contains { $0.contains("root:") || $0.contains("lollol") })
    }
  }

  @Test func theScreenSeesThroughCommentsCDATAAndQuotes() {
    func problem(_ text: String, chunk: Int = 1, maxAttributes: Int = 4) -> XMLByteScreen.Problem? {
      var screen = XMLByteScreen(maxAttributes: maxAttributes)
      let bytes = Array(text.utf8)
      var start = 0
      while start < bytes.count {
        let end = min(bytes.count, start + chunk)
        let found = bytes[start..<end].withUnsafeBytes { screen.screen($0) }
        if let found { return found }
        start = end
      }
      return nil
    }
    for chunk in [1, 2, 3, 7, 4096] {
      #expect(problem("<?xml version=\"1.0\"?><!DOCTYPE x><x/>", chunk: chunk) == .declaration)
      #expect(problem("<x><!ENTITY a \"b\"></x>", chunk: chunk) == .declaration)
      #expect(problem("<x><!-- <!DOCTYPE x> --><![CDATA[<!DOCTYPE y>]]><?pi <!DOCTYPE z>?></x>", chunk: chunk) == nil)
      #expect(problem("<x a=\"<!DOCTYPE\" b='>' c=\"=\" d='==' />text = = = = =<y/>", chunk: chunk) == nil)
      #expect(problem("<x a='1' b='2' c='3' d='4'/><y a='1' b='2' c='3' d='4'/>", chunk: chunk) == nil)
      #expect(problem("<x a='1' b='2' c='3' d='4' e='5'/>", chunk: chunk) == .tooManyAttributes)
      #expect(problem("<x><!-- a -- b --><!----><!DOCTYPE y></x>", chunk: chunk) == .declaration)
      #expect(problem("<x><![CDATA[ ]] ]> ]]]><!DOCTYPE y></x>", chunk: chunk) == .declaration)
    }
    #expect(problem("\u{FEFF}<x/>") == nil, "a UTF-8 byte-order mark is fine")
    func encoding(_ bytes: [UInt8]) -> String? { bytes.withUnsafeBufferPointer { XMLByteScreen.foreignEncoding($0) } }
    #expect(encoding([0xFF, 0xFE, 0x3C, 0x00]) == "UTF-16")
    #expect(encoding([0x00, 0x3C, 0x00, 0x3F]) == "UTF-16")
    #expect(encoding([0x3C, 0x00, 0x00, 0x00]) == "UTF-32")
    #expect(encoding([0xEF, 0xBB, 0xBF, 0x3C]) == nil)
    #expect(encoding(Array("<?xm".utf8)) == nil)
  }

  @Test func attributeFloodsAreRefusedQuickly() throws {
    let attributes = (0..<200_000).map { "a\($0)=\"1\"" }.joined(separator: " ")
    let started = Date()
    let error = failure { try open(sheet(XLSXFixture.worksheet("<row r=\"1\" \(attributes)><c><v>1</v></c></row>"))).rows() }
    #expect(error?.kind == .hostile)
    #expect(error?.message.contains("more than 256 attributes") == true)
    #expect(Date().timeIntervalSince(started) < 10, "libxml2 alone needs about 90 s for this")
  }

  @Test func hugeSharedStringTablesAreRefused() throws {
    // Declared far over the cap: refused before a single string is read.
    var declared = XLSXFixture(rows: #"<row r="1"><c t="s"><v>0</v></c></row>"#, sharedStrings: [])
    declared.overrides["xl/sharedStrings.xml"] = Array(
      #"<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="999999999" uniqueCount="999999999"><si><t>a</t></si></sst>"#.utf8)
    let declaredError = failure { try open(declared).rows() }
    #expect(declaredError?.kind == .tooLarge)
    #expect(declaredError?.message.contains("declares 999999999 shared strings") == true)

    // Actually over the cap (the declaration lies low).
    var limits = XLSXLimits.standard
    limits.maxSharedStrings = 1_000
    let strings = (0...1_000).map { "<t>s\($0)</t>" }
    var actual = XLSXFixture(rows: #"<row r="1"><c t="s"><v>0</v></c></row>"#, sharedStrings: strings)
    actual.overrides["xl/sharedStrings.xml"] = Array(
      (#"<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1">"# + strings.map { "<si>\($0)</si>" }.joined() + "</sst>").utf8)
    let actualError = failure { try open(actual, limits: limits).rows() }
    #expect(actualError?.kind == .tooLarge)
    #expect(actualError?.message.contains("more than 1000 shared strings") == true)
    // Exactly at the cap is fine.
    actual.sharedStrings = Array(strings.prefix(1_000))
    actual.overrides = [:]
    #expect(try open(actual, limits: limits).rows().first?.cells.first?.value == .text("s0"))

    // Text bytes over the cap.
    limits = .standard
    limits.maxSharedStringBytes = 10_000
    let long = XLSXFixture(rows: #"<row r="1"><c t="s"><v>0</v></c></row>"#, sharedStrings: (0..<20).map { "<t>\(String(repeating: "x", count: 600))\($0)</t>" })
    #expect(failure { try open(long, limits: limits).rows() }?.kind == .tooLarge)
  }

  @Test func amplificationThroughOneLongSharedStringIsCapped() throws {
    // One 100 KB string, referenced by 300 cells of one row: 30 MB of text from a small file.
    let cells = (0..<300).map { _ in "<c t=\"s\"><v>0</v></c>" }.joined()
    let fixture = XLSXFixture(rows: "<row r=\"1\">\(cells)</row>", sharedStrings: ["<t>\(String(repeating: "long ", count: 20_000))</t>"])
    let error = failure { try open(fixture).rows() }
    #expect(error?.kind == .tooLarge)
    #expect(error?.message.contains("row 1 holds more than 16 MiB of text") == true)
  }

  @Test func cellTextAndCellCountsAreCapped() throws {
    var limits = XLSXLimits.standard
    limits.maxCellsPerRow = 10
    let wide = XLSXFixture(rows: "<row r=\"1\">" + (0..<11).map { _ in "<c><v>1</v></c>" }.joined() + "</row>")
    #expect(failure { try open(wide, limits: limits).rows() }?.message.contains("more than 10 cells") == true)
    let long = XLSXFixture(rows: "<row r=\"4\"><c r=\"C4\" t=\"inlineStr\"><is><t>\(String(repeating: "é", count: 70_000))</t></is></c></row>")
    let error = failure { try open(long).rows() }
    #expect(error?.kind == .tooLarge)
    #expect(error?.message.contains("cell C4 holds more than 131068 bytes") == true)
  }

  @Test func partsOverTheByteCapsStop() throws {
    var limits = XLSXLimits.standard
    limits.maxSheetBytes = 100_000
    let rows = (1...5_000).map { "<row r=\"\($0)\"><c r=\"A\($0)\"><v>\($0)</v></c></row>" }.joined()
    let fixture = XLSXFixture(rows: rows)
    var seen = 0
    let declared = failure { try open(fixture, limits: limits).forEachRow(sheet: nil) { _ in seen += 1; return true } }
    #expect(declared?.kind == .tooLarge)
    #expect(declared?.message.contains("xl/worksheets/sheet1.xml is larger than the limit for a sheet") == true, "\(declared?.message ?? "")")
    #expect(declared?.message.contains("declares") == true)
    #expect(seen == 0, "an honest size over the cap is refused before reading")

    // A part that lies about its size is stopped by the stream's limit.
    let path = try fixture.write(to: scratch.next())
    var bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
    try setDeclaredSize(&bytes, of: "xl/worksheets/sheet1.xml", to: 1_000)
    let lying = scratch.write(bytes, "lying.xlsx")
    let error = failure { try XLSXWorkbook(path: lying, limits: limits).forEachRow(sheet: nil) { _ in seen += 1; return true } }
    #expect(error?.kind == .tooLarge)
    #expect(error?.message.contains("xl/worksheets/sheet1.xml is larger than the limit for a sheet (100000 bytes); it was not read further") == true, "\(error?.message ?? "")")
    #expect(seen > 1_000 && seen < 5_000, "rows before the cap were streamed")

    // The total budget covers all parts of one pass.
    limits = .standard
    limits.maxTotalBytes = 150_000
    let total = failure { try open(fixture, limits: limits).rows() }
    #expect(total?.kind == .tooLarge)
    #expect(total?.message.contains("what is left of the") == true)

    limits = .standard
    limits.maxPartBytes = 200
    let small = failure { try open(fixture, limits: limits) }
    #expect(small?.kind == .tooLarge)
    #expect(small?.message.contains("_rels/.rels is larger than the limit for a relationships part (200 bytes)") == true, "\(small?.message ?? "")")
  }

  /// Rewrites the uncompressed size in an entry's local and central headers.
  func setDeclaredSize(_ bytes: inout [UInt8], of entry: String, to size: UInt32) throws {
    let name = Array(entry.utf8)
    func find(_ signature: [UInt8], nameAt offset: Int) -> Int? {
      (0..<(bytes.count - offset - name.count)).first { i in
        Array(bytes[i..<(i + 4)]) == signature && Array(bytes[(i + offset)..<(i + offset + name.count)]) == name
      }
    }
    let local = try #require(find([0x50, 0x4B, 0x03, 0x04], nameAt: 30))
    let central = try #require(find([0x50, 0x4B, 0x01, 0x02], nameAt: 46))
    for (offset, field) in [(local, 22), (central, 24)] {
      for k in 0..<4 { bytes[offset + field + k] = UInt8(size >> (8 * UInt32(k)) & 0xFF) }
    }
  }

  @Test func overlappingEntriesAreABomb() throws {
    // Two parts whose central records point at the same local header and data.
    let path = try XLSXFixture(rows: #"<row r="1"><c><v>1</v></c></row>"#).write(to: scratch.next())
    var bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
    func centralRecords() -> [Int] {
      (0..<(bytes.count - 4)).filter { Array(bytes[$0..<($0 + 4)]) == [0x50, 0x4B, 0x01, 0x02] }
    }
    let records = centralRecords()
    let sheetRecord = try #require(records.first { Array(bytes[($0 + 46)..<($0 + 46 + 24)]) == Array("xl/worksheets/sheet1.xml".utf8) })
    let otherRecord = try #require(records.first { Array(bytes[($0 + 46)..<($0 + 46 + 19)]) == Array("[Content_Types].xml".utf8) })
    // Copy offset, sizes, CRC and method of the sheet into the other record.
    for field in [10, 12, 14, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 42, 43, 44, 45] {
      bytes[otherRecord + field] = bytes[sheetRecord + field]
    }
    let error = failure { try XLSXWorkbook(path: scratch.write(bytes, "overlap.xlsx")) }
    #expect(error?.kind == .hostile, "\(error?.message ?? "")")
    #expect(error?.message.contains("zip bomb") == true)
  }

  @Test func compressionBombsAreStopped() throws {
    // 20 MB of one repeated row: deflate packs it about 1000:1.
    let row = "<row><c><v>0</v></c></row>"
    let bomb = XLSXFixture.worksheet(String(repeating: row, count: 20_000_000 / row.utf8.count))
    let started = Date()
    let error = failure { try open(sheet(bomb)).rows() }
    #expect(error?.kind == .hostile)
    #expect(error?.message.contains("inflates to more than 100 times its compressed size") == true)
    #expect(Date().timeIntervalSince(started) < 20)
  }

  @Test func brokenXMLNamesPartAndLine() throws {
    let error = failure { try open(sheet("<?xml version=\"1.0\"?>\n<worksheet>\n<sheetData>\n<row></sheetData></worksheet>")).rows() }
    #expect(error?.kind == .malformed)
    #expect(error?.part == "xl/worksheets/sheet1.xml")
    #expect(error?.line == 4)
    #expect(error?.message.hasPrefix("xl/worksheets/sheet1.xml, line 4") == true, "\(error?.message ?? "")")

    let truncated = failure { try open(sheet(String(XLSXFixture.worksheet("<row><c><v>1</v></c></row>").prefix(120)))).rows() }
    #expect(truncated?.kind == .malformed)

    var workbook = XLSXFixture(rows: "")
    workbook.overrides["xl/workbook.xml"] = Array("<workbook><sheets><sheet name=\"a\"></sheets>".utf8)
    let opened = failure { try open(workbook) }
    #expect(opened?.kind == .malformed)
    #expect(opened?.part == "xl/workbook.xml")
  }

  @Test func invalidUTF8AndForeignEncodingsAreMalformed() throws {
    var bytes = Array(XLSXFixture.worksheet(#"<row r="1"><c t="inlineStr"><is><t>caf"#).utf8)
    bytes += [0xE9]  // Latin-1 é
    bytes += Array("</t></is></c></row>".utf8) + Array("</sheetData></worksheet>".utf8)
    var fixture = XLSXFixture(rows: "")
    fixture.overrides["xl/worksheets/sheet1.xml"] = bytes
    let error = failure { try open(fixture).rows() }
    #expect(error?.kind == .malformed)
    #expect(error?.message.contains("line 2") == true, "\(error?.message ?? "")")

    // A declared encoding does not switch the reader away from UTF-8.
    var declared = Array(#"<?xml version="1.0" encoding="ISO-8859-1"?><worksheet><sheetData><row><c t="inlineStr"><is><t>caf"#.utf8)
    declared += [0xE9] + Array("</t></is></c></row></sheetData></worksheet>".utf8)
    fixture.overrides["xl/worksheets/sheet1.xml"] = declared
    #expect(failure { try open(fixture).rows() }?.kind == .malformed)

    var utf16: [UInt8] = [0xFF, 0xFE]
    for unit in XLSXFixture.worksheet("").utf16 { utf16 += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
    fixture.overrides["xl/worksheets/sheet1.xml"] = utf16
    let wide = failure { try open(fixture).rows() }
    #expect(wide?.kind == .malformed)
    #expect(wide?.message.contains("UTF-16") == true)

    // Control characters are not XML.
    fixture.overrides["xl/worksheets/sheet1.xml"] = Array(XLSXFixture.worksheet("<row><c t=\"inlineStr\"><is><t>a\u{1}b</t></is></c></row>").utf8)
    #expect(failure { try open(fixture).rows() }?.kind == .malformed)
  }

  @Test func encryptedAndDamagedEntriesAreUnreadable() throws {
    let path = try XLSXFixture(rows: #"<row r="1"><c><v>1</v></c></row>"#).write(to: scratch.next())
    var bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
    // Flag the sheet entry as encrypted (general-purpose bit 0) in its local and central headers.
    let name = Array("xl/worksheets/sheet1.xml".utf8)
    func find(_ signature: [UInt8], nameAt offset: Int) -> Int? {
      (0..<(bytes.count - offset - name.count)).first { i in
        Array(bytes[i..<(i + 4)]) == signature && Array(bytes[(i + offset)..<(i + offset + name.count)]) == name
      }
    }
    let local = try #require(find([0x50, 0x4B, 0x03, 0x04], nameAt: 30))
    let central = try #require(find([0x50, 0x4B, 0x01, 0x02], nameAt: 46))
    var encrypted = bytes
    encrypted[local + 6] |= 1
    encrypted[central + 8] |= 1
    let error = failure { try XLSXWorkbook(path: scratch.write(encrypted, "encrypted.xlsx")).rows() }
    #expect(error?.kind == .unreadable)
    #expect(error?.message.contains("encrypted") == true)

    // Damaged data: the CRC-32 in both headers no longer matches.
    bytes[local + 14] ^= 0xFF
    bytes[central + 16] ^= 0xFF
    let damaged = failure { try XLSXWorkbook(path: scratch.write(bytes, "damaged.xlsx")).rows() }
    #expect(damaged?.kind == .unreadable)
    #expect(damaged?.message.contains("damaged") == true)
  }
}
