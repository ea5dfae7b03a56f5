import Foundation
import Testing
import XLSXKit
import ZipKit

/// Writes .xlsx packages from XML strings, the way Excel lays them out, with every part replaceable
/// so tests can break exactly one thing.
struct XLSXFixture {
  struct Sheet {
    var name: String
    /// The `<sheetData>` contents (rows), or a whole worksheet document when `raw` is set.
    var rows: String
    var state: String? = nil
    var raw = false
  }

  static let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
  static let relationshipsNS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
  static let packageRelationships = "http://schemas.openxmlformats.org/package/2006/relationships"
  static let typeBase = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"

  var sheets: [Sheet]
  /// `<si>` contents; nil writes no shared-strings part.
  var sharedStrings: [String]? = nil
  /// The whole styles part; nil writes none.
  var styles: String? = nil
  var date1904: String? = nil
  /// Parts replaced or added by name (bytes as written).
  var overrides: [String: [UInt8]] = [:]
  /// Parts left out.
  var omitted: Set<String> = []
  /// Sheet relationship targets, when a test wants other paths than `worksheets/sheetN.xml`.
  var targets: [Int: String] = [:]

  init(sheets: [Sheet], sharedStrings: [String]? = nil, styles: String? = nil) {
    self.sheets = sheets
    self.sharedStrings = sharedStrings
    self.styles = styles
  }

  /// One sheet named "Sheet1" with these rows.
  init(rows: String, sharedStrings: [String]? = nil, styles: String? = nil) {
    self.init(sheets: [Sheet(name: "Sheet1", rows: rows)], sharedStrings: sharedStrings, styles: styles)
  }

  static func worksheet(_ rows: String) -> String {
    #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
      + #"<worksheet xmlns="\#(main)" xmlns:r="\#(relationshipsNS)"><dimension ref="A1"/><sheetData>"#
      + rows + "</sheetData><pageMargins left=\"0.7\" right=\"0.7\" top=\"0.75\" bottom=\"0.75\" header=\"0.3\" footer=\"0.3\"/></worksheet>"
  }

  /// A styles part with these custom formats (id → code) and cellXfs numFmtIds.
  static func styles(formats: [Int: String] = [:], cellFormats: [Int]) -> String {
    let numFmts = formats.isEmpty ? "" :
      "<numFmts count=\"\(formats.count)\">"
      + formats.sorted { $0.key < $1.key }.map { "<numFmt numFmtId=\"\($0.key)\" formatCode=\"\(escape($0.value))\"/>" }.joined()
      + "</numFmts>"
    return #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
      + #"<styleSheet xmlns="\#(main)">"# + numFmts
      + #"<fonts count="1"><font><sz val="11"/></font></fonts><cellStyleXfs count="1"><xf numFmtId="14"/></cellStyleXfs>"#
      + "<cellXfs count=\"\(cellFormats.count)\">" + cellFormats.map { "<xf numFmtId=\"\($0)\" fontId=\"0\" applyNumberFormat=\"1\"/>" }.joined()
      + "</cellXfs></styleSheet>"
  }

