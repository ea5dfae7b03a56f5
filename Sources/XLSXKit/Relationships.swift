import ZipKit

/// One `<Relationship>` of a `.rels` part: how OPC packages find their parts.
struct Relationship {
  var id: String
  var type: String
  var target: String
  var isExternal: Bool

  /// The type's last path segment: "officeDocument", "worksheet", "sharedStrings", "styles", …
  /// (transitional and strict OOXML differ only before it).
  var kind: Substring { type.split(separator: "/", omittingEmptySubsequences: false).last ?? "" }
}

enum Relationships {
  /// The relationships part of `source` ("" for the package root): `xl/_rels/workbook.xml.rels`.
  static func partName(for source: String) -> String {
    guard let slash = source.lastIndex(of: "/") else { return "_rels/\(source).rels" }
    return "\(source[..<slash])/_rels/\(source[source.index(after: slash)...]).rels"
  }

  /// The relationships of `source`; empty when it has no relationships part.
  static func read(of source: String, in parts: PartIndex, limits: XLSXLimits, budget: inout ByteBudget)
    throws(XLSXError) -> [Relationship]
  {
    let name = partName(for: source)
    guard let entry = try parts.entry(name) else { return [] }
    let (limit, reason) = budget.allowance(cap: limits.maxPartBytes, for: "a relationships part")
    let xml = try XMLPart(archive: parts.archive, entry: entry, name: name, limit: limit, limitReason: reason, limits: limits)
    var result: [Relationship] = []
    while let type = try xml.next() {
      guard type == XMLPart.NodeType.element, xml.depth == 1, xml.nameIs("Relationship") else { continue }
      var relationship = Relationship(id: "", type: "", target: "", isExternal: false)
      while xml.nextPlainAttribute() {
        if xml.nameIs("Id") {
          relationship.id = xml.valueString
        } else if xml.nameIs("Type") {
          relationship.type = xml.valueString
        } else if xml.nameIs("Target") {
          relationship.target = xml.valueString
        } else if xml.nameIs("TargetMode") {
          relationship.isExternal = xml.valueString == "External"
        }
      }
      xml.moveToElement()
      result.append(relationship)
    }
    budget.used += xml.bytesRead
    return result
  }

  /// The part a relationship of `source` points to, as a package-relative name without a leading
  /// slash. Nil for targets outside the package: URLs (a scheme before the first slash), backslashes,
  /// `..` climbing above the root (reliability.md C16). Nothing is ever looked up outside the ZIP, but
  /// such a target is damage or an attack and is reported, not followed.
  static func resolve(_ target: String, from source: String) -> String? {
    if target.isEmpty || target.contains("\\") { return nil }
    let path = target.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
    if let colon = path.firstIndex(of: ":"), !path[..<colon].contains("/") { return nil }
    var segments: [Substring] = []
    if !path.hasPrefix("/"), let slash = source.lastIndex(of: "/") {
      segments = source[..<slash].split(separator: "/")
    }
    for segment in path.split(separator: "/") {
      switch segment {
      case ".": continue
      case "..":
        if segments.isEmpty { return nil }
        segments.removeLast()
      default: segments.append(segment)
      }
    }
    return segments.isEmpty ? nil : segments.joined(separator: "/")
  }

  /// The entry for a resolved name, trying it as written and then percent-decoded
  /// (`sheet%201.xml` is the part `sheet 1.xml`).
  static func entry(_ name: String, in parts: PartIndex) throws(XLSXError) -> (name: String, entry: ZipEntry)? {
    if let entry = try parts.entry(name) { return (name, entry) }
    if let decoded = percentDecoded(name), decoded != name, let entry = try parts.entry(decoded) { return (decoded, entry) }
    return nil
  }

  static func percentDecoded(_ text: String) -> String? {
    guard text.contains("%") else { return text }
    var out: [UInt8] = []
    let bytes = Array(text.utf8)
    var i = 0
    while i < bytes.count {
      if bytes[i] == UInt8(ascii: "%") {
        guard i + 2 < bytes.count, let high = hexValue(bytes[i + 1]), let low = hexValue(bytes[i + 2]) else { return nil }
        out.append(high << 4 | low)
        i += 3
      } else {
        out.append(bytes[i])
        i += 1
      }
    }
    return String(validating: out, as: UTF8.self)
  }

  static func hexValue(_ byte: UInt8) -> UInt8? {
    switch byte {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
    case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
    case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
    default: return nil
    }
  }
}
