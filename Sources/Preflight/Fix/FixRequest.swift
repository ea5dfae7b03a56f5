/// What to fix and how: the command line's `fix`, as plain values.
public struct FixRequest: Sendable {
  public var inputPath: String
  /// How the summary names the input (defaults to the path as given).
  public var inputName: String
  public var outputPath: String
  public var schema: SchemaChoice
  /// Read the input in this encoding instead of working it out.
  public var encoding: TextEncoding?
  /// Split columns on this byte instead of working it out.
  public var delimiter: UInt8?
  public var decimalSeparator: DecimalSeparator
  /// The workbook sheet to read (`.xlsx` input).
  public var sheet: String?
  /// Work out and report the changes; write nothing.
  public var dryRun: Bool
  /// Other files the command reads (a schema file): never overwritten either.
  public var otherInputs: [String]
  /// Examples kept per kind of change; every refused cell is named up to `refusalLimit`.
  public var exampleLimit: Int
  public var refusalLimit: Int
  /// Called now and then with (bytes read, file size).
  public var progress: (@Sendable (Int, Int) -> Void)?
  /// The tokenizer's first buffer size (tests make it small to prove the input is streamed).
  var chunkSize = 1 << 20

  public init(
    inputPath: String, inputName: String? = nil, outputPath: String, schema: SchemaChoice, encoding: TextEncoding? = nil,
    delimiter: UInt8? = nil, decimalSeparator: DecimalSeparator = .auto, sheet: String? = nil, dryRun: Bool = false,
    otherInputs: [String] = [], exampleLimit: Int = 3, refusalLimit: Int = 50,
    progress: (@Sendable (Int, Int) -> Void)? = nil
  ) {
    self.inputPath = inputPath
    self.inputName = inputName ?? inputPath
    self.outputPath = outputPath
    self.schema = schema
    self.encoding = encoding
    self.delimiter = delimiter
    self.decimalSeparator = decimalSeparator
    self.sheet = sheet
    self.dryRun = dryRun
    self.otherInputs = otherInputs
    self.exampleLimit = max(0, exampleLimit)
    self.refusalLimit = max(1, refusalLimit)
    self.progress = progress
  }
}