  static func escape(_ text: String) -> String {
    text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "\"", with: "&quot;")
      .replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
  }

  var parts: [(String, [UInt8])] {
    var parts: [(String, String)] = []
    let contentTypes =
      #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>"#
    parts.append(("[Content_Types].xml", contentTypes))
    parts.append((
      "_rels/.rels",
      #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="\#(Self.packageRelationships)"><Relationship Id="rId1" Type="\#(Self.typeBase)officeDocument" Target="xl/workbook.xml"/></Relationships>"#
    ))
    var sheetList = ""
    var relationships = ""
    for (index, sheet) in sheets.enumerated() {
      let state = sheet.state.map { " state=\"\($0)\"" } ?? ""
      sheetList += "<sheet name=\"\(Self.escape(sheet.name))\" sheetId=\"\(index + 1)\"\(state) r:id=\"rId\(index + 1)\"/>"
      let target = targets[index] ?? "worksheets/sheet\(index + 1).xml"
      relationships += "<Relationship Id=\"rId\(index + 1)\" Type=\"\(Self.typeBase)worksheet\" Target=\"\(target)\"/>"
      parts.append(("xl/worksheets/sheet\(index + 1).xml", sheet.raw ? sheet.rows : Self.worksheet(sheet.rows)))
    }
    let workbookPr = date1904.map { "<workbookPr date1904=\"\($0)\"/>" } ?? "<workbookPr defaultThemeVersion=\"166925\"/>"
    parts.append((
      "xl/workbook.xml",
      #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
        + #"<workbook xmlns="\#(Self.main)" xmlns:r="\#(Self.relationshipsNS)">\#(workbookPr)<bookViews><workbookView/></bookViews><sheets>\#(sheetList)</sheets></workbook>"#
    ))
    if let sharedStrings {
      relationships += "<Relationship Id=\"rIdS\" Type=\"\(Self.typeBase)sharedStrings\" Target=\"sharedStrings.xml\"/>"
      parts.append((
        "xl/sharedStrings.xml",
        #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
          + "<sst xmlns=\"\(Self.main)\" count=\"\(sharedStrings.count)\" uniqueCount=\"\(sharedStrings.count)\">"
          + sharedStrings.map { "<si>\($0)</si>" }.joined() + "</sst>"
      ))
    }
    if let styles {
      relationships += "<Relationship Id=\"rIdY\" Type=\"\(Self.typeBase)styles\" Target=\"styles.xml\"/>"
      parts.append(("xl/styles.xml", styles))
    }
    parts.append((
      "xl/_rels/workbook.xml.rels",
      #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="\#(Self.packageRelationships)">\#(relationships)</Relationships>"#
    ))
    var result: [(String, [UInt8])] = parts.filter { !omitted.contains($0.0) && overrides[$0.0] == nil }.map { ($0.0, Array($0.1.utf8)) }
    for (name, bytes) in overrides.sorted(by: { $0.key < $1.key }) { result.append((name, bytes)) }
    return result
  }

  /// Writes the package; returns its path.
  @discardableResult
  func write(to path: String) throws -> String {
    try ZipWriter.write(parts.map { ZipWriter.Item(name: $0.0, data: $0.1) }, to: path)
    return path
  }
}

/// A temporary folder removed with the value.
final class Scratch: @unchecked Sendable {
  let url: URL
  private var counter = 0

  init() {
    url = FileManager.default.temporaryDirectory.appendingPathComponent("xlsxkit-tests-\(UUID().uuidString)")
    try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  }

  deinit { try? FileManager.default.removeItem(at: url) }

  func path(_ name: String) -> String { url.appendingPathComponent(name).path }

  /// A fresh .xlsx path.
  func next(_ name: String = "book") -> String {
    counter += 1
    return path("\(name)-\(counter).xlsx")
  }

  @discardableResult
  func write(_ bytes: [UInt8], _ name: String) -> String {
    let path = path(name)
    try! Data(bytes).write(to: URL(fileURLWithPath: path))
    return path
  }
}

/// The error `body` throws, or nil when it returns (anything but an XLSXError is a test failure).
func failure<T>(_ body: () throws -> T) -> XLSXError? {
  do {
    _ = try body()
    return nil
  } catch let error as XLSXError {
    return error
  } catch {
    Issue.record("unexpected error type: \(error)")
    return nil
  }
}

extension XLSXWorkbook {
  /// Every row of a sheet (tests only: small sheets).
  func rows(_ sheet: String? = nil) throws -> [XLSXRow] {
    var rows: [XLSXRow] = []
    try forEachRow(sheet: sheet) { row in
      rows.append(row)
      return true
    }
    return rows
  }

  /// The values of a sheet by cell name ("B7").
  func values(_ sheet: String? = nil) throws -> [String: XLSXValue] {
    var values: [String: XLSXValue] = [:]
    for row in try rows(sheet) {
      for cell in row.cells { values[XLSXCellReference.name(column: cell.column, row: row.number)] = cell.value }
    }
    return values
  }
}

/// The peak resident set size of this process, in bytes.
func peakMemory() -> Int {
  var usage = rusage()
  getrusage(RUSAGE_SELF.rawValue, &usage)
  return usage.ru_maxrss * 1024
}
