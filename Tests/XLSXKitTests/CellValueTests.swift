import Foundation
import Testing
import XLSXKit

/// Every kind of cell value, as Excel and other writers store them.
@Suite struct CellValueTests {
  let scratch = Scratch()

  func open(_ fixture: XLSXFixture) throws -> XLSXWorkbook {
    try XLSXWorkbook(path: fixture.write(to: scratch.next()))
  }

  @Test func everyValueKind() throws {
    let fixture = XLSXFixture(
      rows: """
        <row r="1" spans="1:9">\
        <c r="A1" t="s"><v>0</v></c>\
        <c r="B1" t="inlineStr"><is><t>inline</t></is></c>\
        <c r="C1" t="str"><f>UPPER("x")</f><v>X</v></c>\
        <c r="D1" t="b"><v>1</v></c>\
        <c r="E1" t="b"><v>0</v></c>\
        <c r="F1" t="e"><f>1/0</f><v>#DIV/0!</v></c>\
        <c r="G1"><v>42</v></c>\
        <c r="H1" t="n"><v>-0.5</v></c>\
        <c r="I1" t="d"><v>2024-01-06T13:45:00Z</v></c>\
        </row>
        """, sharedStrings: ["<t>shared</t>"])
    let rows = try open(fixture).rows()
    #expect(rows.count == 1)
    #expect(rows.first?.number == 1)
    #expect(rows.first?.cells == [
      XLSXCell(column: 0, value: .text("shared")),
      XLSXCell(column: 1, value: .text("inline")),
      XLSXCell(column: 2, value: .text("X")),
      XLSXCell(column: 3, value: .boolean(true)),
      XLSXCell(column: 4, value: .boolean(false)),
      XLSXCell(column: 5, value: .error("#DIV/0!")),
      XLSXCell(column: 6, value: .number("42")),
      XLSXCell(column: 7, value: .number("-0.5")),
      XLSXCell(column: 8, value: .date("2024-01-06 13:45:00")),
    ])
  }

  @Test func emptyCellsAndRowsAreNotReported() throws {
    let fixture = XLSXFixture(
      rows: """
        <row r="1"><c r="A1" s="0"/><c r="B1"><v></v></c><c r="C1" t="s"/><c r="D1" t="inlineStr"><is><t></t></is></c>\
        <c r="E1" t="str"><f>""</f><v/></c><c r="F1" t="s"><v>1</v></c></row>\
        <row r="2" spans="1:3" ht="20" customHeight="1"/>\
        <row r="3"><c r="A3" s="0"/></row>\
        <row r="5"><c r="C5"><v>7</v></c></row>
        """, sharedStrings: ["<t>a</t>", "<t/>"])
    let rows = try open(fixture).rows()
    #expect(rows == [XLSXRow(number: 5, cells: [XLSXCell(column: 2, value: .number("7"))])])
  }

  @Test func sharedStringsRichTextPhoneticsAndSpaces() throws {
    let fixture = XLSXFixture(
      rows: #"<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c><c r="D1" t="s"><v> 3 </v></c></row>"#,
      sharedStrings: [
        #"<r><rPr><b/></rPr><t>Bold</t></r><r><t xml:space="preserve"> and plain</t></r>"#,
        #"<t>東京</t><rPh sb="0" eb="2"><t>トウキョウ</t></rPh><phoneticPr fontId="1"/>"#,
        #"<t xml:space="preserve">  two spaces  </t>"#,
        "<t>&lt;tag&gt; &amp; &#x41;</t>",
      ])
    let values = try open(fixture).values()
    #expect(values["A1"] == .text("Bold and plain"))
    #expect(values["B1"] == .text("東京"), "phonetic guides are not part of the text")
    #expect(values["C1"] == .text("  two spaces  "))
    #expect(values["D1"] == .text("<tag> & A"))
  }

  @Test func inlineRichStringsAreJoined() throws {
    let fixture = XLSXFixture(
      rows: #"<row r="1"><c r="A1" t="inlineStr"><is><r><t>Wall</t></r><r><rPr><i/></rPr><t xml:space="preserve">paper </t></r><rPh><t>x</t></rPh></is></c></row>"#)
    #expect(try open(fixture).values()["A1"] == .text("Wallpaper "))
  }

  @Test func xstringEscapesAreDecoded() throws {
    let fixture = XLSXFixture(
      rows: #"<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="inlineStr"><is><t>tab_x0009_here</t></is></c><c r="C1" t="str"><v>_xD83D__xDE00_</v></c><c r="D1" t="s"><v>1</v></c></row>"#,
      sharedStrings: ["<t>line one_x000D_\nline two</t>", "<t>_x005F_x000D_ and _x00e9_ and _xZZZZ_ and _xD800_</t>"])
    let values = try open(fixture).values()
    #expect(values["A1"] == .text("line one\r\nline two"))
    #expect(values["B1"] == .text("tab\there"))
    #expect(values["C1"] == .text("😀"))
    #expect(values["D1"] == .text("_x000D_ and é and _xZZZZ_ and \u{FFFD}"))
  }

  @Test func numbersAreShortestRoundTripDecimals() throws {
    let stored = [
      "1.0600000000000001", "1E-3", "123456789012345678", "1060", "1060.0", "-0", "0.000123", "1.23E-4", "100000000000000",
      "1E+15", "0.1", "3.0000000000000004", "2.9999999999999996", "-1234.5678", "1e-7", "0.000001", " 12 ", "12abc", "0x1p3",
      "nan", "1e999",
    ]
    let expected: [XLSXValue] = [
      .number("1.06"), .number("0.001"), .number("1.2345678901234568e+17"), .number("1060"), .number("1060"), .number("0"),
      .number("0.000123"), .number("0.000123"), .number("100000000000000"), .number("1e+15"), .number("0.1"),
      .number("3.0000000000000004"), .number("2.9999999999999996"), .number("-1234.5678"), .number("1e-07"),
      .number("0.000001"), .number("12"), .text("12abc"), .text("0x1p3"), .text("nan"), .text("1e999"),
    ]
    let cells = stored.enumerated().map { "<c r=\"A\($0.offset + 1)\"><v>\($0.element)</v></c>" }
    let rows = cells.enumerated().map { "<row r=\"\($0.offset + 1)\">\($0.element)</row>" }.joined()
    let values = try open(XLSXFixture(rows: rows)).rows().map { $0.cells[0].value }
    #expect(values == expected)
  }

  @Test func percentagesReadAsExcelsExportWritesThem() throws {
    // Built-in 9 ("0%") and 10 ("0.00%"), custom "0.0%" and a quoted "%" that is only text.
    let styles = XLSXFixture.styles(formats: [164: "0.0%", 165: #"0" %""#, 166: #"[Red]0\%"#], cellFormats: [0, 9, 10, 164, 165, 166])
    let fixture = XLSXFixture(
      rows: """
        <row r="1"><c r="A1" s="1"><v>0.5</v></c><c r="B1" s="2"><v>0.125</v></c><c r="C1" s="3"><v>1.0600000000000001</v></c>\
        <c r="D1" s="1"><v>-0.05</v></c><c r="E1" s="1"><v>1.5E-7</v></c><c r="F1" s="4"><v>0.5</v></c><c r="G1" s="5"><v>0.5</v></c>\
        <c r="H1" s="1"><v>0</v></c><c r="I1" s="1"><v>12</v></c></row>
        """, styles: styles)
    let values = try open(fixture).values()
    #expect(values["A1"] == .percent("50%"))
    #expect(values["B1"] == .percent("12.5%"))
    #expect(values["C1"] == .percent("106%"), "the point moves on the shortest decimal, no binary noise")
    #expect(values["D1"] == .percent("-5%"))
    #expect(values["E1"] == .percent("0.000015%"))
    #expect(values["F1"] == .number("0.5"), "a quoted % is text of the format, not a percentage")
    #expect(values["G1"] == .number("0.5"), "an escaped % is literal text too")
    #expect(values["H1"] == .percent("0%"))
    #expect(values["I1"] == .percent("1200%"))
  }

  @Test func datesIn1900System() throws {
    // Built-in 14 (date), 22 (date time), 20 (time), 46 ([h]:mm:ss), custom 164 (date), 165 (not a date).
    let styles = XLSXFixture.styles(
      formats: [164: "yyyy-mm-dd;@", 165: "0.00", 166: #"0.0" d""#, 167: #"[Red]0\h"#, 168: "h:mm AM/PM", 169: "General"],
      cellFormats: [0, 14, 22, 20, 46, 164, 165, 166, 167, 168, 169, 99])
    let fixture = XLSXFixture(
      rows: """
        <row r="1"><c r="A1" s="1"><v>45297</v></c><c r="B1" s="2"><v>45297.572916666664</v></c><c r="C1" s="3"><v>0.5729166666666666</v></c>\
        <c r="D1" s="4"><v>1.5</v></c><c r="E1" s="5"><v>45297</v></c><c r="F1" s="6"><v>45297</v></c><c r="G1" s="7"><v>45297</v></c>\
        <c r="H1" s="8"><v>45297</v></c><c r="I1" s="9"><v>0.75</v></c><c r="J1" s="10"><v>45297</v></c><c r="K1" s="11"><v>45297</v></c>\
        <c r="L1" s="40"><v>45297</v></c></row>\
        <row r="2"><c r="A2" s="1"><v>60</v></c><c r="B2" s="1"><v>59</v></c><c r="C2" s="1"><v>61</v></c><c r="D2" s="1"><v>1</v></c>\
        <c r="E2" s="1"><v>0</v></c><c r="F2" s="1"><v>-1</v></c><c r="G2" s="1"><v>2958465</v></c><c r="H2" s="1"><v>2958466</v></c>\
        <c r="I2" s="2"><v>0.25</v></c><c r="J2" s="3"><v>0.99999999</v></c><c r="K2" s="1"><v>25569</v></c><c r="L2" s="1"><v>text?</v></c></row>
        """, styles: styles)
    let values = try open(fixture).values()
    #expect(values["A1"] == .date("2024-01-06"))
    #expect(values["B1"] == .date("2024-01-06 13:45:00"))
    #expect(values["C1"] == .date("13:45:00"), "time-only format")
    #expect(values["D1"] == .date("36:00:00"), "elapsed hours")
    #expect(values["E1"] == .date("2024-01-06"))
    #expect(values["F1"] == .number("45297"), "0.00 is a number format")
    #expect(values["G1"] == .number("45297"), "a quoted \"d\" is text, not a day")
    #expect(values["H1"] == .number("45297"), "[Red] and an escaped h are not date codes")
    #expect(values["I1"] == .date("18:00:00"))
    #expect(values["J1"] == .number("45297"), "General")
    #expect(values["K1"] == .number("45297"), "built-in 99 is no date format")
    #expect(values["L1"] == .number("45297"), "a style index past cellXfs is General")
    #expect(values["A2"] == .date("1900-02-29"), "serial 60 is Excel's phantom leap day")
    #expect(values["B2"] == .date("1900-02-28"))
    #expect(values["C2"] == .date("1900-03-01"))
    #expect(values["D2"] == .date("1900-01-01"))
    #expect(values["E2"] == .number("0"), "day 0 of the 1900 system is no date")
    #expect(values["F2"] == .number("-1"))
    #expect(values["G2"] == .date("9999-12-31"))
    #expect(values["H2"] == .number("2958466"), "past 9999-12-31")
    #expect(values["I2"] == .date("06:00:00"), "a date-time format on a serial below 1 shows the time")
    #expect(values["J2"] == .date("00:00:00"), "rounding to the second carries over midnight")
    #expect(values["K2"] == .date("1970-01-01"))
    #expect(values["L2"] == .text("text?"), "a number cell that is not a number comes back as text")
  }

  @Test func datesIn1904System() throws {
    var fixture = XLSXFixture(
      rows: #"<row r="1"><c r="A1" s="1"><v>0</v></c><c r="B1" s="1"><v>43835</v></c><c r="C1" s="2"><v>1462.5</v></c><c r="D1" s="1"><v>-1</v></c></row>"#,
      styles: XLSXFixture.styles(cellFormats: [0, 14, 22]))
    fixture.date1904 = "1"
    let book = try open(fixture)
    #expect(book.uses1904Dates)
    let values = try book.values()
    #expect(values["A1"] == .date("1904-01-01"))
    #expect(values["B1"] == .date("2024-01-06"))
    #expect(values["C1"] == .date("1908-01-02 12:00:00"))
    #expect(values["D1"] == .number("-1"))
    fixture.date1904 = "false"
    #expect(try !open(fixture).uses1904Dates)
    fixture.date1904 = "true"
    #expect(try open(fixture).uses1904Dates)
  }

  @Test func isoDateCells() throws {
    let fixture = XLSXFixture(
      rows: #"<row r="1"><c r="A1" t="d"><v>2024-01-06</v></c><c r="B1" t="d"><v>2024-01-06T00:00:00</v></c><c r="C1" t="d"><v>2024-02-30</v></c><c r="D1" t="d"><v>2024-01-06T13:45:30.250+02:00</v></c></row>"#)
    let values = try open(fixture).values()
    #expect(values["A1"] == .date("2024-01-06"))
    #expect(values["B1"] == .date("2024-01-06"))
    #expect(values["C1"] == .text("2024-02-30"))
    #expect(values["D1"] == .date("2024-01-06 13:45:30"))
  }

  @Test func badBooleansAndSharedIndexesAreMalformed() throws {
    let boolean = failure { try open(XLSXFixture(rows: #"<row r="3"><c r="B3" t="b"><v>yes</v></c></row>"#)).rows() }
    #expect(boolean?.kind == .malformed)
    #expect(boolean?.message.contains("B3") == true)
    let index = failure {
      try open(XLSXFixture(rows: #"<row r="7"><c r="B7" t="s"><v>5</v></c></row>"#, sharedStrings: ["<t>a</t>"])).rows()
    }
    #expect(index?.kind == .malformed)
    #expect(index?.message.contains("cell B7 refers to shared string 5, but the table has 1") == true)
    let noTable = failure { try open(XLSXFixture(rows: #"<row r="1"><c r="A1" t="s"><v>0</v></c></row>"#)).rows() }
    #expect(noTable?.message.contains("no shared-string table") == true)
    let notIndex = failure {
      try open(XLSXFixture(rows: #"<row r="1"><c r="A1" t="s"><v>-1</v></c></row>"#, sharedStrings: ["<t>a</t>"])).rows()
    }
    #expect(notIndex?.kind == .malformed)
    let unknownType = failure { try open(XLSXFixture(rows: #"<row r="1"><c r="A1" t="x"><v>1</v></c></row>"#)).rows() }
    #expect(unknownType?.kind == .malformed)
    #expect(unknownType?.part == "xl/worksheets/sheet1.xml")
  }
}
