/// Streams the rows of one worksheet part (`<sheetData><row><c>…`), one row in memory at a time.
///
/// Excel writes rows in ascending order and cells in ascending column order, each at most once.
/// A sheet that breaks this (rows out of order or repeated, a cell left of or on an earlier one,
/// a cell whose reference names another row) is refused as `.malformed`: there is no one right way
/// to read it, and a validator must not guess which of two values the server would take.
/// `r` attributes are optional, as the standard allows: a row without one follows the previous row
/// (or takes the row of its first cell's reference), a cell without one follows the previous cell.
/// Nothing is ever sized by a column or row number: a lone cell at XFD1048576 is one cell.
struct SheetReader {
  let xml: XMLPart
  let strings: SharedStrings?
  let styles: Styles
  let uses1904: Bool
  let limits: XLSXLimits
  let sheetName: String

  private enum CellType {
    case shared, inline, formulaString, boolean, error, number, isoDate
  }

  // Row state.
  private var previousRow = 0
  private var rowNumber = 0
  /// The row number came from a reference (the row's or its first cell's), not from counting.
  private var rowNumberKnown = false
  private var cells: [XLSXCell] = []
  private var rowTextBytes = 0
  private var previousColumn = -1
  // Cell state.
  private var column = 0
  private var cellType = CellType.number
  private var style = 0
  private var text: [UInt8] = []
  private var collecting = false
  // Where the reader is.
  private var inSheetData = false
  private var inRow = false
  private var inCell = false
  private var inInline = false
  private var inRun = false

  init(xml: XMLPart, strings: SharedStrings?, styles: Styles, uses1904: Bool, limits: XLSXLimits, sheetName: String) {
    self.xml = xml
    self.strings = strings
    self.styles = styles
    self.uses1904 = uses1904
    self.limits = limits
    self.sheetName = sheetName
    text.reserveCapacity(256)
  }

  /// Hands each row with a value to `body` until the sheet data ends or `body` returns false.
  mutating func run(_ body: (XLSXRow) throws -> Bool) throws(XLSXError) {
    while let node = try xml.next() {
      switch node {
      case XMLPart.NodeType.element:
        let depth = xml.depth
        switch depth {
        case 1:
          if xml.nameIs("sheetData") { inSheetData = !xml.isEmptyElement }
        case 2:
          guard inSheetData, xml.nameIs("row") else { continue }
          let empty = xml.isEmptyElement
          try startRow()
          if empty, try !endRow(body) { return }
        case 3:
          guard inRow, xml.nameIs("c") else { continue }
          let empty = xml.isEmptyElement
          try startCell()
          if empty { try endCell() }
        case 4:
          guard inCell else { continue }
          if xml.nameIs("v") {
            collecting = !xml.isEmptyElement
          } else if xml.nameIs("is") {
            inInline = !xml.isEmptyElement
          }
        case 5:
          guard inInline else { continue }
          if xml.nameIs("t") {
            collecting = !xml.isEmptyElement
          } else if xml.nameIs("r") {
            inRun = !xml.isEmptyElement
          }
        case 6:
          if inRun && xml.nameIs("t") { collecting = !xml.isEmptyElement }
        default:
          break
        }
      case XMLPart.NodeType.text, XMLPart.NodeType.cdata, XMLPart.NodeType.significantWhitespace, XMLPart.NodeType.whitespace:
        if collecting { try collect() }
      case XMLPart.NodeType.endElement:
        switch xml.depth {
        case 1:
          // Everything after the sheet data (merged cells, page setup…) is not needed.
          if inSheetData { return }
        case 2:
          if inRow, try !endRow(body) { return }
        case 3:
          if inCell { try endCell() }
        case 4:
          collecting = false
          inInline = false
        case 5:
          collecting = false
          inRun = false
        case 6:
          collecting = false
        default:
          break
        }
      default:
        break
      }
    }
  }

  // MARK: - Rows

