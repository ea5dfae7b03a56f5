import Foundation

/// How a header's columns map to a schema's fields, and what is wrong with the header.
struct HeaderMapping {
  enum Match {
    case exact
    case legacy
    case caseOrSpaces
  }

  /// Field for each column (nil: unknown column or a repeat of a mapped one).
  var fieldForColumn: [Field?]
  var matchForColumn: [Match?]
  /// Schema fields with no column.
  var missing: [Field]
  var findings: [Finding]
  /// Number of columns that map to a distinct field.
  var matchedCount: Int
  var missingRequiredCount: Int

  init(header: [String], schema: ProductSchema, file: String) {
    var fieldForColumn = [Field?](repeating: nil, count: header.count)
    var matchForColumn = [Match?](repeating: nil, count: header.count)
    var findings: [Finding] = []
    var byName: [String: Field] = [:]
    var byLegacy: [String: Field] = [:]
    var byFolded: [String: Field] = [:]
    var byFoldedLegacy: [String: Field] = [:]
    for field in schema.fields {
      byName[field.name] = field
      byFolded[Self.fold(field.name)] = byFolded[Self.fold(field.name)] ?? field
      for legacy in field.legacyNames {
        byLegacy[legacy] = byLegacy[legacy] ?? field
        byFoldedLegacy[Self.fold(legacy)] = byFoldedLegacy[Self.fold(legacy)] ?? field
      }
    }
    var firstColumnOfName: [String: Int] = [:]
    var unknownCount = 0
    var mappedFields: Set<String> = []
    for (index, name) in header.enumerated() {
      let column = index + 1
      if let first = firstColumnOfName[name] {
        findings.append(DuplicateColumnCheck.finding(file: file, column: column, name: name, first: first))
        continue
      }
      firstColumnOfName[name] = column
      let match: (Field, Match)?
      if let field = byName[name] {
        match = (field, .exact)
      } else if let field = byLegacy[name] {
        match = (field, .legacy)
      } else if let field = byFolded[Self.fold(name)] {
        match = (field, .caseOrSpaces)
      } else if let field = byFoldedLegacy[Self.fold(name)] {
        match = (field, .legacy)
      } else {
        match = nil
      }
      guard let (field, kind) = match else {
        // Suggestions cost an edit distance per field: a hostile header gets them for its first columns only.
        unknownCount += 1
        var suggestion: String?
        if !name.isEmpty && unknownCount <= 200 && name.count <= 200 {
          let candidates = schema.fields.map(\.name).filter { !mappedFields.contains($0) }
          suggestion = EditDistance.nearest(to: name, in: candidates, limit: max(2, name.count / 3))
        }
        findings.append(UnknownColumnCheck.finding(file: file, column: column, name: name, suggestion: suggestion))
        continue
      }
      if mappedFields.contains(field.name) {
        findings.append(
          DuplicateColumnCheck.finding(
            file: file, column: column, name: name,
            first: (fieldForColumn.firstIndex { $0?.name == field.name } ?? 0) + 1))
        continue
      }
      switch kind {
      case .exact: break
      case .legacy:
        findings.append(LegacyColumnNameCheck.finding(file: file, column: column, name: name, current: field.name))
      case .caseOrSpaces:
        findings.append(ColumnNameMismatchCheck.finding(file: file, column: column, name: name, expected: field.name))
      }
      mappedFields.insert(field.name)
      fieldForColumn[index] = field
      matchForColumn[index] = kind
    }
    var missing: [Field] = []
    var missingRequired = 0
    for field in schema.fields where !mappedFields.contains(field.name) {
      missing.append(field)
      if field.required {
        missingRequired += 1
        findings.append(MissingRequiredColumnCheck.finding(file: file, field: field, type: schema.code))
      } else if field.documented {
        findings.append(MissingOptionalColumnCheck.finding(file: file, field: field))
      }
    }
    if let outOfOrder = Self.firstOutOfOrder(fieldForColumn, schema: schema) {
      findings.append(
        ColumnOrderCheck.finding(
          file: file, column: outOfOrder.column, name: header[outOfOrder.column - 1], expectedAfter: outOfOrder.before))
    }
    self.fieldForColumn = fieldForColumn
    self.matchForColumn = matchForColumn
    self.missing = missing
    self.findings = findings
    self.matchedCount = mappedFields.count
    self.missingRequiredCount = missingRequired
  }

  /// Lower case without surrounding spaces: how a person might mistype a known name.
  static func fold(_ name: String) -> String {
    name.lowercased().trimmingCharacters(in: .whitespacesAndNewlines)
  }

  /// The first column whose field comes earlier in the template than a field before it.
  private static func firstOutOfOrder(_ fields: [Field?], schema: ProductSchema) -> (column: Int, before: String)? {
    var position: [String: Int] = [:]
    for (index, field) in schema.fields.enumerated() { position[field.name] = index }
    var highest: (index: Int, name: String)?
    for (column, field) in fields.enumerated() {
      guard let field, let index = position[field.name] else { continue }
      if let top = highest, index < top.index { return (column + 1, top.name) }
      if highest == nil || index > highest!.index { highest = (index, field.name) }
    }
    return nil
  }
}
