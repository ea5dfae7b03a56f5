/// Byte classes for the tokenizer's inner loop: 0 means "ordinary, keep going".
enum ByteClass {
  static let ordinary: UInt8 = 0
  static let delimiter: UInt8 = 1
  static let quote: UInt8 = 2
  static let lineFeed: UInt8 = 3
  static let carriageReturn: UInt8 = 4
  static let control: UInt8 = 5
  static let high: UInt8 = 6

  /// The table for a delimiter. TAB is a control character outside quotes (rules.md) unless it
  /// is the delimiter itself.
  static func table(delimiter: UInt8) -> [UInt8] {
    var table = [UInt8](repeating: ordinary, count: 256)
    for byte in 0..<0x20 { table[byte] = control }
    for byte in 0x80..<0x100 { table[byte] = high }
    table[0x0A] = lineFeed
    table[0x0D] = carriageReturn
    table[0x22] = quote
    table[Int(delimiter)] = delimiter == 0x22 ? quote : ByteClass.delimiter
    return table
  }
}