  private mutating func startRow() throws(XLSXError) {
    var explicit: Int?
    for attribute in xml.attributes where attribute.isPlain && attribute.nameIs("r") {
      switch XLSXCellReference.parseRow(attribute.value) {
      case .cell(_, let row): explicit = row
      case .outOfRange:
        throw malformed("a row is numbered \(attribute.string), past Excel's last row \(XLSXCellReference.rowCount)")
      case .invalid:
        throw malformed("a row is numbered \"\(attribute.string)\", which is not a row number")
      }
    }
    if let explicit {
      guard explicit > previousRow else { throw outOfOrderRow(explicit) }
      rowNumber = explicit
      rowNumberKnown = true
    } else {
      guard previousRow < XLSXCellReference.rowCount else {
        throw malformed("there are rows after row \(XLSXCellReference.rowCount), Excel's last row")
      }
      rowNumber = previousRow + 1
      rowNumberKnown = false
    }
    inRow = true
    previousColumn = -1
    rowTextBytes = 0
    let capacity = cells.count
    cells = []
    cells.reserveCapacity(capacity)
  }

  /// Hands the row to `body` when it has values; false when `body` wants no more.
  private mutating func endRow(_ body: (XLSXRow) throws -> Bool) throws(XLSXError) -> Bool {
    inRow = false
    previousRow = rowNumber
    guard !cells.isEmpty else { return true }
    do {
      return try body(XLSXRow(number: rowNumber, cells: cells))
    } catch let error as XLSXError {
      throw error
    } catch {
      var wrapped = XLSXError(.unreadable, "reading sheet \"\(sheetName)\" stopped at row \(rowNumber): \(error)", part: xml.name)
      wrapped.underlying = error
      throw wrapped
    }
  }

  private func outOfOrderRow(_ row: Int) -> XLSXError {
    let problem = row == previousRow ? "row \(row) appears twice" : "row \(row) comes after row \(previousRow)"
    return malformed("\(problem); Excel writes each row once, in order, so it is unclear which values count")
  }

  // MARK: - Cells

  private mutating func startCell() throws(XLSXError) {
    var reference: (column: Int, row: Int)?
    cellType = .number
    style = 0
    for attribute in xml.attributes where attribute.isPlain {
      if attribute.nameIs("r") {
        switch XLSXCellReference.classify(attribute.value) {
        case .cell(let column, let row): reference = (column, row)
        case .outOfRange:
          throw malformed("cell \(attribute.string) lies outside Excel's grid (the last cell is XFD\(XLSXCellReference.rowCount))")
        case .invalid:
          throw malformed("a cell has the reference \"\(attribute.string)\", which is not a cell reference like B7")
        }
      } else if attribute.nameIs("s") {
        style = Self.integer(attribute.value) ?? 0
      } else if attribute.nameIs("t") {
        guard let known = Self.cellType(attribute.value) else {
          throw malformed("a cell has the unknown type t=\"\(attribute.string)\"")
        }
        cellType = known
      }
    }
    if let reference {
      if reference.row != rowNumber {
        // A row without its own number takes its first cell's.
        if !rowNumberKnown && previousColumn < 0 && reference.row > previousRow {
          rowNumber = reference.row
        } else {
          throw malformed("cell \(XLSXCellReference.name(column: reference.column, row: reference.row)) is inside row \(rowNumber)")
        }
      }
      rowNumberKnown = true
      guard reference.column > previousColumn else {
        let name = XLSXCellReference.name(column: reference.column, row: rowNumber)
        let problem = reference.column == previousColumn
          ? "cell \(name) appears twice"
          : "cell \(name) comes after \(XLSXCellReference.name(column: previousColumn, row: rowNumber))"
        throw malformed("\(problem); Excel writes each cell once, left to right, so it is unclear which value counts")
      }
      column = reference.column
    } else {
      guard previousColumn + 1 < XLSXCellReference.columnCount else {
        throw malformed("row \(rowNumber) has cells past column XFD, Excel's last column")
      }
      column = previousColumn + 1
    }
    previousColumn = column
    inCell = true
    text.removeAll(keepingCapacity: true)
    collecting = false
    inInline = false
    inRun = false
  }

  private mutating func collect() throws(XLSXError) {
    let bytes = xml.valueBytes
    guard text.count + bytes.count <= limits.maxCellTextBytes else {
      throw tooLarge("cell \(cellName) holds more than \(limits.maxCellTextBytes) bytes of text (Excel allows 32,767 characters in a cell)")
    }
    text.append(contentsOf: bytes)
  }

