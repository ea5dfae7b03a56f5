import Foundation
import Testing
@testable import XLSXKit

/// The pieces behind cell values: number text, date serials, date-format classification.
@Suite struct ValueFormattingTests {
  func parse(_ text: String) -> (value: Double, text: String)? {
    Array(text.utf8).withUnsafeBufferPointer { NumberText.parse($0) }
  }

  @Test func numberTextRoundTripsForRandomDoubles() {
    var generator = SystemRandomNumberGenerator()
    for _ in 0..<20_000 {
      let value = Double(bitPattern: generator.next())
      guard value.isFinite else { continue }
      let text = NumberText.format(value)
      #expect(Double(text) == value || (value == 0 && text == "0"), "\(value) → \(text)")
      if NumberText.plainRange.contains(value.magnitude) {
        #expect(!text.contains("e"), "\(value) → \(text)")
      }
      // What Excel stores (17 significant digits) reads back as the same shortest text.
      let stored = String(format: "%.17g", value)
      #expect(parse(stored)?.text == text, "\(stored)")
    }
    for value in [1.0, 0.1, 1e-6, 9.99999999999999e14, 123.456, 1e15 - 1, Double.leastNonzeroMagnitude, Double.greatestFiniteMagnitude] {
      #expect(Double(NumberText.format(value)) == value)
    }
  }

  @Test func numberTextForms() {
    #expect(NumberText.format(1060) == "1060")
    #expect(NumberText.format(-0.0) == "0")
    #expect(NumberText.format(0.000123) == "0.000123")
    #expect(NumberText.format(1e-6) == "0.000001")
    #expect(NumberText.format(9.5e-7) == "9.5e-07")
    #expect(NumberText.format(1e15) == "1e+15")
    #expect(NumberText.format(-2.5e20) == "-2.5e+20")
    #expect(NumberText.format(1e100) == "1e+100")
    #expect(NumberText.format(123456789012345) == "123456789012345")
    #expect(parse("1.0600000000000001")?.text == "1.06")
    #expect(parse("+5")?.text == "5")
    #expect(parse(".5")?.text == "0.5")
    #expect(parse("5.")?.text == "5")
    #expect(parse("007")?.text == "7")
    #expect(parse("0.10")?.text == "0.1")
    for bad in ["", " ", "-", ".", "e5", "1e", "1e+", "1.2.3", "1,5", "١٢", "inf", "Infinity"] {
      #expect(parse(bad) == nil, "\(bad)")
    }
  }

  @Test func excelDatesMatchTheCalendar() {
    // Every day from 1900-03-01 on is serial - 25569 days after 1970-01-01.
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(identifier: "UTC")!
    let formatter = DateFormatter()
    formatter.calendar = calendar
    formatter.timeZone = calendar.timeZone
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.dateFormat = "yyyy-MM-dd"
    for serial in stride(from: 61, through: 2_958_465, by: 997) + [2_958_465] {
      let date = Date(timeIntervalSince1970: Double(serial - 25_569) * 86_400)
      #expect(ExcelDate.render(Double(serial), format: .date, uses1904: false) == formatter.string(from: date))
      let date1904 = Date(timeIntervalSince1970: Double(serial - 24_107) * 86_400)
      if serial <= 2_957_003 {
        #expect(ExcelDate.render(Double(serial), format: .date, uses1904: true) == formatter.string(from: date1904))
      }
    }
    #expect(ExcelDate.render(2_957_004, format: .date, uses1904: true) == nil)
    #expect(ExcelDate.render(.nan, format: .date, uses1904: false) == nil)
    #expect(ExcelDate.render(45297.999999, format: .dateTime, uses1904: false) == "2024-01-07 00:00:00")
  }

  @Test func dateFormatClassification() {
    let dates = ["yyyy-mm-dd", "d/m/yy", "mmm-yy", "[$-409]mmmm d, yyyy;@", "dd.mm.yyyy", "DD/MM/YYYY", "m/d", "[Blue]yyyy"]
    for code in dates { #expect(DateFormat.classify(code) == .date, "\(code)") }
    let times = ["h:mm", "hh:mm:ss", "mm:ss", "h:mm AM/PM", "[$-F400]h:mm:ss AM/PM"]
    for code in times { #expect(DateFormat.classify(code) == .time, "\(code)") }
    #expect(DateFormat.classify("yyyy-mm-dd hh:mm") == .dateTime)
    #expect(DateFormat.classify("[h]:mm:ss") == DateFormat(showsDate: false, showsTime: true, elapsed: true))
    #expect(DateFormat.classify("[mm]:ss")?.elapsed == true)
    let numbers = ["General", "0.00", "#,##0", "0%", "0.00E+00", #"0.0" days""#, #"0\d"#, "[Red]0;[Blue]-0", "@", "0_m", "0*s", "# ?/?", ""]
    for code in numbers { #expect(DateFormat.classify(code) == nil, "\(code)") }
    #expect(DateFormat.builtIn(14) == .date)
    #expect(DateFormat.builtIn(22) == .dateTime)
    #expect(DateFormat.builtIn(21) == .time)
    #expect(DateFormat.builtIn(46)?.elapsed == true)
    for id in [0, 1, 2, 9, 10, 11, 12, 13, 37, 44, 48, 49, 59, 164] { #expect(DateFormat.builtIn(id) == nil, "\(id)") }
  }

  @Test func relationshipTargets() {
    #expect(Relationships.resolve("worksheets/sheet1.xml", from: "xl/workbook.xml") == "xl/worksheets/sheet1.xml")
    #expect(Relationships.resolve("/xl/worksheets/sheet1.xml", from: "xl/workbook.xml") == "xl/worksheets/sheet1.xml")
    #expect(Relationships.resolve("xl/workbook.xml", from: "") == "xl/workbook.xml")
    #expect(Relationships.resolve("../media/a.png", from: "xl/drawings/d.xml") == "xl/media/a.png")
    #expect(Relationships.resolve("sheet.xml#A1", from: "xl/workbook.xml") == "xl/sheet.xml")
    for bad in ["../../x.xml", "http://example.com/x.xml", "file:///etc/passwd", "c:/x.xml", "worksheets\\sheet1.xml", "", "/", ".."] {
      #expect(Relationships.resolve(bad, from: "xl/workbook.xml") == nil, "\(bad)")
    }
    #expect(Relationships.partName(for: "") == "_rels/.rels")
    #expect(Relationships.partName(for: "xl/workbook.xml") == "xl/_rels/workbook.xml.rels")
    #expect(Relationships.percentDecoded("a%20b%C3%A9") == "a bé")
    #expect(Relationships.percentDecoded("a%2") == nil)
  }
}
