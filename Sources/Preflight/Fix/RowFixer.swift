/// The fixer's work on rows, whatever their source: header names first, then every cell by its
/// column's repair, written through the CSV writer and tallied. A class: its state must not be
/// copied for every row.
final class RowFixer {
  /// Where a cell is, for examples.
  private struct Place {
    /// Physical line of a CSV file; nil for a sheet, whose places are cells.
    var line: Int?
    var row: Int?
    var column: Int
    var field: String?
    var cell: String?

    init<Row: FixRowView>(_ source: Row, row: Int?, index: Int, field: String?) {
      cell = source.cellName(index)
      line = cell == nil ? source.line : nil
      self.row = row
      column = index + 1
      self.field = field
    }
  }

  private let choice: SchemaChoice
  private let decimalSeparator: DecimalSeparator
  /// The input was not UTF-8: cells with non-ASCII text are examples of the conversion.
  private let convertedEncoding: Bool
  private let writer: CSVWriter
  var tally: FixTally
  private(set) var schema: ProductSchema?
  private(set) var typeNote: String?
  /// Several types fit the header equally and all read it the same way: none is named.
  private(set) var typeUndecided = false
  private(set) var header: [String] = []
  private var repairs: [ColumnRepair] = []
  private(set) var headerSeen = false
  private var lineBreak = LineBreak.lf
  /// Data rows as `check` numbers them (blank lines included).
  private var rowNumber = 0
  private(set) var rowsWritten = 0
  /// Evidence of how the file writes numbers, for `1.060` and for the refusal's advice.
  private var decimalCommaSeen: FixExample?
  private var commaThousandsSeen: FixExample?
  /// A value such as `1.234.567`: dots group thousands in this file.
  private var dotThousandsSeen: FixExample?
  /// `1.060`-like values: thousands in a file that writes decimal commas or groups thousands
  /// with dots, else plain decimals.
  private var dottedValues: [FixExample] = []
  private var dottedCount = 0

  init(choice: SchemaChoice, decimalSeparator: DecimalSeparator, convertedEncoding: Bool, writer: CSVWriter, tally: FixTally) {
    self.choice = choice
    self.decimalSeparator = decimalSeparator
    self.convertedEncoding = convertedEncoding
    self.writer = writer
    self.tally = tally
  }

  func process<Row: FixRowView>(_ row: Row) throws {
    if headerSeen {
      try processRow(row)
    } else {
      try processHeader(row)
      headerSeen = true
    }
  }

  /// After the last row: `1.060`-like values are refused when the file also writes decimal
  /// commas or groups thousands with dots, and the refusal says how to decide.
  func finish() {
    if dottedCount > 0 && (decimalCommaSeen != nil || dotThousandsSeen != nil) && decimalSeparator == .auto {
      for value in dottedValues { tally.add(.ambiguousNumber) { value } }
      if dottedCount > dottedValues.count { tally.add(.ambiguousNumber, count: dottedCount - dottedValues.count) { nil } }
    }
    guard tally.count(.ambiguousNumber) > 0 else { return }
    tally.add(.ambiguousNumber, count: 0, detail: ambiguityAdvice()) { nil }
    tally.sortExamples(.ambiguousNumber)
  }

