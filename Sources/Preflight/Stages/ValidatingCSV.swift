import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Which schema to check against: the one asked for, or the best fit among these.
public enum SchemaChoice: Sendable {
  case given(ProductSchema)
  case infer([ProductSchema])
}

/// What the validating_csv stage tells the rest of the run.
struct CatalogSummary {
  var schema: ProductSchema?
  var inferred = false
  var inferenceNote: String?
  var rows = 0
  var columns = 0
  var bytes = 0
  /// The file could not be read at all (exit 2).
  var unreadable = false
  /// Image references, when they were asked for and the type has an image field.
  var images: CatalogImages?
  /// The worksheet read, for an Excel catalogue.
  var sheet: String?

  /// What the record checks found out, once the last record is through.
  mutating func take(_ checker: RecordChecker) {
    schema = checker.schema
    inferred = checker.inferred
    inferenceNote = checker.inferenceNote
    rows = checker.rows
    columns = checker.columnCount
    images = checker.images
  }
}

/// The validating_csv stage: streams the catalogue once and runs every CSV check on it.
struct ValidatingCSV {
  var path: String
  /// The catalogue as reports name it.
  var file: String
  var choice: SchemaChoice
  /// Called now and then with (bytes read, file size).
  var progress: ((Int, Int) -> Void)?
  /// Keep each row's image reference for checking_images.
  var collectImages = false
  /// The worksheet of an Excel catalogue (nil = the first).
  var sheet: String?

  func run(into collector: inout FindingCollector) -> CatalogSummary {
    var summary = CatalogSummary()
    if case .given(let schema) = choice { summary.schema = schema }
    var info = stat()
    guard stat(path, &info) == 0 else {
      collector.add(InputUnreadableCheck.finding(file: file, reason: String(cString: strerror(errno)).lowercased()))
      summary.unreadable = true
      return summary
    }
    if info.st_mode & S_IFMT == S_IFDIR {
      collector.add(InputUnreadableCheck.finding(file: file, reason: "it is a folder, not a file; pass the CSV file inside it"))
      summary.unreadable = true
      return summary
    }
    let descriptor = open(path, O_RDONLY)
    guard descriptor >= 0 else {
      collector.add(InputUnreadableCheck.finding(file: file, reason: String(cString: strerror(errno)).lowercased()))
      summary.unreadable = true
      return summary
    }
    defer { close(descriptor) }
    summary.bytes = Int(info.st_size)
    if let finding = NotCSVExtensionCheck.finding(file: file) { collector.add(finding) }
    if ExcelCatalog.isWorkbookPath(path) {
      runWorkbook(summary: &summary, into: &collector)
      return summary
    }

    let tokenizer = CSVTokenizer(fileDescriptor: descriptor)
    do {
      let prefix = try tokenizer.peek(4096)
      guard !prefix.isEmpty else {
        collector.add(NoDataRowsCheck.finding(file: file, empty: true))
        return summary
      }
      switch InputSniffer.kind(of: prefix) {
      case .utf8(let bom):
        if bom {
          collector.add(UTF8BOMCheck.finding(file: file))
          tokenizer.skip(3)
        }
      case let other:
        collector.add(EncodingNotUTF8Check.wholeFile(file: file, kind: other))
        return summary
      }
      let sample = try tokenizer.peek(1 << 20)
      let lines = max(1, sample.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) })
      let expectedRows = summary.bytes / max(1, sample.count / lines) + 16
      let checker = RecordChecker(file: file, choice: choice, expectedRows: expectedRows, collectImages: collectImages)
      var lastReport = 0
      try tokenizer.forEachRecord { record in
        checker.process(&record, into: &collector)
        if let progress, tokenizer.bytesRead - lastReport >= 4 << 20 {
          lastReport = tokenizer.bytesRead
          progress(tokenizer.bytesRead, summary.bytes)
        }
        return true
      }
      checker.finish(into: &collector)
      summary.take(checker)
      if checker.header.isEmpty && checker.rows == 0 && !checker.stopped {
        collector.add(NoDataRowsCheck.finding(file: file, empty: true))
      }
    } catch let error as InputReadError {
      collector.add(InputUnreadableCheck.finding(file: file, reason: error.message.lowercased()))
      summary.unreadable = true
    } catch {
      collector.add(InputUnreadableCheck.finding(file: file, reason: "\(error)"))
      summary.unreadable = true
    }
    return summary
  }
}

