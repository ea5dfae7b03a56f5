/// A1-style cell references within Excel's grid: columns A…XFD (16,384), rows 1…1,048,576.
public enum XLSXCellReference {
  public static let columnCount = 16_384
  public static let rowCount = 1_048_576

  /// "C12" → (2, 12): column 0-based, row 1-based. Uppercase letters only, as Excel writes them;
  /// nil for anything else, including references past XFD or row 1,048,576.
  public static func parse(_ text: String) -> (column: Int, row: Int)? {
    var copy = text
    return copy.withUTF8 { bytes in
      guard case .cell(let column, let row) = classify(bytes) else { return nil }
      return (column, row)
    }
  }

  /// (2, 12) → "C12".
  public static func name(column: Int, row: Int) -> String {
    columnName(column) + String(row)
  }

  /// 0 → "A", 25 → "Z", 26 → "AA", 16,383 → "XFD".
  public static func columnName(_ column: Int) -> String {
    var n = max(0, column) + 1
    var letters: [UInt8] = []
    while n > 0 {
      let digit = (n - 1) % 26
      letters.append(UInt8(ascii: "A") + UInt8(digit))
      n = (n - 1) / 26
    }
    return String(decoding: letters.reversed(), as: UTF8.self)
  }

  /// What a reference turned out to be, so the sheet reader can say why it refuses one.
  enum Parsed: Equatable {
    case cell(column: Int, row: Int)
    /// Letters and digits in the right shape, but past XFD or row 1,048,576.
    case outOfRange
    case invalid
  }

  /// Parses bytes without building a String (called for every cell of a sheet).
  static func classify(_ bytes: UnsafeBufferPointer<UInt8>) -> Parsed {
    var i = 0
    var column = 0
    while i < bytes.count, bytes[i] >= UInt8(ascii: "A"), bytes[i] <= UInt8(ascii: "Z") {
      if i >= 3 { return .outOfRange }
      column = column * 26 + Int(bytes[i] - UInt8(ascii: "A")) + 1
      i += 1
    }
    guard i > 0, i < bytes.count, bytes[i] != UInt8(ascii: "0") else { return .invalid }
    var row = 0
    var digits = 0
    while i < bytes.count, bytes[i] >= UInt8(ascii: "0"), bytes[i] <= UInt8(ascii: "9") {
      digits += 1
      if digits > 7 { return .outOfRange }
      row = row * 10 + Int(bytes[i] - UInt8(ascii: "0"))
      i += 1
    }
    guard i == bytes.count else { return .invalid }
    guard column <= columnCount, row <= rowCount else { return .outOfRange }
    return .cell(column: column - 1, row: row)
  }

  /// The row part alone ("12" from a row's `r`), 1…1,048,576.
  static func parseRow(_ bytes: UnsafeBufferPointer<UInt8>) -> Parsed {
    guard !bytes.isEmpty, bytes.count <= 8, bytes[0] != UInt8(ascii: "0") else { return .invalid }
    var row = 0
    for byte in bytes {
      guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return .invalid }
      row = row * 10 + Int(byte - UInt8(ascii: "0"))
    }
    return row <= rowCount ? .cell(column: 0, row: row) : .outOfRange
  }
}
