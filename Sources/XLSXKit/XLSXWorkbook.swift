import ZipKit

/// A streaming reader for `.xlsx` workbooks that may come from anyone.
///
/// `init` opens the package (through ZipKit, never extracting anything), finds the workbook through
/// its relationships, and reads the sheet list, the date system and the number formats. Rows are
/// read by `forEachRow`, one at a time: memory stays bounded whatever the sheet's size; only the
/// shared-string table is held (under `XLSXLimits`). Every XML part goes through `XMLPart`: no DTDs,
/// no network, byte budgets, compression-ratio cap.
///
/// Not Sendable: one thread, like the ZIP handle underneath.
public final class XLSXWorkbook {
  public let path: String
  /// Workbook (tab) order.
  public let sheets: [XLSXSheetInfo]
  /// `workbookPr date1904`: serials count from 1904-01-01 (old Mac workbooks).
  public let uses1904Dates: Bool
  public let limits: XLSXLimits

  private let parts: PartIndex
  /// Per sheet: its part, or why it cannot be read.
  private let sheetParts: [Result<(name: String, entry: ZipEntry), XLSXError>]
  private let sharedStringsPart: (name: String, entry: ZipEntry)?
  private let styles: Styles
  /// Bytes read by `init`.
  private let budget: ByteBudget
  /// Loaded by the first `forEachRow`, with the budget after it.
  private var sharedStrings: (strings: SharedStrings?, budget: ByteBudget)?

  /// Opens `path`. Throws `.notAWorkbook` (an .xls, .xlsb, .ods, password-protected workbook, Word
  /// file, plain ZIP, text…), `.unreadable` (missing, truncated, damaged), `.malformed`, `.hostile`
  /// and `.tooLarge` for the workbook, relationship and styles parts.
  public init(path: String, limits: XLSXLimits = .standard) throws(XLSXError) {
    self.path = path
    self.limits = limits
    let prefix = try FileSniffer.prefix(path, count: 512)
    guard FileSniffer.isZip(prefix) else { throw FileSniffer.notZip(path, prefix: prefix) }
    let archive: ZipArchive
    do {
      archive = try ZipArchive(path: path)
    } catch {
      throw Self.openFailure(error, path: path)
    }
    try Self.checkOverlaps(archive, path: path)
    let parts = PartIndex(archive: archive)
    var budget = ByteBudget(total: limits.maxTotalBytes)

    // The workbook part: the package's officeDocument relationship, or where Excel puts it.
    let rootRelationships = try Relationships.read(of: "", in: parts, limits: limits, budget: &budget)
    var workbookName = "xl/workbook.xml"
    if let office = rootRelationships.first(where: { $0.kind == "officeDocument" && !$0.isExternal }) {
      guard let resolved = Relationships.resolve(office.target, from: "") else {
        throw XLSXError(
          .malformed, "\(path): the package's main document points outside the package (\"\(office.target)\")", part: "_rels/.rels")
      }
      workbookName = resolved
    }
    if workbookName.lowercased().hasSuffix(".bin") {
      throw XLSXError(.notAWorkbook, Self.xlsbMessage(path))
    }
    guard let workbookEntry = try Relationships.entry(workbookName, in: parts) else {
      throw try Self.notAWorkbook(path, parts: parts, expected: workbookName)
    }
    workbookName = workbookEntry.name
    let workbook = try WorkbookPart.read(workbookName, entry: workbookEntry.entry, parts: parts, limits: limits, budget: &budget)

    // Sheets, shared strings and styles through the workbook's relationships.
    let relationships = try Relationships.read(of: workbookName, in: parts, limits: limits, budget: &budget)
    var byID: [String: Relationship] = [:]
    for relationship in relationships where byID[relationship.id] == nil { byID[relationship.id] = relationship }
    var infos: [XLSXSheetInfo] = []
    var sheetParts: [Result<(name: String, entry: ZipEntry), XLSXError>] = []
    for sheet in workbook.sheets {
      let relationship = sheet.relationshipID.flatMap { byID[$0] }
      infos.append(XLSXSheetInfo(name: sheet.name, isHidden: sheet.isHidden, kind: Self.kind(relationship)))
      sheetParts.append(Self.locate(sheet, relationship, workbookName: workbookName, parts: parts))
    }
    func related(_ kind: String, conventional: String) throws(XLSXError) -> (name: String, entry: ZipEntry)? {
      if let relationship = relationships.first(where: { $0.kind == kind && !$0.isExternal }) {
        guard let name = Relationships.resolve(relationship.target, from: workbookName) else {
          throw XLSXError(
            .malformed, "\(workbookName): the \(kind) relationship points outside the package (\"\(relationship.target)\")",
            part: workbookName)
        }
        return try Relationships.entry(name, in: parts)
      }
      return try Relationships.entry(conventional, in: parts)
    }
    let folder = workbookName.contains("/") ? String(workbookName[..<workbookName.lastIndex(of: "/")!]) + "/" : ""
    let sharedStringsPart = try related("sharedStrings", conventional: folder + "sharedStrings.xml")
    var styles = Styles()
    if let stylesPart = try related("styles", conventional: folder + "styles.xml") {
      styles = try Styles.read(stylesPart.name, entry: stylesPart.entry, parts: parts, limits: limits, budget: &budget)
    }

    self.parts = parts
    self.sheets = infos
    self.uses1904Dates = workbook.uses1904
    self.sheetParts = sheetParts
    self.sharedStringsPart = sharedStringsPart
    self.styles = styles
    self.budget = budget
  }

