import ZipKit

/// The part of the styles that matters to values: which cell formats (`cellXfs`, indexed by a
/// cell's `s` attribute) show numbers as dates or times.
struct Styles {
  /// Per `cellXfs/xf`, in order: the date format, or nil for plain numbers.
  var cellFormats: [DateFormat?] = []
  /// Per `cellXfs/xf`, in order: the format shows the number as a percentage.
  var percentFormats: [Bool] = []

  /// The date format of style index `s`; nil for numbers, and for indexes past the table
  /// (Excel would repair those to the default style, which is General).
  func dateFormat(_ index: Int) -> DateFormat? {
    index >= 0 && index < cellFormats.count ? cellFormats[index] : nil
  }

  /// Style index `s` shows numbers as percentages (false past the table, as for General).
  func isPercent(_ index: Int) -> Bool {
    index >= 0 && index < percentFormats.count && percentFormats[index]
  }

  static func read(_ name: String, entry: ZipEntry, parts: PartIndex, limits: XLSXLimits, budget: inout ByteBudget)
    throws(XLSXError) -> Styles
  {
    let (limit, reason) = budget.allowance(cap: limits.maxPartBytes, for: "the styles part")
    let xml = try XMLPart(archive: parts.archive, entry: entry, name: name, limit: limit, limitReason: reason, limits: limits)
    var custom: [Int: DateFormat?] = [:]
    var customPercent: [Int: Bool] = [:]
    var formatIDs: [Int] = []
    var inCellXfs = false
    var inNumFmts = false
    while let type = try xml.next() {
      if type == XMLPart.NodeType.endElement {
        if xml.depth == 1 {
          inCellXfs = false
          inNumFmts = false
        }
        continue
      }
      guard type == XMLPart.NodeType.element else { continue }
      switch xml.depth {
      case 1:
        let empty = xml.isEmptyElement
        inCellXfs = xml.nameIs("cellXfs") && !empty
        inNumFmts = xml.nameIs("numFmts") && !empty
      case 2 where inNumFmts && xml.nameIs("numFmt"):
        var id: Int?
        var code = ""
        while xml.nextPlainAttribute() {
          if xml.nameIs("numFmtId") {
            id = Int(xml.valueString)
          } else if xml.nameIs("formatCode") {
            code = xml.valueString
          }
        }
        xml.moveToElement()
        if let id {
          custom[id] = DateFormat.classify(code)
          customPercent[id] = PercentFormat.classify(code)
        }
      case 2 where inCellXfs && xml.nameIs("xf"):
        var id = 0
        while xml.nextPlainAttribute() {
          if xml.nameIs("numFmtId") { id = Int(xml.valueString) ?? 0 }
        }
        xml.moveToElement()
        formatIDs.append(id)
      default:
        break
      }
    }
    budget.used += xml.bytesRead
    var styles = Styles()
    styles.cellFormats = formatIDs.map { id in
      if let format = custom[id] { return format }
      return DateFormat.builtIn(id)
    }
    styles.percentFormats = formatIDs.map { customPercent[$0] ?? PercentFormat.isBuiltIn($0) }
    return styles
  }
}
