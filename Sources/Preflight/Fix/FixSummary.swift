/// What `fix` did or would do, for the text and JSON summaries.
public struct FixSummary: Sendable {
  public enum Outcome: String, Sendable {
    /// The fixed file was written and differs from the input.
    case written
    /// Nothing needed changing: the output is a byte-identical copy.
    case unchanged
    /// `--dry-run`: the changes were worked out, nothing was written.
    case dryRun = "dry-run"
    /// A value's meaning is uncertain: nothing was written.
    case refused
    /// The input could not be read or the output not written.
    case failed
  }

  public var outcome: Outcome = .failed
  public var input: String
  public var output: String
  /// The product type the fields were read with, and how it was chosen.
  public var type: String?
  public var typeNote: String?
  /// The sheet read, for an .xlsx input.
  public var sheet: String?
  /// The input's encoding, and why `fix` read it so.
  public var encoding: TextEncoding?
  public var encodingNote: String?
  /// The input's delimiter as shown (`,` `;` `TAB` `|`), and why.
  public var delimiter: String?
  public var delimiterNote: String?
  /// Data rows and columns written (or that would be written).
  public var rows = 0
  public var columns = 0
  /// What was changed, what is left for the user, what made `fix` refuse; in `FixKind` order.
  public var changes: [FixItem] = []
  public var leftForYou: [FixItem] = []
  public var refusals: [FixItem] = []
  /// Why the run failed (outcome `failed`).
  public var error: String?
  /// The tokenizer's largest buffer: tests check that it stays far below the file's size.
  var peakBufferBytes = 0

  public init(input: String, output: String) {
    self.input = input
    self.output = output
  }

  /// True when the output differs from the input (or would, with `--dry-run`).
  public var changesSomething: Bool { !changes.isEmpty }
}

/// One kind of change, leftover or refusal, with how many cells (lines, columns) it touched and
/// the first few of them.
public struct FixItem: Sendable, Equatable {
  public var kind: FixKind
  public var count: Int
  /// A file-level fact such as `Windows-1252 → UTF-8` or `';' → ','`.
  public var detail: String?
  public var examples: [FixExample]
}

/// A place in the input (physical line, data row, column) and what is or was there.
public struct FixExample: Sendable, Equatable {
  public var line: Int?
  public var row: Int?
  public var column: Int?
  public var field: String?
  /// The spreadsheet cell (`F3`) of an .xlsx input; such places have no `line`.
  public var cell: String?
  public var before: String?
  public var after: String?
  /// Why the value was left or refused, with what to do.
  public var note: String?

  public init(
    line: Int? = nil, row: Int? = nil, column: Int? = nil, field: String? = nil, cell: String? = nil,
    before: String? = nil, after: String? = nil, note: String? = nil
  ) {
    self.line = line
    self.row = row
    self.column = column
    self.field = field
    self.cell = cell
    self.before = before
    self.after = after
    self.note = note
  }
}

/// Every kind of thing `fix` reports. The raw values are the JSON summary's `kind` (a public
/// contract, like diagnostic codes); the order is the order of the summary.
public enum FixKind: String, Sendable, CaseIterable {
  // Changes.
  case workbook
  case encoding
  case byteOrderMark = "byte-order-mark"
  case sepLine = "sep-line"
  case delimiter
  case headerNames = "header-names"
  case legacyNames = "legacy-names"
  case whitespace
  case decimalComma = "decimal-comma"
  case thousandsSeparator = "thousands-separator"
  case booleanSpelling = "boolean-spelling"
  case quoting
  case blankLines = "blank-lines"
  case lineBreaks = "line-breaks"
  // Left for the user (`check` explains them).
  case invalidNumber = "invalid-number"
  case invalidBoolean = "invalid-boolean"
  case raggedRow = "ragged-row"
  case controlCharacter = "control-character"
  case excelDate = "excel-date"
  case formulaError = "formula-error"
  // Refusals.
  case ambiguousNumber = "ambiguous-number"
  case dateInNumberField = "date-in-number-field"
  case malformedQuotes = "malformed-quotes"
  case mixedEncoding = "mixed-encoding"
  case typeAmbiguous = "type-ambiguous"