/// The per-record work of validating_csv, with the state it keeps between records.
/// A class: its state must not be copied for every record.
final class RecordChecker {
  let file: String
  let choice: SchemaChoice
  private(set) var schema: ProductSchema?
  private(set) var inferred = false
  private(set) var inferenceNote: String?
  private(set) var header: [String] = []
  private(set) var rows = 0
  /// A problem made the rest of the file meaningless (wrong delimiter).
  private(set) var stopped = false
  /// Line 1 is empty: the server would read an empty header.
  private var blankHeader = false
  private var nonBlankRows = 0
  private var plans: [ColumnPlan] = []
  private var rules: [CellRule] = []
  private var allowed = AllowedValues()
  private var dimensionRule = ProductSchema.DimensionRule(requireOneOf: [], completePairs: [])
  private var typeCode = ""
  private var columnOfField: [String: Int] = [:]
  private var skuColumn: Int?
  private var scopeColumn: Int?
  private var brandColumn: Int?
  private var nameColumns: [Int] = []
  private var dimensions: DimensionPlan?
  private let skus: SKURegistry
  /// The current row's SKU hash, computed once for the prefetch and the registration.
  private var skuHash: UInt64 = 0
  /// Collection names by their registry key, for messages; bounded.
  private var collectionNames: [UInt32: String] = [:]
  private let collectImages: Bool
  /// The records are a sheet's rows: one wider than the header has a value past its last column.
  var readsSheet = false
  private(set) var images: CatalogImages?
  /// `images != nil`, as a plain flag: testing the optional struct retains its array every row.
  private var keepsImages = false
  private var widthColumns: [Int] = []
  private var lengthColumns: [Int] = []
  private var lastScopeHash: UInt64?
  private var spellings = NameSpellings()
  /// Hashes of (brand, name) spellings already looked at: a repeat cannot be a new variant.
  private let seenSpellings = FingerprintSet(limit: 100_000)
  private(set) var columnCount = 0
  private var hasRules = false
  private var firstInvalidByte: (record: CSVRecord.InvalidByte, recordLine: Int, row: Int?, field: String?, guess: String)?
  private var invalidRecords = 0

  init(file: String, choice: SchemaChoice, expectedRows: Int, collectImages: Bool) {
    self.file = file
    self.choice = choice
    self.collectImages = collectImages
    if case .given(let schema) = choice { self.schema = schema }
    // Pre-size from the first megabyte's line length (so a large catalogue never grows the table,
    // which would briefly hold two); calloc'ed pages cost nothing until SKUs are written to them.
    skus = SKURegistry(expectedCount: min(expectedRows, 16_000_000))
  }

  func process(_ record: inout CSVRecord, into collector: inout FindingCollector) {
    if record.number == 0 {
      processHeader(record, into: &collector)
      return
    }
    guard !stopped else { return }
    if blankHeader {
      guard !isBlank(record) else { return }
      collector.add(MissingRequiredColumnCheck.blankFirstLine(file: file, headerLine: record.line))
      stopped = true
      return
    }
    rows += 1
    let row = record.number
    if record.oversized {
      nonBlankRows += 1
      collector.add(RecordTooLargeCheck.finding(file: file, line: record.line, row: row, limit: 16 << 20))
      if record.endsInsideQuotes {
        collector.add(MalformedQuotesCheck.unclosed(file: file, line: record.line, row: row, column: nil, field: nil))
      }
      return
    }
    noteEncoding(record, row: row)
    addStructureFindings(record, row: row, into: &collector)
    if isBlank(record) {
      collector.add(.blankRow, row: row) { BlankRowCheck.finding(file: file, line: record.line, row: row) }
      return
    }
    nonBlankRows += 1
    guard record.cellCount == columnCount else {
      // An unclosed quote already explains why the cells do not line up.
      if record.cells.last?.flags.contains(.unclosedQuote) == true { return }
      collector.add(.raggedRow, row: row) {
        readsSheet
          ? RaggedRowCheck.pastHeader(file: file, line: record.line, row: row, column: record.cellCount, columns: columnCount)
          : RaggedRowCheck.finding(file: file, line: record.line, row: row, cells: record.cellCount, columns: columnCount)
      }
      return
    }
    guard hasRules else { return }
    if let skuColumn {
      skuHash = ByteText.hash(ByteText.trimmed(record.bytes(skuColumn)))
      skus.prefetch(sku: skuHash)
    }
    checkCells(record, row: row, into: &collector)
    checkRow(record, row: row, into: &collector)
  }

