/// The number syntax Wizart accepts: `^[+-]?([0-9]+([.][0-9]*)?|[.][0-9]+)$`, parsed from bytes.
enum DecimalNumber {
  private static let powersOfTen: [Double] = (0...22).map { exponent in
    var value = 1.0
    for _ in 0..<exponent { value *= 10 }
    return value
  }

  /// The value, or nil when the bytes are not a plain dot-decimal number.
  static func parse(_ bytes: UnsafeRawBufferPointer) -> Double? {
    let count = bytes.count
    guard count > 0 else { return nil }
    var index = 0
    var negative = false
    if bytes[0] == 0x2B || bytes[0] == 0x2D {
      negative = bytes[0] == 0x2D
      index = 1
    }
    var mantissa: UInt64 = 0
    var digits = 0
    var significant = 0
    var fractionDigits = 0
    var seenDot = false
    var exact = true
    while index < count {
      let byte = bytes[index]
      if byte >= 0x30 && byte <= 0x39 {
        digits += 1
        if mantissa != 0 || byte != 0x30 { significant += 1 }
        if significant <= 19 {
          mantissa = mantissa &* 10 &+ UInt64(byte - 0x30)
          if seenDot { fractionDigits += 1 }
        } else {
          exact = false
          if !seenDot { fractionDigits -= 1 }
        }
      } else if byte == 0x2E && !seenDot {
        seenDot = true
      } else {
        return nil
      }
      index += 1
    }
    guard digits > 0 else { return nil }
    var value: Double
    if exact && mantissa < (1 << 53) && fractionDigits >= 0 && fractionDigits <= 22 {
      // Both operands are exact, so one IEEE division gives the correctly rounded value.
      value = Double(mantissa) / powersOfTen[fractionDigits]
    } else {
      value = Double(String(decoding: bytes, as: UTF8.self)) ?? .nan
      if value.isNaN { return nil }
      return value
    }
    if negative { value = -value }
    return value
  }
}
