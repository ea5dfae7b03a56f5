/// The budgets a workbook is read under. An .xlsx is a ZIP of XML parts, so everything that can go
/// wrong with a hostile ZIP (rules.md, "Archive"; reliability.md A1, C13) can go wrong here too, plus
/// what XML adds: a few kilobytes can claim gigabytes once inflated or expanded. Each cap is far above
/// what a real catalogue needs and low enough that the worst input costs seconds and bounded memory.
public struct XLSXLimits: Sendable {
  /// Decompressed bytes of each small part: the relationships, the workbook, the styles. Excel
  /// writes these in kilobytes.
  public var maxPartBytes: Int
  /// Decompressed bytes of the shared-strings part.
  public var maxSharedStringsPartBytes: Int
  /// Decompressed bytes of the sheet being read (a 100,000-row, 20-column sheet is about 100 MB).
  public var maxSheetBytes: Int
  /// Decompressed bytes read in one pass over a sheet: the small parts, the shared strings and the sheet.
  public var maxTotalBytes: Int
  /// A part may inflate to at most this many times its compressed size (deflate reaches about 1032:1
  /// on repeated bytes; real sheet XML stays far below 100:1). The same ratio as image entries.
  public var maxCompressionRatio: Int
  /// Bytes a part may inflate to before the ratio is enforced, so tiny, very regular parts pass.
  public var compressionRatioGraceBytes: Int
  /// Entries in the shared-string table. The table is the only thing held in memory for a whole
  /// sheet, since any cell may refer to any string.
  public var maxSharedStrings: Int
  /// UTF-8 bytes of text held in the shared-string table.
  public var maxSharedStringBytes: Int
  /// UTF-8 bytes of one cell's text (Excel allows 32,767 characters, at most 4 bytes each).
  public var maxCellTextBytes: Int
  /// Cells with a value in one row (Excel has 16,384 columns).
  public var maxCellsPerRow: Int
  /// UTF-8 bytes of text in one row: without it a small sheet could make every cell of every row
  /// refer to the one longest shared string and have gigabytes built per row.
  public var maxRowTextBytes: Int
  /// Attributes (and namespace declarations) on one XML element. libxml2 2.9 checks attributes for
  /// duplicates pairwise: 200,000 attributes in 1.6 MB of XML keep it busy for a minute and a half.
  /// Excel writes at most a few dozen.
  public var maxAttributesPerElement: Int

  public init(
    maxPartBytes: Int, maxSharedStringsPartBytes: Int, maxSheetBytes: Int, maxTotalBytes: Int,
    maxCompressionRatio: Int, compressionRatioGraceBytes: Int, maxSharedStrings: Int, maxSharedStringBytes: Int,
    maxCellTextBytes: Int, maxCellsPerRow: Int, maxRowTextBytes: Int, maxAttributesPerElement: Int
  ) {
    self.maxPartBytes = maxPartBytes
    self.maxSharedStringsPartBytes = maxSharedStringsPartBytes
    self.maxSheetBytes = maxSheetBytes
    self.maxTotalBytes = maxTotalBytes
    self.maxCompressionRatio = maxCompressionRatio
    self.compressionRatioGraceBytes = compressionRatioGraceBytes
    self.maxSharedStrings = maxSharedStrings
    self.maxSharedStringBytes = maxSharedStringBytes
    self.maxCellTextBytes = maxCellTextBytes
    self.maxCellsPerRow = maxCellsPerRow
    self.maxRowTextBytes = maxRowTextBytes
    self.maxAttributesPerElement = maxAttributesPerElement
  }

  public static let standard = XLSXLimits(
    maxPartBytes: 32 << 20,
    maxSharedStringsPartBytes: 512 << 20,
    maxSheetBytes: 1 << 30,
    maxTotalBytes: 1 << 30,
    maxCompressionRatio: 100,
    compressionRatioGraceBytes: 1 << 20,
    maxSharedStrings: 4_000_000,
    maxSharedStringBytes: 256 << 20,
    maxCellTextBytes: 32_767 * 4,
    maxCellsPerRow: XLSXCellReference.columnCount,
    maxRowTextBytes: 16 << 20,
    maxAttributesPerElement: 256)
}