  func finish(into collector: inout FindingCollector) {
    if let first = firstInvalidByte {
      collector.add(
        EncodingNotUTF8Check.invalidByte(
          file: file, byte: first.record.byte, recordLine: first.recordLine, byteLine: first.record.line,
          character: first.record.character, row: first.row, column: first.record.cell + 1, field: first.field,
          likelyEncoding: first.guess, moreRecords: invalidRecords - 1))
    }
    if blankHeader && !stopped {
      collector.add(NoDataRowsCheck.finding(file: file, empty: true))
    } else if !header.isEmpty && !stopped && nonBlankRows == 0 {
      collector.add(NoDataRowsCheck.finding(file: file, empty: false))
    }
  }

  // MARK: - Header

  private func processHeader(_ record: CSVRecord, into collector: inout FindingCollector) {
    if record.oversized {
      collector.add(RecordTooLargeCheck.finding(file: file, line: record.line, row: nil, limit: 16 << 20))
      stopped = true
      return
    }
    header = (0..<record.cells.count).map { ByteText.string(record.bytes($0)) }
    columnCount = record.cellCount
    if record.isBlankLine {
      blankHeader = true
      return
    }
    noteEncoding(record, row: nil)
    if let finding = WrongDelimiterCheck.finding(file: file, headerCells: header) {
      collector.add(finding)
      stopped = true
      return
    }
    addStructureFindings(record, row: nil, into: &collector)
    if record.cellCount > record.cells.count {
      collector.add(UnknownColumnCheck.tooManyColumns(file: file, columns: record.cellCount, kept: record.cells.count))
    }
    switch choice {
    case .given: break
    case .infer(let candidates):
      inferred = true
      switch TypeInference.infer(header: header, from: candidates) {
      case .inferred(let best, let note):
        schema = best
        inferenceNote = note
      case .ambiguous(let names):
        collector.add(TypeAmbiguousCheck.finding(file: file, candidates: names))
        return
      }
    }
    guard let schema else { return }
    let mapping = HeaderMapping(header: header, schema: schema, file: file) { collector.add($0) }
    for (index, fieldIndex) in mapping.fieldIndexForColumn.enumerated() where fieldIndex >= 0 {
      let field = schema.fields[fieldIndex]
      plans.append(ColumnPlan(index: plans.count, column: index + 1, field: field, headerName: header[index]))
      columnOfField[field.name] = index
    }
    if let uniqueness = schema.uniqueness {
      skuColumn = columnOfField[uniqueness.field]
      scopeColumn = uniqueness.scope.flatMap { columnOfField[$0] }
    }
    brandColumn = schema.nameFields.first.flatMap { columnOfField[$0] }
    if collectImages, let imageField = schema.imageField, let column = columnOfField[imageField] {
      images = CatalogImages(field: header[column], column: column + 1, references: [])
      keepsImages = true
      widthColumns = schema.physicalSize.width.compactMap { columnOfField[$0] }
      lengthColumns = schema.physicalSize.length.compactMap { columnOfField[$0] }
    }
    let plan = DimensionPlan(rule: schema.dimensionRule, columnOfField: columnOfField)
    dimensions = plan.isEmpty ? nil : plan
    dimensionRule = schema.dimensionRule
    typeCode = schema.code
    rules = plans.enumerated().map { CellRule(plan: $1, index: $0, isSKU: $1.column - 1 == skuColumn, allowed: &allowed) }
    hasRules = !rules.isEmpty
    nameColumns = schema.nameFields.compactMap { columnOfField[$0] }
  }

