#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// `fix`: a lossless, schema-aware rewrite of a catalogue export into what the server accepts.
/// The input is streamed once to work out its encoding (when it has no byte-order mark) and once
/// to rewrite it; the output goes to a temporary file renamed over the target only when no value
/// was ambiguous. Inputs are never written to.
public enum CatalogFixer {
  public static func run(_ request: FixRequest) -> FixSummary {
    var summary = FixSummary(input: request.inputName, output: request.outputPath)
    var tally = FixTally(exampleLimit: request.exampleLimit, refusalLimit: request.refusalLimit)
    do {
      try fix(request, summary: &summary, tally: &tally)
    } catch let refusal as FixRefusal {
      tally.add(refusal.kind, detail: refusal.detail) { nil }
      summary.outcome = .refused
    } catch let failure as FixFailure {
      summary.outcome = .failed
      summary.error = failure.message
    } catch let error as InputReadError {
      summary.outcome = .failed
      summary.error = "cannot read \(request.inputName): \(error.message.lowercased())"
    } catch {
      summary.outcome = .failed
      summary.error = "\(error)"
    }
    // Changes are what the output holds: a refused or failed run has none.
    if summary.outcome != .refused && summary.outcome != .failed {
      summary.changes = tally.changes
      summary.leftForYou = tally.leftForYou
    }
    summary.refusals = tally.refusals
    return summary
  }

  private static func fix(_ request: FixRequest, summary: inout FixSummary, tally: inout FixTally) throws {
    let name = request.inputName
    if !(request.dryRun && request.outputPath.isEmpty) {
      try AtomicOutput.checkTarget(request.outputPath, inputs: [request.inputPath] + request.otherInputs)
    }
    var info = stat()
    guard stat(request.inputPath, &info) == 0 else {
      throw FixFailure(message: "cannot read \(name): \(String(cString: strerror(errno)).lowercased())")
    }
    guard info.st_mode & S_IFMT != S_IFDIR else {
      throw FixFailure(message: "cannot read \(name): it is a folder, not a file; pass the CSV file inside it")
    }
    // The file is read more than once (encoding, delimiter, rewrite): a pipe cannot be.
    guard info.st_mode & S_IFMT == S_IFREG else {
      throw FixFailure(message: "cannot read \(name): it is not a regular file (fix reads its input more than once); save it to a file first")
    }
    let descriptor = open(request.inputPath, O_RDONLY | O_CLOEXEC)
    guard descriptor >= 0 else {
      throw FixFailure(message: "cannot read \(name): \(String(cString: strerror(errno)).lowercased())")
    }
    defer { close(descriptor) }
    let size = Int(info.st_size)
    var prefix = [UInt8](repeating: 0, count: 4096)
    let got = prefix.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress!, $0.count, 0) }
    guard got >= 0 else { throw FixFailure(message: "cannot read \(name): \(String(cString: strerror(errno)).lowercased())") }
    prefix.removeSubrange(got...)
    guard !prefix.isEmpty else { throw FixFailure(message: "\(name) is empty: there is nothing to fix") }
    let kind = InputSniffer.kind(of: prefix)
    if case .binary = kind, prefix.starts(with: [0x50, 0x4B, 0x03, 0x04]), ExcelCatalog.isWorkbookPath(request.inputPath) {
      let source: WorkbookRowSource
      do {
        source = try WorkbookRowSource(path: request.inputPath, sheet: request.sheet)
      } catch {
        throw FixFailure(message: "cannot read \(name): \(error.message)")
      }
      summary.sheet = source.sheet
      tally.add(.workbook, detail: "sheet \"\(source.sheet)\"") { nil }
      try rewrite(source, request: request, summary: &summary, tally: &tally, convertedEncoding: false)
      return
    }
    let progress = request.progress.map { report in { (done: Int) in report(done, size) } }
    let source = try CSVRowSource(
      descriptor: descriptor, prefix: prefix, kind: kind, forcedEncoding: request.encoding,
      forcedDelimiter: request.delimiter, knownNames: knownNames(request.schema), chunkSize: request.chunkSize,
      progress: progress)
    summary.encoding = source.encoding
    summary.encodingNote = source.encodingNote
    summary.delimiter = shown(source.dialect.delimiter)
    summary.delimiterNote = source.dialect.reason
    if source.encoding != .utf8 {
      tally.add(.encoding, count: 0, detail: "\(source.encoding.displayName) → UTF-8") { nil }
    }
    if source.bomLength > 0 {
      tally.add(.byteOrderMark, detail: "\(source.encoding == .utf8 ? "UTF-8" : source.encoding.displayName) byte-order mark") { nil }
    }
    if let sepLine = source.dialect.sepLine {
      tally.add(.sepLine, detail: Shown.quoted(sepLine)) { nil }
    }
    if source.dialect.delimiter != 0x2C {
      tally.add(.delimiter, detail: "\(shown(source.dialect.delimiter)) → ,") { nil }
    }
    try rewrite(source, request: request, summary: &summary, tally: &tally, convertedEncoding: source.encoding != .utf8)
    summary.peakBufferBytes = source.largestBuffer
  }

  /// Streams the source's rows through the fixer into the output, then keeps the output (renamed
  /// over the target) or, after a refusal, drops it.
  private static func rewrite<Source: FixRowSource>(
    _ source: Source, request: FixRequest, summary: inout FixSummary, tally: inout FixTally, convertedEncoding: Bool
  ) throws {
    let output: AtomicOutput? = request.dryRun ? nil : try AtomicOutput(path: request.outputPath)
    let sink: ByteSink = output ?? DiscardingSink()
    let writer = CSVWriter(sink: sink)
    let fixer = RowFixer(
      choice: request.schema, decimalSeparator: request.decimalSeparator, convertedEncoding: convertedEncoding,
      writer: writer, tally: tally)
    do {
      try source.forEachRow { row in try fixer.process(row) }
    } catch {
      tally = fixer.tally
      throw error
    }
    fixer.finish()
    tally = fixer.tally
    summary.type = fixer.typeUndecided ? nil : fixer.schema?.code
    summary.typeNote = fixer.typeNote
    summary.rows = fixer.rowsWritten
    summary.columns = fixer.header.count
    guard fixer.headerSeen else { throw FixFailure(message: "\(request.inputName) has no header line: there is nothing to fix") }
    try writer.flush()
    if !tally.refusals.isEmpty {
      output?.discard()
      summary.outcome = .refused
      return
    }
    if let output {
      try output.commit()
      summary.outcome = tally.changes.isEmpty ? .unchanged : .written
    } else {
      summary.outcome = .dryRun
    }
  }

  /// Folded column names (current and legacy) of the types in question: the delimiter is the
  /// one under which the header reads as the most of them.
  private static func knownNames(_ choice: SchemaChoice) -> Set<String> {
    let schemas: [ProductSchema]
    switch choice {
    case .given(let schema): schemas = [schema]
    case .infer(let all): schemas = all
    }
    var names: Set<String> = []
    for schema in schemas {
      for field in schema.fields {
        names.insert(HeaderMapping.fold(field.name))
        for legacy in field.legacyNames { names.insert(HeaderMapping.fold(legacy)) }
      }
    }
    return names
  }

  static func shown(_ delimiter: UInt8) -> String {
    switch delimiter {
    case 0x09: "TAB"
    case 0x20: "space"
    default: String(UnicodeScalar(delimiter))
    }
  }
}
