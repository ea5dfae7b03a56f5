/// Percent number formats: Excel stores 50% as 0.5 and its CSV export writes "50%", so a reader
/// that handed on 0.5 would change what the catalogue says without a word.
enum PercentFormat {
  /// Built-in formats 9 ("0%") and 10 ("0.00%") (ECMA-376 Part 1, 18.8.30).
  static func isBuiltIn(_ id: Int) -> Bool { id == 9 || id == 10 }

  /// A custom format code with `%` outside quoted text, `[...]` sections and escapes.
  static func classify(_ code: String) -> Bool {
    let bytes = Array(code.utf8)
    var i = 0
    while i < bytes.count {
      switch bytes[i] {
      case UInt8(ascii: "\""):
        i += 1
        while i < bytes.count, bytes[i] != UInt8(ascii: "\"") { i += 1 }
      case UInt8(ascii: "\\"), UInt8(ascii: "_"), UInt8(ascii: "*"): i += 1
      case UInt8(ascii: "["):
        while i < bytes.count, bytes[i] != UInt8(ascii: "]") { i += 1 }
      case UInt8(ascii: "%"): return true
      default: break
      }
      i += 1
    }
    return false
  }

  /// The stored fraction as Excel's CSV shows it: the decimal point moved two places on the
  /// shortest decimal ("0.125" → "12.5%", "1.5e-07" → "0.000015%"), so no binary rounding creeps in.
  static func shown(_ decimal: String) -> String {
    var text = Substring(decimal)
    let negative = text.hasPrefix("-")
    if negative { text = text.dropFirst() }
    var exponent = 0
    if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
      exponent = Int(text[text.index(after: e)...]) ?? 0
      text = text[..<e]
    }
    let parts = text.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
    let digits = Array(parts[0] + (parts.count > 1 ? parts[1] : ""))
    // Where the point lands after the shift by the exponent and by two places.
    let point = parts[0].count + exponent + 2
    var integer: [Character]
    var fraction: [Character]
    if point <= 0 {
      integer = ["0"]
      fraction = Array(repeating: "0", count: -point) + digits
    } else if point >= digits.count {
      integer = digits + Array(repeating: "0", count: point - digits.count)
      fraction = []
    } else {
      integer = Array(digits[..<point])
      fraction = Array(digits[point...])
    }
    while integer.count > 1 && integer.first == "0" { integer.removeFirst() }
    while fraction.last == "0" { fraction.removeLast() }
    let magnitude = String(integer) + (fraction.isEmpty ? "" : "." + String(fraction))
    return (negative && magnitude != "0" ? "-" : "") + magnitude + "%"
  }
}