  // MARK: - Structure

  private func noteEncoding(_ record: CSVRecord, row: Int?) {
    guard let bad = record.invalidUTF8 else { return }
    invalidRecords += 1
    guard firstInvalidByte == nil else { return }
    let bytes = UnsafeRawBufferPointer(start: record.base + record.start, count: record.end - record.start)
    let field = bad.cell < header.count ? header[bad.cell] : nil
    firstInvalidByte = (bad, record.line, row, field, LegacyEncodingGuess.guess(bytes))
  }

  /// Row-level findings carry the line where the record starts (diagnostics.md); only an
  /// unclosed quote names the line where it opens, which is where the fix goes.
  private func addStructureFindings(_ record: CSVRecord, row: Int?, into collector: inout FindingCollector) {
    guard record.hasCellProblems else { return }
    if let stored = record.storedCells {
      for index in stored { addStructureFindings(record, cell: index, row: row, into: &collector) }
    } else {
      for index in 0..<record.cells.count { addStructureFindings(record, cell: index, row: row, into: &collector) }
    }
  }

  private func addStructureFindings(
    _ record: CSVRecord, cell index: Int, row: Int?, into collector: inout FindingCollector
  ) {
    let span = record.cells[index]
    guard span.flags.contains(.unclosedQuote) || span.problemOffset >= 0 else { return }
    let field = index < header.count ? header[index] : nil
    if span.flags.contains(.unclosedQuote) {
      collector.add(
        MalformedQuotesCheck.unclosed(
          file: file, line: record.line(ofOffset: span.start - 1), row: row, column: index + 1, field: field))
    }
    guard span.problemOffset >= 0 else { return }
    let value = ByteText.string(record.bytes(index))
    if span.flags.contains(.strayQuote) || span.flags.contains(.textAfterQuote) {
      collector.add(
        MalformedQuotesCheck.stray(
          file: file, line: record.line, row: row, column: index + 1, field: field, value: value,
          afterClosingQuote: span.flags.contains(.textAfterQuote)))
    }
    if span.flags.contains(.controlCharacter) {
      let byte = record.base.load(fromByteOffset: span.problemOffset, as: UInt8.self)
      collector.add(
        ControlCharacterCheck.finding(
          file: file, line: record.line, row: row, column: index + 1, field: field, byte: byte, value: value))
    }
    if span.flags.contains(.excelError) {
      collector.add(FormulaErrorCheck.finding(file: file, line: record.line, row: row, column: index + 1, field: field, value: value))
    }
  }

  private func isBlank(_ record: CSVRecord) -> Bool {
    if record.isBlankLine { return true }
    if let stored = record.storedCells {
      for index in stored where ByteText.trimmed(record.bytes(index)).count > 0 { return false }
      return true
    }
    for index in 0..<record.cells.count where ByteText.trimmed(record.bytes(index)).count > 0 { return false }
    return true
  }

  // MARK: - Cells

