/// One row of a sheet with at least one value. Rows without values are not reported: a gap in
/// `number` between two rows means empty rows in between.
public struct XLSXRow: Sendable, Equatable {
  /// Excel's row number, 1-based.
  public var number: Int
  /// The cells that hold a value, by ascending column. Empty cells are not reported.
  public var cells: [XLSXCell]

  public init(number: Int, cells: [XLSXCell]) {
    self.number = number
    self.cells = cells
  }
}

public struct XLSXCell: Sendable, Equatable {
  /// 0-based: A = 0, XFD = 16,383.
  public var column: Int
  public var value: XLSXValue

  public init(column: Int, value: XLSXValue) {
    self.column = column
    self.value = value
  }
}

/// A cell's value as Excel stores it (cached formula results; formulas are never evaluated).
public enum XLSXValue: Sendable, Equatable {
  /// Shared strings, inline strings (rich-text runs joined) and text formula results, with
  /// `_xHHHH_` escapes decoded. Never empty (an empty string is an empty cell). A number cell whose
  /// stored text is not a number also comes back as text, unchanged.
  case text(String)
  /// The shortest decimal that reads back as the same double, as Excel's General format shows it:
  /// "1.06" (stored as 1.0600000000000001), "1060", "-0.5", "0.000123". Plain decimals for
  /// magnitudes in 1e-6 ..< 1e15; beyond that Swift's shortest form ("1.2345678901234568e+17").
  case number(String)
  case boolean(Bool)
  /// A number with a date or time number format (or a `t="d"` cell), rendered as ISO 8601:
  /// "2024-01-06", "2024-01-06 13:45:00" or "13:45:00", as the format shows date, both or time.
  case date(String)
  /// A number with a percent format, as Excel's CSV export writes it: the stored fraction times
  /// 100 with the sign, "50%" for 0.5, "12.5%" for 0.125. Never silently the bare fraction.
  case percent(String)
  /// An error value: "#N/A", "#DIV/0!", "#REF!", …
  case error(String)
}