  /// Streams the rows of a sheet (nil = the first visible worksheet) in document order; stops when
  /// `body` returns false. Rows without values are not reported (see `XLSXRow`). Rows out of order
  /// or repeated, and cells out of order or repeated within a row, are `.malformed` (Excel never
  /// writes them, and there is no telling which value would count); the rows before them have been
  /// handed to `body` by then. Throws `.noSuchSheet` (the message lists the sheets), and
  /// `.malformed`, `.hostile`, `.tooLarge`, `.unreadable` for the shared strings and the sheet.
  /// An error thrown by `body` ends the read: an XLSXError is rethrown as is, anything else comes
  /// back as `.unreadable` with the original in `underlying`.
  public func forEachRow(sheet: String?, _ body: (XLSXRow) throws -> Bool) throws(XLSXError) {
    let index = try sheetIndex(sheet)
    let part = try sheetParts[index].get()
    let (strings, stringsBudget) = try loadSharedStrings()
    let (limit, reason) = stringsBudget.allowance(cap: limits.maxSheetBytes, for: "a sheet")
    let xml = try XMLPart(archive: parts.archive, entry: part.entry, name: part.name, limit: limit, limitReason: reason, limits: limits)
    var reader = SheetReader(
      xml: xml, strings: strings, styles: styles, uses1904: uses1904Dates, limits: limits, sheetName: sheets[index].name)
    try reader.run(body)
  }

  /// The sheet `forEachRow(sheet: nil, …)` reads: the first visible worksheet, else the first
  /// worksheet; nil when the workbook has none.
  public var defaultSheet: XLSXSheetInfo? {
    (try? sheetIndex(nil)).map { sheets[$0] }
  }

  // MARK: - Sheets

  /// Exact name first, then Excel's case-insensitive match.
  private func sheetIndex(_ name: String?) throws(XLSXError) -> Int {
    func hasCells(_ sheet: XLSXSheetInfo) -> Bool { sheet.kind == .worksheet || sheet.kind == .other }
    guard let name else {
      if let index = sheets.firstIndex(where: { hasCells($0) && !$0.isHidden }) ?? sheets.firstIndex(where: hasCells) {
        return index
      }
      if sheets.isEmpty { throw XLSXError(.malformed, "\(path) lists no sheets") }
      throw XLSXError(.noSuchSheet, "\(path) has no worksheet, only \(listing)")
    }
    let lower = name.lowercased()
    guard let index = sheets.firstIndex(where: { $0.name == name }) ?? sheets.firstIndex(where: { $0.name.lowercased() == lower }) else {
      throw XLSXError(.noSuchSheet, "\(path) has no sheet named \"\(name)\"; its sheets are \(listing)")
    }
    guard hasCells(sheets[index]) else {
      throw XLSXError(.noSuchSheet, "sheet \"\(sheets[index].name)\" is a \(Self.describe(sheets[index].kind)), not a worksheet with cells; the sheets are \(listing)")
    }
    return index
  }

  /// "\"Products\", \"Lists\" (hidden), \"Chart1\" (chart sheet)".
  private var listing: String {
    sheets.map { sheet in
      var notes: [String] = []
      if sheet.isHidden { notes.append("hidden") }
      if sheet.kind != .worksheet && sheet.kind != .other { notes.append(Self.describe(sheet.kind)) }
      return "\"\(sheet.name)\"" + (notes.isEmpty ? "" : " (\(notes.joined(separator: ", ")))")
    }.joined(separator: ", ")
  }

  private static func describe(_ kind: XLSXSheetInfo.Kind) -> String {
    switch kind {
    case .worksheet: return "worksheet"
    case .chartsheet: return "chart sheet"
    case .dialogsheet: return "dialog sheet"
    case .macrosheet: return "macro sheet"
    case .other: return "sheet of an unknown kind"
    }
  }

  private static func kind(_ relationship: Relationship?) -> XLSXSheetInfo.Kind {
    switch relationship?.kind {
    case "worksheet": return .worksheet
    case "chartsheet": return .chartsheet
    case "dialogsheet": return .dialogsheet
    case "xlMacrosheet", "xlIntlMacrosheet": return .macrosheet
    default: return .other
    }
  }