  private func checkCells(_ record: CSVRecord, row: Int, into collector: inout FindingCollector) {
    allowed.pool.withUnsafeBufferPointer { pool in
    allowed.spans.withUnsafeBufferPointer { spans in
    rules.withUnsafeBufferPointer { rules in
      let allowed = AllowedView(pool: pool, spans: spans)
      for rule in rules {
        let raw = record.bytes(rule.column)
        let value = ByteText.trimmed(raw)
        if value.count == raw.count {
          if value.count == 0 {
            if rule.required { report(.missingValue, rule, record, row, raw, into: &collector) }
            continue
          }
        } else if value.count == 0 {
          if rule.required { report(.missingValue, rule, record, row, raw, into: &collector) }
          continue
        } else {
          report(.whitespace, rule, record, row, raw, into: &collector)
        }
        switch rule.kind {
        case .number:
          if let number = DecimalNumber.parse(value) {
            if !rule.inRange(number) { report(.outOfRange(number), rule, record, row, value, into: &collector) }
          } else {
            report(.notANumber, rule, record, row, value, into: &collector)
          }
        case .boolean:
          if !(ByteText.equalsLowercased(value, Self.yes) || ByteText.equalsLowercased(value, Self.no)) {
            report(.boolean, rule, record, row, value, into: &collector)
          }
        case .choice:
          if !allowed.allows(value, rule) { report(.choice, rule, record, row, value, into: &collector) }
        case .text:
          if value.count > rule.maxLength && UTF8Validation.scalarCount(value) > rule.maxLength {
            report(.tooLong, rule, record, row, value, into: &collector)
          }
          let first = value[0]
          if first == 0x3D || first == 0x2B || first == 0x2D || first == 0x40 {
            report(.formula, rule, record, row, value, into: &collector)
          }
          if rule.isSKU && ExcelMangling.mightBeMangled(value) {
            report(.mangledID, rule, record, row, value, into: &collector)
          }
        case .list:
          if !allowed.listIsClean(value, rule) { report(.list, rule, record, row, value, into: &collector) }
          let first = value[0]
          if !rule.listNumbers && (first == 0x3D || first == 0x2B || first == 0x2D || first == 0x40) {
            report(.formula, rule, record, row, value, into: &collector)
          }
        }
      }
    }
    }
    }
  }

  /// The slow path of a cell: everything that needs the column's cold plan or builds strings.
  private enum CellEvent {
    case missingValue, whitespace, notANumber, boolean, choice, tooLong, formula, mangledID, list
    case outOfRange(Double)

    /// The code this event always reports (nil when the slow path decides, or adds a second one).
    var certainCode: DiagnosticCode? {
      switch self {
      case .missingValue: .missingRequiredValue
      case .whitespace: .surroundingWhitespace
      case .choice: .invalidEnum
      case .tooLong: .tooLong
      case .outOfRange: .outOfRange
      case .notANumber, .boolean, .formula, .mangledID, .list: nil
      }
    }
  }

  private func report(
    _ event: CellEvent, _ rule: CellRule, _ record: CSVRecord, _ row: Int, _ value: UnsafeRawBufferPointer,
    into collector: inout FindingCollector
  ) {
    // A flood of one kind of problem is counted without building its messages.
    if let code = event.certainCode, collector.isFull(code) {
      collector.countOnly(code, row: row)
      return
    }
    let plan = plans[rule.index]
    let location = { Location(file: self.file, line: record.line, row: row, column: plan.column, field: plan.headerName) }
    switch event {
    case .missingValue:
      collector.add(MissingRequiredValueCheck.finding(at: location(), field: plan.headerName))
    case .whitespace:
      collector.add(SurroundingWhitespaceCheck.finding(at: location(), field: plan.headerName, value: ByteText.string(value)))
    case .outOfRange(let number):
      collector.add(OutOfRangeCheck.finding(at: location(), field: plan.field, value: ByteText.string(value), number: number))
    case .notANumber:
      let text = ByteText.string(value)
      let (finding, mistake) = InvalidNumberCheck.finding(at: location(), field: plan.headerName, value: text)
      collector.add(finding)
      if mistake.isExcelMangling || record.cells[rule.column].flags.contains(.excelDate) {
        collector.add(ExcelMangling.finding(at: location(), field: plan.headerName, value: text, scientific: mistake == .scientific))
      }
    case .boolean:
      let text = ByteText.string(value)
      if ByteText.equalsLowercased(value, Self.trueWord) || ByteText.equalsLowercased(value, Self.falseWord) {
        collector.add(
          BooleanSpellingCheck.finding(
            at: location(), field: plan.headerName, value: text, meaning: ByteText.equalsLowercased(value, Self.trueWord)))
      } else {
        collector.add(InvalidBooleanCheck.finding(at: location(), field: plan.headerName, value: text))
      }
    case .choice:
      collector.add(
        InvalidEnumCheck.finding(
          at: location(), field: plan.headerName, value: ByteText.string(value), item: nil, allowed: plan.field.allowed ?? []))
    case .tooLong:
      collector.add(
        TooLongCheck.finding(
          at: location(), field: plan.headerName, value: ByteText.string(value), length: UTF8Validation.scalarCount(value),
          limit: rule.maxLength))
    case .formula:
      guard DecimalNumber.parse(value) == nil else { return }
      collector.add(FormulaLikeValueCheck.finding(at: location(), field: plan.headerName, value: ByteText.string(value)))
    case .mangledID:
      checkMangledID(value, plan: plan, location: location, into: &collector)
    case .list:
      guard case .list(let list) = plan.check else { return }
      checkList(value, list: list, plan: plan, location: location, into: &collector)
    }
  }