  private func ambiguityAdvice() -> String {
    func place(_ example: FixExample) -> String {
      "row \(example.row ?? 0), \(example.field ?? "")\(example.before.map { ": \"\($0)\"" } ?? "")"
    }
    switch (decimalCommaSeen, commaThousandsSeen) {
    case (let decimal?, nil):
      return "this file writes decimal commas elsewhere (\(place(decimal))); if every comma in a number field is a decimal comma, run again with --decimal comma, otherwise correct these cells"
    case (nil, nil) where dotThousandsSeen != nil:
      return "this file separates thousands with dots elsewhere (\(place(dotThousandsSeen!))); if every dot in a number field does, run again with --decimal comma, otherwise correct these cells"
    case (nil, let thousands?):
      return "this file separates thousands with commas elsewhere (\(place(thousands))); if every comma in a number field does, run again with --decimal dot, otherwise correct these cells"
    default:
      return "say how to read them: --decimal comma (1,060 is 1.06) or --decimal dot (1,060 is 1060), or correct these cells"
    }
  }

  // MARK: - Header

  private func processHeader<Row: FixRowView>(_ row: Row) throws {
    let count = row.cellCount
    let raw = (0..<count).map { ByteText.string(row.bytes($0)) }
    let names = (0..<count).map { ByteText.string(ByteText.trimmed(row.bytes($0))) }
    if names.allSatisfy(\.isEmpty) {
      throw FixFailure(message: "\(row.lineName) is empty, but the header (the column names) must come first")
    }
    let schema = try resolveSchema(names)
    self.schema = schema
    let mapping = HeaderMapping(header: names, schema: schema, file: "") { _ in }
    guard mapping.matchedCount > 0 else {
      throw FixFailure(
        message: "not a \(schema.code) catalogue: no column of the header (\(Shown.text(names.prefix(3).joined(separator: ", "))) …) is a field of \(schema.code); check --type, or pass --delimiter if the columns are separated by another character")
    }
    lineBreak = row.lineBreak == .crlf ? .crlf : .lf
    writer.lineBreak = lineBreak == .crlf ? [0x0D, 0x0A] : [0x0A]
    for index in 0..<count {
      let fieldIndex = mapping.fieldIndexForColumn[index]
      let field = fieldIndex >= 0 ? schema.fields[fieldIndex] : nil
      let place = Place(row, row: nil, index: index, field: names[index])
      if let problem = row.problem(index), case .malformedQuotes(let why) = problem {
        tally.add(.malformedQuotes) { example(place, before: raw[index], note: why) }
      }
      var name = names[index]
      if let field, !name.utf8.elementsEqual(field.name.utf8),
        !names.contains(where: { $0.utf8.elementsEqual(field.name.utf8) })
      {
        // An old name as documented is "old"; the current name in other capitals is a spelling.
        let exactLegacy = field.legacyNames.contains { $0.utf8.elementsEqual(name.utf8) }
        let kind: FixKind = exactLegacy || HeaderMapping.fold(name) != HeaderMapping.fold(field.name) ? .legacyNames : .headerNames
        name = field.name
        tally.add(kind) { example(place, before: raw[index], after: field.name) }
      } else if !raw[index].utf8.elementsEqual(name.utf8) {
        tally.add(.headerNames) { example(place, before: raw[index], after: name) }
      }
      header.append(name)
      repairs.append(ColumnRepair(field: field))
      var bytes = name
      try bytes.withUTF8 { utf8 throws in
        try write(UnsafeRawBufferPointer(utf8), quoted: row.isQuoted(index), place: place)
      }
    }
    noteLineBreak(row, row: nil)
    try writer.endRecord()
  }

  private func resolveSchema(_ names: [String]) throws -> ProductSchema {
    switch choice {
    case .given(let schema):
      return schema
    case .infer(let candidates):
      switch TypeInference.infer(header: names, from: candidates) {
      case .inferred(let schema, let note):
        typeNote = note
        return schema
      case .ambiguous(let codes) where codes.isEmpty:
        throw FixFailure(
          message: "not a catalogue: no column of the header (\(Shown.text(names.prefix(3).joined(separator: ", "))) …) is a field of any product type; pass --delimiter if the columns are separated by another character")
      case .ambiguous(let codes):
        let tied = candidates.filter { codes.contains($0.code) }
        guard let first = tied.first, tied.dropFirst().allSatisfy({ Self.reading(names, $0) == Self.reading(names, first) }) else {
          throw FixRefusal(
            kind: .typeAmbiguous,
            detail: "the header fits \(codes.joined(separator: ", ")) equally well, and they read some of its columns differently: run again with --type CODE")
        }
        // Every candidate would write the same file: the type does not matter here.
        typeUndecided = true
        typeNote = "the header fits \(codes.joined(separator: ", ")) equally well; they read its columns the same way, so fix does not need to choose (check will: pass it --type)"
        return first
      }
    }
  }

  /// What a type makes of each column: its name in the output and its repair.
  private static func reading(_ names: [String], _ schema: ProductSchema) -> [String] {
    let mapping = HeaderMapping(header: names, schema: schema, file: "") { _ in }
    return names.indices.map { index in
      let fieldIndex = mapping.fieldIndexForColumn[index]
      guard fieldIndex >= 0 else { return "\(names[index]) text" }
      let field = schema.fields[fieldIndex]
      return "\(field.name) \(ColumnRepair(field: field))"
    }
  }

  // MARK: - Rows

  private func processRow<Row: FixRowView>(_ row: Row) throws {
    rowNumber += 1
    let count = row.cellCount
    var blank = true
    for index in 0..<count where ByteText.trimmed(row.bytes(index)).count > 0 {
      blank = false
      break
    }
    if blank {
      tally.add(.blankLines) { FixExample(line: fileLine(row), row: rowNumber, cell: row.cellName(0)) }
      return
    }
    let ragged = count != header.count
    if ragged {
      tally.add(.raggedRow) {
        FixExample(
          line: fileLine(row), row: rowNumber,
          note: "\(count) cell\(count == 1 ? "" : "s"), the header has \(header.count) (a value with a comma that is not quoted?)")
      }
    }
    for index in 0..<count {
      let place = Place(row, row: rowNumber, index: index, field: index < header.count ? header[index] : nil)
      let raw = row.bytes(index)
      if let problem = row.problem(index) {
        switch problem {
        case .malformedQuotes(let why):
          tally.add(.malformedQuotes) { example(place, before: ByteText.string(raw), note: why) }
        case .controlCharacter:
          tally.add(.controlCharacter) { example(place, before: ByteText.string(raw)) }
        }
      }
      if convertedEncoding && row.hasNonASCII(index) {
        tally.add(.encoding) { example(place, after: ByteText.string(ByteText.trimmed(raw))) }
      }
      let value = ByteText.trimmed(raw)
      if value.count != raw.count {
        tally.add(.whitespace) { example(place, before: ByteText.string(raw), after: ByteText.string(value)) }
      }
      var replacement: String?
      let kind = row.valueKind(index)
      if kind != .text && value.count > 0 {
        noteSpreadsheetValue(kind, repair: ragged ? .text : repairs[index], value: value, place: place)
      } else if !ragged && value.count > 0 {
        switch repairs[index] {
        case .text: break
        case .number: replacement = repairNumber(value, place: place)
        case .numberItems(let separator): replacement = repairItems(value, separator: separator, place: place)
        case .boolean: replacement = repairBoolean(value, place: place)
        }
      }
      if var replacement {
        try replacement.withUTF8 { utf8 throws in
          try write(UnsafeRawBufferPointer(utf8), quoted: row.isQuoted(index), place: place)
        }
      } else {
        try write(value, quoted: row.isQuoted(index), place: place)
      }
    }
    noteLineBreak(row, row: rowNumber)
    try writer.endRecord()
    rowsWritten += 1
  }

  /// A date in a number field is refused: the sheet shows a date where a number belongs, and
  /// which number was meant is uncertain. Dates elsewhere and formula errors are written as the
  /// reader gives them, and named.
  private func noteSpreadsheetValue(_ kind: CellValueKind, repair: ColumnRepair, value: UnsafeRawBufferPointer, place: Place) {
    switch (kind, repair) {
    case (.date, .number), (.date, .numberItems):
      tally.add(.dateInNumberField) {
        example(
          place, before: ByteText.string(value),
          note: "Excel shows a date here: format the column as Number, type the value again, then run fix again")
      }
    case (.date, _):
      tally.add(.excelDate) {
        example(place, after: ByteText.string(value), note: "written as year-month-day; check that Excel did not turn a code into a date")
      }
    case (.error, _):
      tally.add(.formulaError) { example(place, before: ByteText.string(value), note: "a formula error: correct the formula or type the value") }
    case (.text, _):
      break
    }
  }

  private func write(_ bytes: UnsafeRawBufferPointer, quoted: Bool, place: Place) throws {
    if CSVWriter.needsQuotes(bytes) != quoted {
      tally.add(.quoting) {
        example(
          place, after: ByteText.string(bytes),
          note: quoted ? "quotes removed: the value needs none" : "quoted: the value holds a comma, a quote or a line break")
      }
    }
    try writer.writeCell(bytes)
  }

  private func noteLineBreak<Row: FixRowView>(_ source: Row, row: Int?) {
    guard source.lineBreak != lineBreak else { return }
    tally.add(.lineBreaks) {
      let target = lineBreak == .crlf ? "CRLF" : "LF"
      let note: String
      switch source.lineBreak {
      case .none: note = "line break (\(target)) added at the end of the file"
      case .cr: note = "CR → \(target)"
      case .lf: note = "LF → \(target)"
      case .crlf: note = "CRLF → \(target)"
      }
      return FixExample(line: source.line, row: row, note: note)
    }
  }

  // MARK: - Values

  private func repairNumber(_ value: UnsafeRawBufferPointer, place: Place) -> String? {
    if DecimalNumber.parse(value) != nil {
      guard NumberRepair.isDottedThousands(value) else { return nil }
      switch decimalSeparator {
      case .dot:
        return nil
      case .comma:
        let fixed = NumberRepair.withoutDot(value)
        tally.add(.thousandsSeparator) { example(place, before: ByteText.string(value), after: fixed) }
        return fixed
      case .auto:
        dottedCount += 1
        if dottedValues.count < tally.refusalLimit {
          let text = ByteText.string(value)
          dottedValues.append(
            example(
              place, before: text,
              note: "\(text) could be \(text) with a decimal point, or \(NumberRepair.withoutDot(value)) with a thousands dot as files with decimal commas write it"))
        }
        return nil
      }
    }
    switch NumberRepair.repair(value, separator: decimalSeparator) {
    case .fixed(let fixed, let change):
      noteNumberStyle(value, fixed: fixed, place: place)
      tally.add(change == .decimalComma ? .decimalComma : .thousandsSeparator) {
        example(place, before: ByteText.string(value), after: fixed)
      }
      return fixed
    case .ambiguous(let decimal, let thousands):
      tally.add(.ambiguousNumber) {
        let text = ByteText.string(value)
        return example(place, before: text, note: "\(text) could be \(decimal) with a decimal comma, or \(thousands) with a thousands comma")
      }
      return nil
    case .notFixable:
      tally.add(.invalidNumber) {
        let text = ByteText.string(value)
        return example(place, before: text, note: NumberMistake.classify(text).hint(for: text))
      }
      return nil
    }
  }

  /// Remembers the first repaired value that shows decimal commas (a comma became the decimal
  /// dot), the first that shows thousands commas (a comma was dropped), and the first that
  /// shows thousands dots (dots were dropped: `1.234.567`).
  private func noteNumberStyle(_ value: UnsafeRawBufferPointer, fixed: String, place: Place) {
    guard decimalCommaSeen == nil || commaThousandsSeen == nil || dotThousandsSeen == nil else { return }
    var lastMark: UInt8 = 0
    var sawComma = false
    var sawDot = false
    for byte in value where byte == 0x2C || byte == 0x2E {
      lastMark = byte
      if byte == 0x2C { sawComma = true } else { sawDot = true }
    }
    guard sawComma else {
      if sawDot && !fixed.utf8.contains(0x2E) && dotThousandsSeen == nil {
        dotThousandsSeen = example(place, before: ByteText.string(value))
      }
      return
    }
    if lastMark == 0x2C && fixed.utf8.contains(0x2E) {
      if decimalCommaSeen == nil { decimalCommaSeen = example(place, before: ByteText.string(value)) }
    } else if commaThousandsSeen == nil {
      commaThousandsSeen = example(place, before: ByteText.string(value))
    }
  }

  /// Each item of a number list whose separator is not the comma, repaired like a number cell.
  private func repairItems(_ value: UnsafeRawBufferPointer, separator: UInt8, place: Place) -> String? {
    var out: [UInt8] = []
    var changed = false
    var start = 0
    var index = 0
    while index <= value.count {
      if index == value.count || value[index] == separator {
        let item = UnsafeRawBufferPointer(rebasing: value[start..<index])
        let core = ByteText.trimmed(item)
        if core.count > 0, let fixed = repairNumber(core, place: place) {
          changed = true
          let lead = core.baseAddress! - item.baseAddress!
          out.append(contentsOf: item[0..<lead])
          out.append(contentsOf: fixed.utf8)
          out.append(contentsOf: item[(lead + core.count)...])
        } else {
          out.append(contentsOf: item)
        }
        if index < value.count { out.append(separator) }
        start = index + 1
      }
      index += 1
    }
    return changed ? String(decoding: out, as: UTF8.self) : nil
  }

  private func repairBoolean(_ value: UnsafeRawBufferPointer, place: Place) -> String? {
    switch BooleanRepair.repair(value) {
    case .canonical:
      return nil
    case .rewrite(let canonical):
      tally.add(.booleanSpelling) { example(place, before: ByteText.string(value), after: canonical) }
      return canonical
    case .unknown:
      tally.add(.invalidBoolean) {
        example(place, before: ByteText.string(value), note: "write yes or no (1/0, y/n and other words are not read as yes or no)")
      }
      return nil
    }
  }

  /// The row's physical line in a file; a sheet row is named by its cells instead.
  private func fileLine<Row: FixRowView>(_ row: Row) -> Int? {
    row.cellName(0) == nil ? row.line : nil
  }

  private func example(_ place: Place, before: String? = nil, after: String? = nil, note: String? = nil) -> FixExample {
    FixExample(
      line: place.line, row: place.row, column: place.column, field: place.field, cell: place.cell,
      before: before.map { Shown.text($0) }, after: after.map { Shown.text($0) }, note: note)
  }
}
