import ZipKit

/// The shared-string table (`xl/sharedStrings.xml`): every text cell of every sheet refers to it by
/// index, in any order, so it is the one thing held in memory for a whole sheet. It is kept as one
/// byte buffer plus end offsets (8 bytes of bookkeeping per string instead of a String object each),
/// under `maxSharedStrings` and `maxSharedStringBytes`.
struct SharedStrings {
  private(set) var bytes: [UInt8] = []
  private(set) var ends: [UInt32] = []

  var count: Int { ends.count }

  func string(_ index: Int) -> String {
    let start = index == 0 ? 0 : Int(ends[index - 1])
    return bytes.withUnsafeBufferPointer { buffer in
      String(decoding: UnsafeBufferPointer(rebasing: buffer[start..<Int(ends[index])]), as: UTF8.self)
    }
  }

  /// Reads the table: each `<si>` is its `<t>`, or its rich-text runs' `<t>`s joined; phonetic
  /// guides (`<rPh>`) are not part of the text. `_xHHHH_` escapes are decoded.
  static func read(_ name: String, entry: ZipEntry, parts: PartIndex, limits: XLSXLimits, budget: inout ByteBudget)
    throws(XLSXError) -> SharedStrings
  {
    let (limit, reason) = budget.allowance(cap: limits.maxSharedStringsPartBytes, for: "the shared-strings part")
    let xml = try XMLPart(archive: parts.archive, entry: entry, name: name, limit: limit, limitReason: reason, limits: limits)
    let maxBytes = min(limits.maxSharedStringBytes, Int(UInt32.max))
    var table = SharedStrings()
    var itemStart = 0
    // Depth of the <t> being collected, or -1.
    var textDepth = -1
    var inItem = false
    // Inside a rich-text run <r> (whose <t> counts), not a phonetic guide <rPh> (whose <t> does not).
    var inRun = false
    while let type = try xml.next() {
      switch type {
      case XMLPart.NodeType.element:
        let depth = xml.depth
        if depth == 0 {
          if xml.nameIs("sst") {
            try checkDeclaredCount(xml, limits: limits)
          }
        } else if depth == 1 {
          guard xml.nameIs("si") else { continue }
          guard table.ends.count < limits.maxSharedStrings else {
            throw XLSXError(
              .tooLarge,
              "\(name) holds more than \(limits.maxSharedStrings) shared strings, more than this tool reads; it was not read further",
              part: name)
          }
          itemStart = table.bytes.count
          if xml.isEmptyElement {
            table.ends.append(UInt32(itemStart))
          } else {
            inItem = true
          }
        } else if inItem && depth == 2 && xml.nameIs("r") {
          inRun = !xml.isEmptyElement
        } else if inItem && (depth == 2 || (depth == 3 && inRun)) && xml.nameIs("t") && !xml.isEmptyElement {
          textDepth = depth
        }
      case XMLPart.NodeType.text, XMLPart.NodeType.cdata, XMLPart.NodeType.whitespace, XMLPart.NodeType.significantWhitespace:
        guard textDepth >= 0 else { continue }
        let text = xml.valueBytes
        if table.bytes.count - itemStart + text.count > limits.maxCellTextBytes {
          throw XLSXError(
            .tooLarge,
            "\(name): shared string \(table.ends.count) is longer than \(limits.maxCellTextBytes) bytes (Excel allows 32,767 characters in a cell)",
            part: name)
        }
        if table.bytes.count + text.count > maxBytes {
          throw XLSXError(
            .tooLarge,
            "\(name) holds more than \(PartInput.megabytes(maxBytes)) of shared-string text, more than this tool reads; it was not read further",
            part: name)
        }
        table.bytes.append(contentsOf: text)
      case XMLPart.NodeType.endElement:
        let depth = xml.depth
        if depth == textDepth {
          textDepth = -1
        } else if depth == 2 {
          inRun = false
        } else if depth == 1 && inItem {
          XstringEscapes.decode(&table.bytes, from: itemStart)
          table.ends.append(UInt32(table.bytes.count))
          inItem = false
        }
      default:
        break
      }
    }
    budget.used += xml.bytesRead
    return table
  }

  /// `uniqueCount` (or `count`) over the cap: refused before reading a single string. The
  /// attributes are only hints, so the real count is still enforced while reading.
  private static func checkDeclaredCount(_ xml: XMLPart, limits: XLSXLimits) throws(XLSXError) {
    var declared = 0
    while xml.nextPlainAttribute() {
      if xml.nameIs("uniqueCount") { declared = Int(xml.valueString) ?? 0 }
    }
    xml.moveToElement()
    if declared > limits.maxSharedStrings {
      throw XLSXError(
        .tooLarge,
        "\(xml.name) declares \(declared) shared strings, more than the \(limits.maxSharedStrings) this tool reads; it was not read",
        part: xml.name)
    }
  }
}