  private static let yes = Array("yes".utf8)
  private static let no = Array("no".utf8)
  private static let trueWord = Array("true".utf8)
  private static let falseWord = Array("false".utf8)

  private func checkMangledID(
    _ value: UnsafeRawBufferPointer, plan: ColumnPlan, location: () -> Location, into collector: inout FindingCollector
  ) {
    var hasE = false
    var hasSeparator = false
    var hasDigit = false
    for byte in value {
      if byte == 0x45 || byte == 0x65 { hasE = true }
      if byte == 0x2E || byte == 0x2D || byte == 0x2F || byte == 0x20 { hasSeparator = true }
      if byte >= 0x30 && byte <= 0x39 { hasDigit = true }
    }
    guard hasDigit && (hasE || hasSeparator) else { return }
    let text = ByteText.string(value)
    if hasE && ExcelMangling.isScientific(text) {
      collector.add(ExcelMangling.finding(at: location(), field: plan.headerName, value: text, scientific: true))
    } else if hasSeparator && ExcelMangling.isDateLike(text) {
      collector.add(ExcelMangling.finding(at: location(), field: plan.headerName, value: text, scientific: false))
    }
  }

  private func checkList(
    _ value: UnsafeRawBufferPointer, list: ColumnPlan.ListPlan, plan: ColumnPlan, location: () -> Location,
    into collector: inout FindingCollector
  ) {
    var start = 0
    var sawEmpty = false
    var badNumber: String?
    var outOfRange: (String, Double)?
    var badChoice: String?
    let count = value.count
    var index = 0
    while index <= count {
      if index == count || value[index] == list.separator {
        let item = ByteText.trimmed(UnsafeRawBufferPointer(rebasing: value[start..<index]))
        if item.count == 0 {
          sawEmpty = true
        } else if list.numbers {
          if let number = DecimalNumber.parse(item) {
            if outOfRange == nil && !rules[plan.index].inRange(number) { outOfRange = (ByteText.string(item), number) }
          } else if badNumber == nil {
            badNumber = ByteText.string(item)
          }
        } else if let lowered = list.lowered, badChoice == nil,
          !lowered.contains(where: { ByteText.equalsLowercased(item, $0) })
        {
          badChoice = ByteText.string(item)
        }
        start = index + 1
      }
      index += 1
    }
    guard sawEmpty || badNumber != nil || outOfRange != nil || badChoice != nil else { return }
    let text = ByteText.string(value)
    if sawEmpty { collector.add(EmptyListItemCheck.finding(at: location(), field: plan.headerName, value: text)) }
    if let badNumber {
      collector.add(InvalidNumberCheck.finding(at: location(), field: plan.headerName, value: text, item: badNumber).0)
    }
    if let (item, number) = outOfRange {
      var finding = OutOfRangeCheck.finding(at: location(), field: plan.field, value: item, number: number)
      finding.value = text
      collector.add(finding)
    }
    if let badChoice {
      collector.add(
        InvalidEnumCheck.finding(
          at: location(), field: plan.headerName, value: text, item: badChoice, allowed: plan.field.list?.allowed ?? []))
    }
  }

  // MARK: - Rows

