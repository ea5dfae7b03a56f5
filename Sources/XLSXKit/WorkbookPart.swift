import ZipKit

/// What `xl/workbook.xml` says: the sheets in tab order and the date system.
struct WorkbookPart {
  struct Sheet {
    var name: String
    var isHidden: Bool
    /// The `r:id` naming the sheet's relationship in the workbook's `.rels`.
    var relationshipID: String?
  }

  var sheets: [Sheet] = []
  var uses1904 = false

  static func read(_ name: String, entry: ZipEntry, parts: PartIndex, limits: XLSXLimits, budget: inout ByteBudget)
    throws(XLSXError) -> WorkbookPart
  {
    let (limit, reason) = budget.allowance(cap: limits.maxPartBytes, for: "the workbook part")
    let xml = try XMLPart(archive: parts.archive, entry: entry, name: name, limit: limit, limitReason: reason, limits: limits)
    var workbook = WorkbookPart()
    var inSheets = false
    var sawRoot = false
    while let type = try xml.next() {
      if type == XMLPart.NodeType.endElement {
        if xml.depth == 1 { inSheets = false }
        continue
      }
      guard type == XMLPart.NodeType.element else { continue }
      switch xml.depth {
      case 0:
        guard xml.nameIs("workbook") else {
          throw xml.malformed("the root element is not <workbook>, so this is not an Excel workbook part")
        }
        sawRoot = true
      case 1:
        if xml.nameIs("workbookPr") {
          while xml.nextPlainAttribute() {
            if xml.nameIs("date1904") {
              let value = xml.valueString
              workbook.uses1904 = value == "1" || value == "true"
            }
          }
          xml.moveToElement()
        } else if xml.nameIs("sheets") {
          inSheets = !xml.isEmptyElement
        }
      case 2 where inSheets && xml.nameIs("sheet"):
        var sheet = Sheet(name: "", isHidden: false, relationshipID: nil)
        while xml.nextAttribute() {
          if xml.isPlainAttribute {
            if xml.nameIs("name") {
              sheet.name = xml.valueString
            } else if xml.nameIs("state") {
              let state = xml.valueString
              sheet.isHidden = state == "hidden" || state == "veryHidden"
            }
          } else if xml.nameIs("id") && !xml.isNamespaceDeclaration {
            sheet.relationshipID = xml.valueString
          }
        }
        xml.moveToElement()
        workbook.sheets.append(sheet)
      default:
        break
      }
    }
    guard sawRoot else { throw XLSXError(.malformed, "\(name) has no <workbook> element", part: name) }
    budget.used += xml.bytesRead
    return workbook
  }
}
