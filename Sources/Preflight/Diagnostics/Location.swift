/// Where a problem is, in the terms a person sees (see product.md, "Locations").
public struct Location: Sendable, Hashable {
  public var file: String?
  /// Physical line in the file; the header is line 1.
  public var line: Int?
  /// Data record number; the first record after the header is row 1.
  public var row: Int?
  /// 1-based field index.
  public var column: Int?
  /// Header name as written in the file.
  public var field: String?
  /// Path inside the archive or image folder.
  public var entry: String?
  public var sheet: String?
  public var cell: String?

  public init(
    file: String? = nil, line: Int? = nil, row: Int? = nil, column: Int? = nil,
    field: String? = nil, entry: String? = nil, sheet: String? = nil, cell: String? = nil
  ) {
    self.file = file
    self.line = line
    self.row = row
    self.column = column
    self.field = field
    self.entry = entry
    self.sheet = sheet
    self.cell = cell
  }
}
