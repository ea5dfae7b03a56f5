import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// The column list of Wizart's own template for a product type (`template CODE --pull`), which
/// is authoritative where our offline schemas are incomplete or out of date.
public struct OfficialTemplate: Sendable {
  public var columns: [String]
  /// The file as messages name it.
  public var source: String

  public init(columns: [String], source: String) {
    self.columns = columns
    self.source = source
  }

  /// Reads the first record of a template CSV (UTF-8, comma, optional BOM).
  public static func read(path: String) throws(TemplateError) -> OfficialTemplate {
    let descriptor = open(path, O_RDONLY)
    guard descriptor >= 0 else { throw TemplateError("\(path): \(String(cString: strerror(errno)).lowercased())") }
    defer { close(descriptor) }
    var info = stat()
    if fstat(descriptor, &info) == 0 && info.st_mode & S_IFMT == S_IFDIR {
      throw TemplateError("\(path) is a folder, not a template CSV")
    }
    let tokenizer = CSVTokenizer(fileDescriptor: descriptor, maxRecordBytes: 1 << 20)
    var columns: [String] = []
    do {
      let prefix = try tokenizer.peek(4)
      guard case .utf8(let bom) = InputSniffer.kind(of: prefix) else {
        throw TemplateError("\(path) is not a UTF-8 CSV template")
      }
      if bom { tokenizer.skip(3) }
      try tokenizer.forEachRecord { record in
        if record.oversized { throw TemplateError("\(path): its first line is longer than 1 MiB; it is not a template") }
        if let bad = record.invalidUTF8 {
          throw TemplateError(
            "\(path) is not UTF-8 (byte 0x\(String(bad.byte, radix: 16, uppercase: true)) on line \(bad.line)): save it as \"CSV UTF-8\"")
        }
        columns = (0..<record.cells.count).map { ByteText.string(ByteText.trimmed(record.bytes($0))) }
        return false
      }
    } catch let error as TemplateError {
      throw error
    } catch {
      throw TemplateError("\(path) cannot be read: \(error)")
    }
    columns = columns.filter { !$0.isEmpty }
    guard !columns.isEmpty else { throw TemplateError("\(path) has no header line to take the columns from") }
    if columns.count == 1, columns[0].contains(";") || columns[0].contains("\t") {
      throw TemplateError("\(path) is not comma-separated: its header is one column, \(Shown.quoted(columns[0]))")
    }
    return OfficialTemplate(columns: columns, source: path)
  }
}

public struct TemplateError: Error, Sendable, CustomStringConvertible {
  public var message: String
  public var description: String { message }
  init(_ message: String) { self.message = message }
}

extension ProductSchema {
  /// This schema with the template's columns as the column list, in the template's order: a
  /// column we know keeps our rule (also when the template uses a legacy name, which becomes the
  /// name), a column we do not know becomes an optional text field, and our fields the template
  /// lacks are dropped (the server checks the structure against its template, not ours).
  public func applying(_ template: OfficialTemplate) -> ProductSchema {
    var byName: [String: Field] = [:]
    for field in fields {
      byName[field.name] = byName[field.name] ?? field
      for legacy in field.legacyNames { byName[legacy] = byName[legacy] ?? field }
    }
    var seen: Set<String> = []
    var result = self
    result.fields = template.columns.compactMap { column in
      guard seen.insert(column).inserted else { return nil }
      if var known = byName[column] {
        if known.name != column {
          known.legacyNames = [known.name] + known.legacyNames.filter { $0 != column }
          result.rename(known.name, to: column)
          known.name = column
        }
        return known
      }
      return Field(
        name: column, title: nil, description: "Column of Wizart's template \(template.source); no rule known offline.",
        example: nil, kind: .text, required: false, minimum: nil, maximum: nil, exclusiveMinimum: nil, maxLength: nil,
        allowed: nil, list: nil, legacyNames: [], documented: true, sourcePage: template.source)
    }
    return result
  }

  /// Follows a field's new name in every rule that refers to fields by name.
  private mutating func rename(_ old: String, to new: String) {
    func renamed(_ name: String) -> String { name == old ? new : name }
    if imageField == old { imageField = new }
    if let uniqueness {
      self.uniqueness = Uniqueness(field: renamed(uniqueness.field), scope: uniqueness.scope.map(renamed))
    }
    nameFields = nameFields.map(renamed)
    dimensionRule.requireOneOf = dimensionRule.requireOneOf.map { $0.map(renamed) }
    dimensionRule.completePairs = dimensionRule.completePairs.map { $0.map(renamed) }
    physicalSize = PhysicalSize(width: physicalSize.width.map(renamed), length: physicalSize.length.map(renamed))
  }
}
