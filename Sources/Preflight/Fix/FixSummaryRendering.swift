/// The fix summary as people read it (stdout of `fix`), plain text without colour.
public enum FixSummaryText {
  public static func render(_ summary: FixSummary) -> String {
    var out = ""
    switch summary.outcome {
    case .failed:
      return "error: \(summary.error ?? "fix failed")\n"
    case .refused:
      let cells = summary.refusals.reduce(0) { $0 + ($1.kind.unit == "cells" ? $1.count : 0) }
      out += "refused: \(summary.input) has "
      out += cells > 0 ? "\(cells) value\(cells == 1 ? "" : "s") whose meaning is uncertain" : "content fix cannot read one certain way"
      out += "; nothing was written\n"
      out += facts(summary)
      out += "\n"
      for item in summary.refusals { out += lines(item) }
      return out
    case .written, .unchanged, .dryRun:
      break
    }
    out += "\(summary.outcome == .dryRun ? "would fix" : "fixed") \(summary.input) → \(summary.output)\n"
    out += facts(summary)
    if !summary.changes.isEmpty {
      out += "\n\(summary.outcome == .dryRun ? "changes it would make" : "changes"):\n"
      for item in summary.changes { out += lines(item) }
    }
    if !summary.leftForYou.isEmpty {
      out += "\nleft for you (values kept as they are; see: wizart-preflight check \(summary.output)):\n"
      for item in summary.leftForYou { out += lines(item) }
    }
    out += "\n"
    let size = "\(summary.rows) row\(summary.rows == 1 ? "" : "s"), \(summary.columns) column\(summary.columns == 1 ? "" : "s")"
    switch summary.outcome {
    case .unchanged:
      out += "nothing needed changing: \(summary.output) is a byte-identical copy (\(size))\n"
    case .dryRun:
      out += summary.changes.isEmpty
        ? "dry run: nothing would change; nothing was written (\(size))\n"
        : "dry run: nothing was written (\(size))\n"
    default:
      out += "wrote \(summary.output) (\(size))\n"
    }
    return out
  }

  /// How the input was read: type, encoding, delimiter.
  private static func facts(_ summary: FixSummary) -> String {
    var out = ""
    if let type = summary.type {
      out += "  type: \(type)\(summary.typeNote.map { " — \($0)" } ?? "")\n"
    } else if let note = summary.typeNote {
      out += "  type: not chosen — \(note)\n"
    }
    if let sheet = summary.sheet {
      out += "  sheet: \(sheet)\n"
    }
    if let encoding = summary.encoding {
      out += "  encoding: \(encoding.displayName)\(summary.encodingNote.map { " — \($0)" } ?? "")\n"
    }
    if let delimiter = summary.delimiter {
      out += "  delimiter: \(delimiter)\(summary.delimiterNote.map { " — \($0)" } ?? "")\n"
    }
    return out
  }

  private static func lines(_ item: FixItem) -> String {
    var head = "  \(item.kind.label)"
    var parts: [String] = []
    if let detail = item.detail, item.kind.unit == "file" || item.kind == .encoding { parts.append(detail) }
    if item.kind.unit != "file" && (item.count > 0 || item.kind != .encoding) {
      let unit = item.count == 1 ? String(item.kind.unit.dropLast()) : item.kind.unit
      parts.append("\(item.count) \(unit)")
    }
    if !parts.isEmpty { head += ": " + parts.joined(separator: "; ") }
    var out = head + "\n"
    for example in item.examples { out += "      \(describe(example))\n" }
    let hidden = item.count - item.examples.count
    if item.kind.unit != "file" && hidden > 0 && !item.examples.isEmpty {
      out += "      … and \(hidden) more\n"
    }
    if let detail = item.detail, item.kind.unit != "file" && item.kind != .encoding {
      out += "      \(detail)\n"
    }
    return out
  }

  /// `line 3, row 2, product_width: "1,06" → "1.06" — note`
  static func describe(_ example: FixExample) -> String {
    var place: [String] = []
    if let cell = example.cell { place.append("cell \(cell)") }
    if let line = example.line { place.append("line \(line)") }
    if let row = example.row { place.append("row \(row)") }
    if let field = example.field, !field.isEmpty {
      place.append(field)
    } else if let column = example.column {
      place.append("column \(column)")
    }
    var text = place.joined(separator: ", ")
    switch (example.before, example.after) {
    case (let before?, let after?): text += ": \"\(before)\" → \"\(after)\""
    case (let before?, nil): text += ": \"\(before)\""
    case (nil, let after?): text += ": \"\(after)\""
    case (nil, nil): break
    }
    if let note = example.note { text += text.isEmpty ? note : " — \(note)" }
    return text
  }
}

/// The fix summary for scripts: sorted keys, the same bytes for the same run.
public enum FixSummaryJSON {
  public static func render(_ summary: FixSummary) -> String { value(of: summary).serialized() }

  public static func value(of summary: FixSummary) -> JSONValue {
    .object([
      "tool": .object(["name": .string("wizart-preflight"), "version": .string(Preflight.version)]),
      "outcome": .string(summary.outcome.rawValue),
      "input": .string(summary.input),
      "output": .string(summary.output),
      "type": .object(["code": .optional(summary.type), "note": .optional(summary.typeNote)]),
      "sheet": .optional(summary.sheet),
      "encoding": .object(["input": .optional(summary.encoding?.rawValue), "note": .optional(summary.encodingNote)]),
      "delimiter": .object(["input": .optional(summary.delimiter), "note": .optional(summary.delimiterNote)]),
      "rows": .int(summary.rows),
      "columns": .int(summary.columns),
      "changes": .array(summary.changes.map(item)),
      "leftForYou": .array(summary.leftForYou.map(item)),
      "refusals": .array(summary.refusals.map(item)),
      "error": .optional(summary.error),
    ])
  }

  private static func item(_ item: FixItem) -> JSONValue {
    .object([
      "kind": .string(item.kind.rawValue),
      "unit": .string(item.kind.unit),
      "count": .int(item.count),
      "detail": .optional(item.detail),
      "examples": .array(item.examples.map(example)),
    ])
  }

  private static func example(_ example: FixExample) -> JSONValue {
    var members: [String: JSONValue] = [:]
    if let line = example.line { members["line"] = .int(line) }
    if let row = example.row { members["row"] = .int(row) }
    if let column = example.column { members["column"] = .int(column) }
    if let field = example.field { members["field"] = .string(field) }
    if let cell = example.cell { members["cell"] = .string(cell) }
    if let before = example.before { members["before"] = .string(before) }
    if let after = example.after { members["after"] = .string(after) }
    if let note = example.note { members["note"] = .string(note) }
    return .object(members)
  }
}