  private mutating func endCell() throws(XLSXError) {
    inCell = false
    collecting = false
    inInline = false
    inRun = false
    guard let value = try value() else { return }
    guard cells.count < limits.maxCellsPerRow else {
      throw tooLarge("row \(rowNumber) has more than \(limits.maxCellsPerRow) cells with values, more than this tool reads")
    }
    if case .text(let string) = value {
      rowTextBytes += string.utf8.count
      if rowTextBytes > limits.maxRowTextBytes {
        throw tooLarge("row \(rowNumber) holds more than \(PartInput.megabytes(limits.maxRowTextBytes)) of text, more than this tool reads")
      }
    }
    cells.append(XLSXCell(column: column, value: value))
  }

  /// The collected `<v>` or inline text as a value; nil for an empty cell.
  private mutating func value() throws(XLSXError) -> XLSXValue? {
    if text.isEmpty { return nil }
    switch cellType {
    case .shared:
      guard let index = text.withUnsafeBufferPointer({ Self.integer(NumberText.trim($0)) }) else {
        throw malformed("cell \(cellName) refers to shared string \"\(textString)\", which is not an index")
      }
      guard let strings, index < strings.count else {
        let size = strings.map { "the table has \($0.count)" } ?? "the workbook has no shared-string table"
        throw malformed("cell \(cellName) refers to shared string \(index), but \(size)")
      }
      let string = strings.string(index)
      return string.isEmpty ? nil : .text(string)
    case .inline, .formulaString:
      XstringEscapes.decode(&text, from: 0)
      return text.isEmpty ? nil : .text(textString)
    case .boolean:
      switch textString.trimmingSpaces {
      case "1", "true": return .boolean(true)
      case "0", "false": return .boolean(false)
      default: throw malformed("cell \(cellName) is a boolean with the value \"\(textString)\"")
      }
    case .error:
      return .error(textString)
    case .number:
      guard let number = text.withUnsafeBufferPointer({ NumberText.parse($0) }) else {
        // Not a number although stored as one: handed on as the text it is, for the caller to judge.
        return .text(textString)
      }
      if let format = styles.dateFormat(style), let date = ExcelDate.render(number.value, format: format, uses1904: uses1904) {
        return .date(date)
      }
      if styles.isPercent(style) { return .percent(PercentFormat.shown(number.text)) }
      return .number(number.text)
    case .isoDate:
      let raw = textString
      return ExcelDate.normalizeISO(raw.trimmingSpaces).map(XLSXValue.date) ?? .text(raw)
    }
  }

  // MARK: - Helpers

  private var textString: String { String(decoding: text, as: UTF8.self) }
  private var cellName: String { XLSXCellReference.name(column: column, row: rowNumber) }
  /// Errors name the sheet as the user knows it, then the part and line.
  private var location: String { "sheet \"\(sheetName)\" (\(xml.name), line \(xml.line))" }

  private func malformed(_ problem: String) -> XLSXError {
    XLSXError(.malformed, "\(location): \(problem)", part: xml.name, line: xml.line)
  }

  private func tooLarge(_ problem: String) -> XLSXError {
    XLSXError(.tooLarge, "\(location): \(problem)", part: xml.name, line: xml.line)
  }

  private static func cellType(_ value: UnsafeBufferPointer<UInt8>) -> CellType? {
    switch value.count {
    case 1:
      switch value[0] {
      case UInt8(ascii: "s"): return .shared
      case UInt8(ascii: "n"): return .number
      case UInt8(ascii: "b"): return .boolean
      case UInt8(ascii: "e"): return .error
      case UInt8(ascii: "d"): return .isoDate
      default: return nil
      }
    case 3: return value.elementsEqual("str".utf8) ? .formulaString : nil
    case 9: return value.elementsEqual("inlineStr".utf8) ? .inline : nil
    default: return nil
    }
  }

  /// A non-negative decimal integer without sign or spaces (indexes), nil otherwise.
  static func integer(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
    guard !bytes.isEmpty, bytes.count <= 10 else { return nil }
    var value = 0
    for byte in bytes {
      guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
      value = value * 10 + Int(byte - UInt8(ascii: "0"))
    }
    return value
  }
}

extension String {
  /// Without leading and trailing ASCII spaces, tabs and line breaks.
  var trimmingSpaces: String {
    var scalars = Substring(self).unicodeScalars
    while let first = scalars.first, first == " " || first == "\t" || first == "\n" || first == "\r" { scalars.removeFirst() }
    while let last = scalars.last, last == " " || last == "\t" || last == "\n" || last == "\r" { scalars.removeLast() }
    return String(scalars)
  }
}
