/// Every failure XLSXKit reports. `message` is plain English for a catalogue manager. Problems with
/// the file as a whole start with its path ("catalog.xlsx is an Excel 97–2003 workbook (.xls); …");
/// problems inside it name the sheet, the part (`xl/worksheets/sheet1.xml`) and, for XML, the line
/// and column, or the cell ("cell B7 refers to shared string 5, but the table has 1").
public struct XLSXError: Error, Sendable, CustomStringConvertible {
  public enum Kind: String, Sendable {
    /// The file is something else: an .xls, .xlsb, .ods, a password-protected workbook, a plain ZIP, text…
    case notAWorkbook
    /// The file cannot be read: missing, damaged, truncated, encrypted ZIP entries.
    case unreadable
    /// A part or the workbook is over one of the `XLSXLimits`.
    case tooLarge
    /// Built to attack readers: DTDs (billion laughs, external entities), compression bombs,
    /// elements with thousands of attributes.
    case hostile
    /// Not what Excel writes: broken XML, missing parts, impossible cell references, rows out of order.
    case malformed
    /// `--sheet` names a sheet the workbook does not have (the message lists the sheets).
    case noSuchSheet
  }

  public var kind: Kind
  public var message: String
  /// The package part the problem is in, when there is one (`xl/worksheets/sheet1.xml`).
  public var part: String?
  /// The XML line of the problem, when libxml2 reported it.
  public var line: Int?
  /// The error `forEachRow`'s body threw, when that is what stopped the read.
  public var underlying: (any Error)?
  public var description: String { message }

  public init(kind: Kind, message: String, part: String? = nil, line: Int? = nil) {
    self.kind = kind
    self.message = message
    self.part = part
    self.line = line
  }

  init(_ kind: Kind, _ message: String, part: String? = nil, line: Int? = nil) {
    self.init(kind: kind, message: message, part: part, line: line)
  }
}