  private static func locate(
    _ sheet: WorkbookPart.Sheet, _ relationship: Relationship?, workbookName: String, parts: PartIndex
  ) -> Result<(name: String, entry: ZipEntry), XLSXError> {
    guard let relationship else {
      return .failure(
        XLSXError(
          .malformed, "\(workbookName): sheet \"\(sheet.name)\" has no relationship telling where its cells are (r:id \"\(sheet.relationshipID ?? "")\")",
          part: workbookName))
    }
    guard !relationship.isExternal, let name = Relationships.resolve(relationship.target, from: workbookName) else {
      return .failure(
        XLSXError(
          .malformed, "\(workbookName): sheet \"\(sheet.name)\" points outside the package (\"\(relationship.target)\")",
          part: workbookName))
    }
    do {
      guard let found = try Relationships.entry(name, in: parts) else {
        return .failure(XLSXError(.malformed, "sheet \"\(sheet.name)\": its part \(name) is missing from the package", part: name))
      }
      return .success(found)
    } catch {
      return .failure(error)
    }
  }

  private func loadSharedStrings() throws(XLSXError) -> (SharedStrings?, ByteBudget) {
    if let sharedStrings { return sharedStrings }
    var budget = self.budget
    var strings: SharedStrings?
    if let part = sharedStringsPart {
      strings = try SharedStrings.read(part.name, entry: part.entry, parts: parts, limits: limits, budget: &budget)
    }
    sharedStrings = (strings, budget)
    return (strings, budget)
  }

  /// Entries whose data overlap are how the densest ZIP bombs are built (rules.md, "Archive":
  /// the same guard as for image archives); no Office application writes them.
  private static func checkOverlaps(_ archive: ZipArchive, path: String) throws(XLSXError) {
    let pairs = CentralDirectory.overlaps(archive.entries.map(\.dataRange), fileSize: archive.fileSize)
    guard let (first, second) = pairs.first else { return }
    let a = archive.entries[first].name
    if first == second {
      throw XLSXError(.unreadable, "\(path) is damaged: the data of \(a) runs past the end of the file (truncated?)")
    }
    throw XLSXError(
      .hostile,
      "\(path): the parts \(a) and \(archive.entries[second].name) share their compressed data, as in a zip bomb; the workbook was not read")
  }

  // MARK: - Not a workbook

  private static func openFailure(_ error: ZipError, path: String) -> XLSXError {
    switch error.kind {
    case .notFound, .unreadable: return XLSXError(.unreadable, error.message)
    case .truncated:
      return XLSXError(.unreadable, "\(path) is truncated (an incomplete download or copy?): \(error.message)")
    case .tooManyEntries: return XLSXError(.tooLarge, "\(path) holds too many files for a workbook: \(error.message)")
    default: return XLSXError(.unreadable, "\(path) is a damaged ZIP package: \(error.message)")
    }
  }

  private static func xlsbMessage(_ path: String) -> String {
    "\(path) is an Excel Binary Workbook (.xlsb); open it in Excel and save it as Excel Workbook (.xlsx)"
  }

  /// A ZIP without the workbook part: says what it is instead.
  private static func notAWorkbook(_ path: String, parts: PartIndex, expected: String) throws(XLSXError) -> XLSXError {
    if parts.contains("xl/workbook.bin") { return XLSXError(.notAWorkbook, xlsbMessage(path)) }
    if let mimetype = try parts.entry("mimetype") {
      var bytes: [UInt8] = []
      _ = try? parts.archive.read(mimetype, limit: 128) { chunk in
        bytes.append(contentsOf: chunk)
        return true
      }
      let type = String(decoding: bytes, as: UTF8.self)
      if type.hasPrefix("application/vnd.oasis.opendocument.spreadsheet") {
        return XLSXError(
          .notAWorkbook, "\(path) is an OpenDocument spreadsheet (.ods); open it and save it as Excel Workbook (.xlsx)")
      }
      if type.hasPrefix("application/vnd.oasis.opendocument") {
        return XLSXError(.notAWorkbook, "\(path) is an OpenDocument file (\(type)), not an Excel workbook")
      }
    }
    if parts.contains("word/document.xml") {
      return XLSXError(.notAWorkbook, "\(path) is a Word document (.docx), not an Excel workbook")
    }
    if parts.contains("ppt/presentation.xml") {
      return XLSXError(.notAWorkbook, "\(path) is a PowerPoint presentation (.pptx), not an Excel workbook")
    }
    if parts.contains("[Content_Types].xml") {
      return XLSXError(.notAWorkbook, "\(path) is an Office document package without a workbook (\(expected) is missing)")
    }
    return XLSXError(
      .notAWorkbook, "\(path) is a ZIP archive, not an Excel workbook (it has no \(expected)); an Excel Workbook (.xlsx) is expected")
  }
}