  /// What the summary's line says.
  public var label: String {
    switch self {
    case .workbook: "Excel workbook converted to CSV UTF-8"
    case .encoding: "encoding converted to UTF-8"
    case .byteOrderMark: "byte-order mark removed"
    case .sepLine: "Excel \"sep=\" first line dropped"
    case .delimiter: "delimiter changed to a comma"
    case .headerNames: "header names corrected (spaces or capitals)"
    case .legacyNames: "old header names renamed"
    case .whitespace: "surrounding spaces trimmed"
    case .decimalComma: "decimal comma → dot in number fields"
    case .thousandsSeparator: "thousands separators removed in number fields"
    case .booleanSpelling: "yes/no fields written yes or no"
    case .quoting: "quoting normalised"
    case .blankLines: "blank lines (empty rows) dropped"
    case .lineBreaks: "line breaks made uniform"
    case .invalidNumber: "number fields that are not numbers"
    case .invalidBoolean: "yes/no fields that are neither yes nor no"
    case .raggedRow: "rows whose cell count differs from the header (values not touched)"
    case .controlCharacter: "cells with control characters"
    case .excelDate: "cells Excel stores as dates, outside number fields"
    case .formulaError: "cells holding a formula error"
    case .ambiguousNumber: "numbers that read two ways"
    case .dateInNumberField: "number fields that Excel shows as dates"
    case .malformedQuotes: "cells with broken quotes"
    case .mixedEncoding: "the file mixes two text encodings"
    case .typeAmbiguous: "the product type is ambiguous"
    }
  }

  /// What `count` counts.
  public var unit: String {
    switch self {
    case .encoding, .whitespace, .decimalComma, .thousandsSeparator, .booleanSpelling, .quoting, .invalidNumber,
      .invalidBoolean, .controlCharacter, .excelDate, .formulaError, .ambiguousNumber, .dateInNumberField,
      .malformedQuotes:
      "cells"
    case .headerNames, .legacyNames: "columns"
    case .blankLines, .lineBreaks, .raggedRow: "lines"
    case .workbook, .byteOrderMark, .sepLine, .delimiter, .mixedEncoding, .typeAmbiguous: "file"
    }
  }
}

/// Counts per kind and keeps the first few examples; examples are built only while kept.
/// Items sit in an array in `FixKind` order: the row loop adds to it for many cells.
struct FixTally {
  private var items: [FixItem?] = Array(repeating: nil, count: FixKind.allCases.count)
  let exampleLimit: Int
  /// Refusals name more cells: each one is a cell the user has to look at.
  let refusalLimit: Int

  init(exampleLimit: Int, refusalLimit: Int) {
    self.exampleLimit = exampleLimit
    self.refusalLimit = refusalLimit
  }

  mutating func add(_ kind: FixKind, count: Int = 1, detail: String? = nil, _ example: () -> FixExample?) {
    let slot = kind.ordinal
    if items[slot] == nil { items[slot] = FixItem(kind: kind, count: 0, detail: nil, examples: []) }
    items[slot]!.count += count
    if let detail { items[slot]!.detail = detail }
    let limit = kind.isRefusal ? refusalLimit : exampleLimit
    if items[slot]!.examples.count < limit, let example = example() { items[slot]!.examples.append(example) }
  }

  func count(_ kind: FixKind) -> Int { items[kind.ordinal]?.count ?? 0 }

  /// Puts a kind's examples in file order (refusals found at the end join those found on the way):
  /// by row, which a sheet's places have where they have no line.
  mutating func sortExamples(_ kind: FixKind) {
    items[kind.ordinal]?.examples.sort { ($0.row ?? 0, $0.column ?? 0) < ($1.row ?? 0, $1.column ?? 0) }
  }

  var changes: [FixItem] { items.compactMap { $0 }.filter { $0.kind.isChange } }
  var leftForYou: [FixItem] { items.compactMap { $0 }.filter { $0.kind.isLeftForYou } }
  var refusals: [FixItem] { items.compactMap { $0 }.filter { $0.kind.isRefusal } }
}

extension FixKind {
  /// Position in `allCases`, the summary's order.
  var ordinal: Int { Self.ordinals[self]! }
  private static let ordinals: [FixKind: Int] = Dictionary(uniqueKeysWithValues: allCases.enumerated().map { ($1, $0) })

  var isRefusal: Bool {
    switch self {
    case .ambiguousNumber, .dateInNumberField, .malformedQuotes, .mixedEncoding, .typeAmbiguous: true
    default: false
    }
  }

  var isLeftForYou: Bool {
    switch self {
    case .invalidNumber, .invalidBoolean, .raggedRow, .controlCharacter, .excelDate, .formulaError: true
    default: false
    }
  }

  var isChange: Bool { !isRefusal && !isLeftForYou }
}
