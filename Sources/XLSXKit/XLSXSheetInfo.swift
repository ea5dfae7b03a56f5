/// One entry of the workbook's sheet list, in workbook (tab) order.
public struct XLSXSheetInfo: Sendable, Equatable {
  /// What a sheet holds: only worksheets have cells.
  public enum Kind: Sendable, Equatable {
    case worksheet, chartsheet, dialogsheet, macrosheet
    /// A relationship type this reader does not know, or no relationship at all.
    case other
  }

  public var name: String
  /// `state="hidden"` or `"veryHidden"` in the workbook.
  public var isHidden: Bool
  public var kind: Kind

  public init(name: String, isHidden: Bool, kind: Kind = .worksheet) {
    self.name = name
    self.isHidden = isHidden
    self.kind = kind
  }
}
