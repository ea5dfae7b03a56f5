import Foundation
import Testing
import XLSXKit

/// Rows, cells and references; sheets, their selection and the package's relationships.
@Suite struct SheetStructureTests {
  let scratch = Scratch()

  func open(_ fixture: XLSXFixture) throws -> XLSXWorkbook {
    try XLSXWorkbook(path: fixture.write(to: scratch.next()))
  }

  func rows(_ rows: String) throws -> [XLSXRow] {
    try open(XLSXFixture(rows: rows)).rows()
  }

  @Test func referencesAreOptional() throws {
    let result = try rows(
      """
      <row><c><v>1</v></c><c><v>2</v></c></row>\
      <row><c r="C2"><v>3</v></c><c><v>4</v></c></row>\
      <row r="5"><c><v>5</v></c><c r="E5"><v>6</v></c><c/><c><v>7</v></c></row>\
      <row><c r="B9"><v>8</v></c></row>\
      <row><c><v>9</v></c></row>
      """)
    #expect(result == [
      XLSXRow(number: 1, cells: [XLSXCell(column: 0, value: .number("1")), XLSXCell(column: 1, value: .number("2"))]),
      XLSXRow(number: 2, cells: [XLSXCell(column: 2, value: .number("3")), XLSXCell(column: 3, value: .number("4"))]),
      XLSXRow(number: 5, cells: [
        XLSXCell(column: 0, value: .number("5")), XLSXCell(column: 4, value: .number("6")), XLSXCell(column: 6, value: .number("7")),
      ]),
      XLSXRow(number: 9, cells: [XLSXCell(column: 1, value: .number("8"))]),
      XLSXRow(number: 10, cells: [XLSXCell(column: 0, value: .number("9"))]),
    ])
  }

  @Test func farReferencesAreSingleCells() throws {
    let result = try rows(#"<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>corner</t></is></c></row>"#)
    #expect(result == [XLSXRow(number: 1_048_576, cells: [XLSXCell(column: 16_383, value: .text("corner"))])])
  }

  @Test func referencesOutsideTheGridAreMalformed() throws {
    let cases = [
      (#"<row r="1"><c r="XFE1"><v>1</v></c></row>"#, "XFE1"),
      (#"<row r="1048577"><c><v>1</v></c></row>"#, "1048577"),
      (#"<row r="1"><c r="A1048577"><v>1</v></c></row>"#, "A1048577"),
      (#"<row r="1"><c r="a1"><v>1</v></c></row>"#, "\"a1\""),
      (#"<row r="0"><c><v>1</v></c></row>"#, "\"0\""),
      (#"<row r="x"><c><v>1</v></c></row>"#, "\"x\""),
    ]
    for (xml, named) in cases {
      let error = failure { try rows(xml) }
      #expect(error?.kind == .malformed, "\(xml)")
      #expect(error?.message.contains(named) == true, "\(error?.message ?? "no error")")
    }
    // r-less cells past XFD.
    let wide = "<row r=\"1\"><c r=\"XFD1\"><v>1</v></c><c><v>2</v></c></row>"
    #expect(failure { try rows(wide) }?.message.contains("past column XFD") == true)
    // r-less rows past the last row.
    let deep = "<row r=\"1048576\"><c><v>1</v></c></row><row><c><v>2</v></c></row>"
    #expect(failure { try rows(deep) }?.kind == .malformed)
  }

  @Test func rowsAndCellsOutOfOrderAreMalformed() throws {
    let cases = [
      (#"<row r="2"><c><v>1</v></c></row><row r="1"><c><v>2</v></c></row>"#, "row 1 comes after row 2"),
      (#"<row r="2"><c><v>1</v></c></row><row r="2"><c><v>2</v></c></row>"#, "row 2 appears twice"),
      (#"<row r="1"><c r="B1"><v>1</v></c><c r="A1"><v>2</v></c></row>"#, "cell A1 comes after B1"),
      (#"<row r="1"><c r="B1"><v>1</v></c><c r="B1"><v>2</v></c></row>"#, "cell B1 appears twice"),
      (#"<row r="1"><c r="A2"><v>1</v></c></row>"#, "cell A2 is inside row 1"),
      (#"<row><c r="A3"><v>1</v></c><c r="B4"><v>1</v></c></row>"#, "cell B4 is inside row 3"),
    ]
    for (xml, problem) in cases {
      let error = failure { try rows(xml) }
      #expect(error?.kind == .malformed)
      #expect(error?.message.contains(problem) == true, "\(error?.message ?? "no error")")
      #expect(error?.message.contains("sheet \"Sheet1\"") == true)
    }
  }

  @Test func theBodyCanStopAndItsErrorsComeBack() throws {
    let book = try open(XLSXFixture(rows: (1...50).map { "<row><c><v>\($0)</v></c></row>" }.joined()))
    var seen: [Int] = []
    try book.forEachRow(sheet: nil) { row in
      seen.append(row.number)
      return row.number < 3
    }
    #expect(seen == [1, 2, 3])
    struct Mine: Error {}
    let wrapped = failure { try book.forEachRow(sheet: nil) { _ in throw Mine() } }
    #expect(wrapped?.kind == .unreadable)
    #expect(wrapped?.underlying is Mine)
    let passed = failure { try book.forEachRow(sheet: nil) { _ in throw XLSXError(kind: .tooLarge, message: "mine") } }
    #expect(passed?.kind == .tooLarge && passed?.message == "mine")
    // The workbook stays usable, and the shared strings are read once.
    #expect(try book.rows().count == 50)
  }

  @Test func sheetsHiddenStatesAndSelection() throws {
    var fixture = XLSXFixture(sheets: [
      .init(name: "Lists", rows: #"<row r="1"><c t="inlineStr"><is><t>lists</t></is></c></row>"#, state: "hidden"),
      .init(name: "Products", rows: #"<row r="1"><c t="inlineStr"><is><t>products</t></is></c></row>"#),
      .init(name: "Secret", rows: #"<row r="1"><c t="inlineStr"><is><t>secret</t></is></c></row>"#, state: "veryHidden"),
      .init(name: "Ünïcode & <co>", rows: #"<row r="1"><c t="inlineStr"><is><t>unicode</t></is></c></row>"#),
    ])
    let book = try open(fixture)
    #expect(book.sheets == [
      XLSXSheetInfo(name: "Lists", isHidden: true), XLSXSheetInfo(name: "Products", isHidden: false),
      XLSXSheetInfo(name: "Secret", isHidden: true), XLSXSheetInfo(name: "Ünïcode & <co>", isHidden: false),
    ])
    func first(_ sheet: String?) throws -> XLSXValue? { try book.rows(sheet).first?.cells.first?.value }
    #expect(try first(nil) == .text("products"), "the first visible worksheet is the default")
    #expect(book.defaultSheet?.name == "Products")
    #expect(try first("Lists") == .text("lists"))
    #expect(try first("secret") == .text("secret"), "sheet names match case-insensitively, as in Excel")
    #expect(try first("Ünïcode & <co>") == .text("unicode"))
    let unknown = failure { try book.rows("Prices") }
    #expect(unknown?.kind == .noSuchSheet)
    #expect(unknown?.message.contains(#"no sheet named "Prices"; its sheets are "Lists" (hidden), "Products", "Secret" (hidden), "Ünïcode & <co>""#) == true, "\(unknown?.message ?? "")")

    // All hidden: the first worksheet.
    fixture.sheets = [fixture.sheets[0], fixture.sheets[2]]
    #expect(try open(fixture).rows().first?.cells.first?.value == .text("lists"))
  }

  @Test func chartSheetsHaveNoCells() throws {
    var fixture = XLSXFixture(sheets: [.init(name: "Data", rows: #"<row r="1"><c><v>1</v></c></row>"#)])
    let relationships = """
      <?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="\(XLSXFixture.packageRelationships)">\
      <Relationship Id="rId1" Type="\(XLSXFixture.typeBase)worksheet" Target="worksheets/sheet1.xml"/>\
      <Relationship Id="rId2" Type="\(XLSXFixture.typeBase)chartsheet" Target="chartsheets/sheet1.xml"/></Relationships>
      """
    let workbook = """
      <workbook xmlns="\(XLSXFixture.main)" xmlns:r="\(XLSXFixture.relationshipsNS)"><sheets>\
      <sheet name="Chart1" sheetId="2" r:id="rId2"/><sheet name="Data" sheetId="1" r:id="rId1"/></sheets></workbook>
      """
    fixture.overrides["xl/_rels/workbook.xml.rels"] = Array(relationships.utf8)
    fixture.overrides["xl/workbook.xml"] = Array(workbook.utf8)
    let book = try open(fixture)
    #expect(book.sheets.map(\.kind) == [.chartsheet, .worksheet])
    #expect(try book.rows().first?.number == 1, "the default skips chart sheets")
    let chart = failure { try book.rows("Chart1") }
    #expect(chart?.kind == .noSuchSheet)
    #expect(chart?.message.contains("chart sheet") == true)
  }

  @Test func relationshipTargetsResolve() throws {
    var fixture = XLSXFixture(sheets: [
      .init(name: "A", rows: #"<row r="1"><c><v>1</v></c></row>"#), .init(name: "B", rows: #"<row r="1"><c><v>2</v></c></row>"#),
      .init(name: "C", rows: #"<row r="1"><c><v>3</v></c></row>"#),
    ])
    fixture.targets = [0: "/xl/worksheets/sheet1.xml", 1: "./worksheets/../worksheets/sheet2.xml", 2: "worksheets/sheet%33.xml"]
    let book = try open(fixture)
    #expect(try book.rows("A").first?.cells.first?.value == .number("1"))
    #expect(try book.rows("B").first?.cells.first?.value == .number("2"))
    #expect(try book.rows("C").first?.cells.first?.value == .number("3"), "percent-encoded part names")

    fixture.targets = [0: "../../../etc/passwd", 1: "file:///etc/passwd", 2: "worksheets/missing.xml"]
    let broken = try open(fixture)
    for (sheet, problem) in [("A", "points outside the package"), ("B", "points outside the package"), ("C", "is missing")] {
      let error = failure { try broken.rows(sheet) }
      #expect(error?.kind == .malformed)
      #expect(error?.message.contains(problem) == true, "\(error?.message ?? "")")
    }
  }

  @Test func theWorkbookIsFoundWithoutPackageRelationships() throws {
    var fixture = XLSXFixture(rows: #"<row r="1"><c><v>1</v></c></row>"#)
    fixture.omitted = ["_rels/.rels", "[Content_Types].xml"]
    #expect(try open(fixture).rows().count == 1)
    // The package relationship decides where the workbook is.
    fixture.omitted = []
    fixture.overrides["_rels/.rels"] = Array(
      #"<Relationships xmlns="\#(XLSXFixture.packageRelationships)"><Relationship Id="rId1" Type="\#(XLSXFixture.typeBase)officeDocument" Target="/xl/book.xml"/></Relationships>"#.utf8)
    #expect(failure { try open(fixture) }?.kind == .notAWorkbook, "no xl/book.xml")
  }

  @Test func partNamesDifferingOnlyByCaseAreAmbiguous() throws {
    var fixture = XLSXFixture(rows: #"<row r="1"><c><v>1</v></c></row>"#)
    fixture.overrides["xl/worksheets/Sheet1.xml"] = Array(XLSXFixture.worksheet(#"<row r="1"><c><v>2</v></c></row>"#).utf8)
    let error = failure { try open(fixture).rows() }
    #expect(error?.kind == .malformed)
    #expect(error?.message.contains("two parts named") == true)
  }

  @Test func strictOOXMLNamespacesAndPrefixesWork() throws {
    let strict = "http://purl.oclc.org/ooxml/spreadsheetml/main"
    var fixture = XLSXFixture(rows: "")
    fixture.overrides["xl/worksheets/sheet1.xml"] = Array(
      #"<x:worksheet xmlns:x="\#(strict)"><x:sheetData><x:row r="2"><x:c r="B2" t="inlineStr"><x:is><x:t>strict</x:t></x:is></x:c></x:row></x:sheetData></x:worksheet>"#.utf8)
    #expect(try open(fixture).values() == ["B2": .text("strict")])
  }

  @Test func readingTwiceGivesTheSameRows() throws {
    let book = try open(
      XLSXFixture(rows: #"<row r="1"><c t="s"><v>0</v></c><c t="s"><v>1</v></c></row>"#, sharedStrings: ["<t>a</t>", "<t>b</t>"]))
    let first = try book.rows()
    #expect(first.first?.cells.map(\.value) == [.text("a"), .text("b")])
    #expect(try book.rows() == first)
  }

  @Test func workbooksOnSeveralThreadsAtOnce() throws {
    let rows = (1...300).map { "<row><c t=\"s\"><v>\($0 % 3)</v></c><c><v>\($0).5</v></c></row>" }.joined()
    let path = try XLSXFixture(rows: rows, sharedStrings: ["<t>a</t>", "<t>b</t>", "<t>c</t>"]).write(to: scratch.next())
    let expected = try XLSXWorkbook(path: path).rows()
    let results = Results()
    DispatchQueue.concurrentPerform(iterations: 8) { _ in
      let rows = try? XLSXWorkbook(path: path).rows()
      results.add(rows == expected)
    }
    #expect(results.all == Array(repeating: true, count: 8))
  }

  final class Results: @unchecked Sendable {
    private let lock = NSLock()
    private var values: [Bool] = []
    func add(_ value: Bool) { lock.withLock { values.append(value) } }
    var all: [Bool] { lock.withLock { values } }
  }

  @Test func cellReferenceHelpers() {
    #expect(XLSXCellReference.parse("C12")! == (2, 12))
    #expect(XLSXCellReference.parse("A1")! == (0, 1))
    #expect(XLSXCellReference.parse("XFD1048576")! == (16_383, 1_048_576))
    for bad in ["XFE1", "A1048577", "A0", "A01", "1A", "", "A", "c3", "$A$1", "AAAA1", "A1 "] {
      #expect(XLSXCellReference.parse(bad) == nil, "\(bad)")
    }
    #expect(XLSXCellReference.columnName(0) == "A")
    #expect(XLSXCellReference.columnName(25) == "Z")
    #expect(XLSXCellReference.columnName(26) == "AA")
    #expect(XLSXCellReference.columnName(701) == "ZZ")
    #expect(XLSXCellReference.columnName(702) == "AAA")
    #expect(XLSXCellReference.columnName(16_383) == "XFD")
    #expect(XLSXCellReference.name(column: 2, row: 12) == "C12")
    for column in [0, 1, 25, 26, 27, 51, 52, 675, 676, 701, 702, 16_383] {
      #expect(XLSXCellReference.parse(XLSXCellReference.name(column: column, row: 7))! == (column, 7))
    }
  }
}
