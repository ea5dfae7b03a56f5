import Foundation

/// How a header's columns map to a schema's fields. Findings go to a callback as they are
/// found, so a hostile header of many columns costs a few bytes per column, not a finding each.
struct HeaderMapping {
  /// Index into `schema.fields` for each column; -1 for an unknown column or a repeat.
  private(set) var fieldIndexForColumn: [Int]
  /// Columns that map to a distinct field.
  private(set) var matchedCount = 0
  private(set) var missingRequiredCount = 0
  /// Template fields no column maps to (a smaller number means a closer fit).
  private(set) var unmatchedFieldCount = 0

  /// Maps `header` onto `schema` and hands each finding to `report`.
  init(header: [String], schema: ProductSchema, file: String, report: (Finding) -> Void) {
    self.init(header: header, schema: schema, file: file, wantsFindings: true, report: report)
  }

  /// Only the counts, for type inference: no findings, no suggestions.
  static func score(header: [String], schema: ProductSchema) -> HeaderMapping {
    HeaderMapping(header: header, schema: schema, file: "", wantsFindings: false, report: { _ in })
  }

  private init(header: [String], schema: ProductSchema, file: String, wantsFindings: Bool, report: (Finding) -> Void) {
    func emit(_ finding: @autoclosure () -> Finding) { if wantsFindings { report(finding()) } }
    fieldIndexForColumn = [Int](repeating: -1, count: header.count)
    // Keys are UTF-8 bytes: header names are compared exactly, and String equality would
    // treat NFC and NFD spellings as the same name.
    var byName: [[UInt8]: Int] = [:]
    var byLegacy: [[UInt8]: Int] = [:]
    var byFolded: [String: Int] = [:]
    var byFoldedLegacy: [String: Int] = [:]
    for (index, field) in schema.fields.enumerated() {
      byName[Array(field.name.utf8)] = byName[Array(field.name.utf8)] ?? index
      byFolded[Self.fold(field.name)] = byFolded[Self.fold(field.name)] ?? index
      for legacy in field.legacyNames {
        byLegacy[Array(legacy.utf8)] = byLegacy[Array(legacy.utf8)] ?? index
        byFoldedLegacy[Self.fold(legacy)] = byFoldedLegacy[Self.fold(legacy)] ?? index
      }
    }
    var firstColumnOfName: [[UInt8]: Int] = [:]
    var firstColumnOfField = [Int](repeating: 0, count: schema.fields.count)
    var unknownCount = 0
    for (index, name) in header.enumerated() {
      let column = index + 1
      let bytes = Array(name.utf8)
      if !name.isEmpty, let first = firstColumnOfName[bytes] {
        emit(DuplicateColumnCheck.finding(file: file, column: column, name: name, first: first))
        continue
      }
      firstColumnOfName[bytes] = firstColumnOfName[bytes] ?? column
      let folded = Self.fold(name)
      let match: (index: Int, legacy: Bool, exact: Bool)?
      if let field = byName[bytes] {
        match = (field, false, true)
      } else if let field = byLegacy[bytes] ?? byFoldedLegacy[folded] {
        match = (field, true, false)
      } else if let field = byFolded[folded] {
        match = (field, false, false)
      } else {
        match = nil
      }
      guard let match else {
        unknownCount += 1
        guard wantsFindings else { continue }
        // Suggestions cost an edit distance per field: a hostile header gets them for its first columns only.
        var suggestion: String?
        var elsewhere: [String] = []
        if !name.isEmpty && unknownCount <= 200 && name.count <= 200 {
          let candidates = schema.fields.indices.filter { firstColumnOfField[$0] == 0 }.map { schema.fields[$0].name }
          suggestion = EditDistance.suggestion(for: name, in: candidates)
          if suggestion == nil { elsewhere = KnownFieldNames.typesHaving(name).filter { $0 != schema.code } }
        }
        report(
          UnknownColumnCheck.finding(
            file: file, column: column, name: name, suggestion: suggestion, otherTypes: elsewhere, type: schema.code))
        continue
      }
      let field = schema.fields[match.index]
      if firstColumnOfField[match.index] != 0 {
        // A second spelling of a field already present: name the spelling's own problem.
        if match.legacy {
          emit(LegacyColumnNameCheck.finding(file: file, column: column, name: name, current: field.name))
        } else if !match.exact {
          emit(ColumnNameMismatchCheck.finding(file: file, column: column, name: name, expected: field.name))
        } else {
          emit(DuplicateColumnCheck.finding(file: file, column: column, name: name, first: firstColumnOfField[match.index]))
        }
        continue
      }
      if match.legacy {
        emit(LegacyColumnNameCheck.finding(file: file, column: column, name: name, current: field.name))
      } else if !match.exact {
        emit(ColumnNameMismatchCheck.finding(file: file, column: column, name: name, expected: field.name))
      }
      firstColumnOfField[match.index] = column
      fieldIndexForColumn[index] = match.index
      matchedCount += 1
    }
    for (index, field) in schema.fields.enumerated() where firstColumnOfField[index] == 0 {
      unmatchedFieldCount += 1
      if field.required {
        missingRequiredCount += 1
        emit(MissingRequiredColumnCheck.finding(file: file, field: field, type: schema.code))
      } else if field.documented {
        emit(MissingOptionalColumnCheck.finding(file: file, field: field))
      }
    }
    if wantsFindings, let outOfOrder = Self.firstOutOfOrder(fieldIndexForColumn) {
      report(
        ColumnOrderCheck.finding(
          file: file, column: outOfOrder.column, name: header[outOfOrder.column - 1],
          expectedAfter: schema.fields[outOfOrder.before].name))
    }
  }

  /// Lower case without surrounding spaces: how a person might mistype a known name.
  static func fold(_ name: String) -> String {
    name.lowercased().trimmingCharacters(in: .whitespacesAndNewlines)
  }

  /// The first column whose field comes earlier in the template than a field before it.
  private static func firstOutOfOrder(_ fields: [Int]) -> (column: Int, before: Int)? {
    var highest = -1
    for (column, field) in fields.enumerated() where field >= 0 {
      if field < highest { return (column + 1, highest) }
      highest = field
    }
    return nil
  }
}

/// Which shipped product types have a column of a given name: for "belongs to another type" hints.
enum KnownFieldNames {
  private static let types: [String: [String]] = {
    var types: [String: [String]] = [:]
    for schema in (try? SchemaCatalog.all()) ?? [] {
      for field in schema.fields { types[field.name, default: []].append(schema.code) }
    }
    return types
  }()

  static func typesHaving(_ name: String) -> [String] { types[name] ?? [] }
}
