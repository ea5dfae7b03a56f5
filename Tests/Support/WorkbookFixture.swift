/// Builds `.xlsx` packages the way Excel lays them out (shared strings, a styles part with a date
/// format, one part per sheet), so catalogue tests can start from "a file Excel made".
public struct WorkbookFixture {
  public enum Cell {
    /// A shared string (`t="s"`), as Excel writes typed text.
    case text(String)
    /// An inline string (`t="inlineStr"`), as other tools write.
    case inline(String)
    /// A number as stored in `<v>`.
    case number(String)
    case boolean(Bool)
    /// A date serial with Excel's built-in date format 14.
    case date(Int)
    /// A stored fraction with Excel's built-in percent format 9 ("0%").
    case percent(String)
    /// A formula error (`t="e"`), as a failed formula leaves it: "#N/A", "#REF!".
    case error(String)
    /// No cell at all.
    case none
  }

  public struct Sheet {
    public var name: String
    /// Rows from Excel row `firstRow` on; `nil` rows are not stored (Excel skips empty rows).
    public var rows: [[Cell]?]
    public var firstRow: Int
    public init(_ name: String, rows: [[Cell]?], firstRow: Int = 1) {
      self.name = name
      self.rows = rows
      self.firstRow = firstRow
    }
  }

  public var sheets: [Sheet]

  public init(_ sheets: [Sheet]) { self.sheets = sheets }

  /// One sheet of text cells: a CSV-like table, every value a shared string.
  public static func table(_ rows: [[String]], sheet: String = "Products") -> WorkbookFixture {
    WorkbookFixture([Sheet(sheet, rows: rows.map { $0.map { $0.isEmpty ? .none : .text($0) } })])
  }

  /// The package's parts, in the order Excel writes them.
  public func parts() -> [(name: String, xml: String)] {
    var shared: [String] = []
    var sharedIndex: [String: Int] = [:]
    var sheetParts: [(String, String)] = []
    for (number, sheet) in sheets.enumerated() {
      var xml = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
      xml += #"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"#
      for (offset, row) in sheet.rows.enumerated() {
        guard let row else { continue }
        let rowNumber = sheet.firstRow + offset
        xml += #"<row r="\#(rowNumber)">"#
        for (column, cell) in row.enumerated() {
          let reference = Self.columnName(column) + String(rowNumber)
          switch cell {
          case .none: continue
          case .text(let text):
            let index = sharedIndex[text] ?? shared.count
            if sharedIndex[text] == nil {
              sharedIndex[text] = index
              shared.append(text)
            }
            xml += #"<c r="\#(reference)" t="s"><v>\#(index)</v></c>"#
          case .inline(let text):
            xml += #"<c r="\#(reference)" t="inlineStr"><is><t xml:space="preserve">\#(Self.escaped(text))</t></is></c>"#
          case .number(let value):
            xml += #"<c r="\#(reference)"><v>\#(value)</v></c>"#
          case .boolean(let value):
            xml += #"<c r="\#(reference)" t="b"><v>\#(value ? 1 : 0)</v></c>"#
          case .date(let serial):
            xml += #"<c r="\#(reference)" s="1"><v>\#(serial)</v></c>"#
          case .error(let code):
            xml += #"<c r="\#(reference)" t="e"><f>VLOOKUP(A1,Z:Z,2,0)</f><v>\#(code)</v></c>"#
          case .percent(let fraction):
            xml += #"<c r="\#(reference)" s="2"><v>\#(fraction)</v></c>"#
          }
        }
        xml += "</row>"
      }
      xml += "</sheetData></worksheet>"
      sheetParts.append(("xl/worksheets/sheet\(number + 1).xml", xml))
    }
    let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    let relationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    let packageRelationships = "http://schemas.openxmlformats.org/package/2006/relationships"
    var contentTypes = #"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">"#
    contentTypes += #"<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>"#
    contentTypes += #"<Default Extension="xml" ContentType="application/xml"/>"#
    contentTypes += #"<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>"#
    for index in sheets.indices {
      contentTypes += #"<Override PartName="/xl/worksheets/sheet\#(index + 1).xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>"#
    }
    contentTypes += "</Types>"
    let rootRels = #"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="\#(packageRelationships)"><Relationship Id="rId1" Type="\#(relationships)/officeDocument" Target="xl/workbook.xml"/></Relationships>"#
    var workbook = #"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="\#(main)" xmlns:r="\#(relationships)"><sheets>"#
    var workbookRels = #"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="\#(packageRelationships)">"#
    for (index, sheet) in sheets.enumerated() {
      workbook += #"<sheet name="\#(Self.escaped(sheet.name))" sheetId="\#(index + 1)" r:id="rId\#(index + 1)"/>"#
      workbookRels += #"<Relationship Id="rId\#(index + 1)" Type="\#(relationships)/worksheet" Target="worksheets/sheet\#(index + 1).xml"/>"#
    }
    workbook += "</sheets></workbook>"
    let count = sheets.count
    workbookRels += #"<Relationship Id="rId\#(count + 1)" Type="\#(relationships)/sharedStrings" Target="sharedStrings.xml"/>"#
    workbookRels += #"<Relationship Id="rId\#(count + 2)" Type="\#(relationships)/styles" Target="styles.xml"/>"#
    workbookRels += "</Relationships>"
    var strings = #"<?xml version="1.0" encoding="UTF-8"?><sst xmlns="\#(main)" count="\#(shared.count)" uniqueCount="\#(shared.count)">"#
    for text in shared { strings += #"<si><t xml:space="preserve">\#(Self.escaped(text))</t></si>"# }
    strings += "</sst>"
    let styles = #"<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="\#(main)"><cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/><xf numFmtId="9" applyNumberFormat="1"/></cellXfs></styleSheet>"#
    return [("[Content_Types].xml", contentTypes), ("_rels/.rels", rootRels), ("xl/workbook.xml", workbook),
      ("xl/_rels/workbook.xml.rels", workbookRels)] + sheetParts + [("xl/sharedStrings.xml", strings), ("xl/styles.xml", styles)]
  }

  /// The package as ZIP bytes (stored entries).
  public func bytes() -> [UInt8] {
    RawZip(parts().map { RawZip.Entry($0.name, Array($0.xml.utf8)) }).bytes()
  }

  public static func columnName(_ column: Int) -> String {
    var name = ""
    var rest = column + 1
    while rest > 0 {
      let digit = (rest - 1) % 26
      name = String(UnicodeScalar(UInt8(65 + digit))) + name
      rest = (rest - 1) / 26
    }
    return name
  }

  static func escaped(_ text: String) -> String {
    var out = ""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      default: out.unicodeScalars.append(scalar)
      }
    }
    return out
  }
}