  private func checkRow(_ record: CSVRecord, row: Int, into collector: inout FindingCollector) {
    if let dimensions, !dimensions.isSatisfied({ column in column.map { ByteText.trimmed(record.bytes($0)).count > 0 } ?? false }) {
      let columns = columnOfField
      let filled = { (name: String) -> Bool in
        guard let column = columns[name] else { return false }
        return ByteText.trimmed(record.bytes(column)).count > 0
      }
      let findings = IncompleteDimensionsCheck.findings(
        rule: dimensionRule, filled: filled, columnMissing: { columns[$0] == nil },
        location: Location(file: file, line: record.line, row: row), type: typeCode)
      for finding in findings { collector.add(finding) }
    }
    if let skuColumn {
      let sku = ByteText.trimmed(record.bytes(skuColumn))
      if sku.count > 0 {
        // The collection exactly as written: "Classic " is another collection for the server.
        let scope = scopeColumn.map { record.bytes($0) }
        let scopeHash = scope.map { ByteText.hash($0) } ?? 0
        if scopeHash != lastScopeHash, let scope, collectionNames.count < 10_000 {
          lastScopeHash = scopeHash
          let key = SKURegistry.collectionKey(scopeHash)
          if collectionNames[key] == nil { collectionNames[key] = ByteText.string(scope) }
        }
        switch skus.register(sku: skuHash, collection: scopeHash, row: row) {
        case .first: break
        case .duplicate(let firstRow):
          collector.add(
            DuplicateSKUCheck.finding(
              at: Location(file: file, line: record.line, row: row, column: skuColumn + 1, field: header[skuColumn]),
              field: header[skuColumn], sku: ByteText.string(sku), collection: scope.map(ByteText.string) ?? "",
              firstRow: firstRow))
        case .otherCollection(let firstRow, let firstCollection):
          collector.add(
            SKUInSeveralCollectionsCheck.finding(
              at: Location(file: file, line: record.line, row: row, column: skuColumn + 1, field: header[skuColumn]),
              field: header[skuColumn], sku: ByteText.string(sku), firstRow: firstRow,
              firstCollection: collectionNames[firstCollection]))
        }
      }
    }
    checkNames(record, row: row, into: &collector)
    if keepsImages { keepImageReference(record, row: row) }
  }

  private func keepImageReference(_ record: CSVRecord, row: Int) {
    guard let column = images.map({ $0.column - 1 }) else { return }
    let value = ByteText.trimmed(record.bytes(column))
    guard value.count > 0 else { return }
    func metres(_ columns: [Int]) -> Double? {
      for column in columns {
        if let number = DecimalNumber.parse(ByteText.trimmed(record.bytes(column))), number > 0 { return number }
      }
      return nil
    }
    images?.references.append(
      ImageReference(
        row: row, line: record.line, value: ByteText.string(value), widthMetres: metres(widthColumns),
        lengthMetres: metres(lengthColumns)))
  }

  private func checkNames(_ record: CSVRecord, row: Int, into collector: inout FindingCollector) {
    guard !nameColumns.isEmpty else { return }
    // Untrimmed: "Classic " and "Classic" are two names, differing only by spaces.
    let brandHash = brandColumn.map { ByteText.hash(record.bytes($0)) } ?? 0
    var fresh: [Int] = []
    for column in nameColumns {
      let valueHash = ByteText.hash(record.bytes(column), seed: UInt64(column) &+ 1)
      let key = column == brandColumn ? valueHash : valueHash ^ (brandHash &* 0x9E37_79B9_7F4A_7C15)
      if seenSpellings.insert(key) { fresh.append(column) }
    }
    guard !fresh.isEmpty else { return }
    let brandKey = brandColumn.map { NameSpellings.fold(ByteText.string(record.bytes($0))) } ?? ""
    for column in fresh {
      let value = ByteText.string(record.bytes(column))
      let folded = NameSpellings.fold(value)
      guard !folded.isEmpty else { continue }
      let key = column == brandColumn ? "b\u{1}" + folded : "c\u{1}" + brandKey + "\u{1}" + folded
      if let first = spellings.check(value, key: key, row: row) {
        collector.add(
          InconsistentNameCheck.finding(
            at: Location(file: file, line: record.line, row: row, column: column + 1, field: header[column]),
            field: header[column], value: value, first: first.spelling, firstRow: first.row))
      }
    }
  }
}
