/// What a number format shows of a date serial. Excel stores dates as plain numbers; only the
/// cell's number format says "this is a date", so the reader has to classify formats to report
/// `excel-mangled-value` for a date that landed in a number field.
struct DateFormat: Equatable, Sendable {
  var showsDate: Bool
  var showsTime: Bool
  /// `[h]`, `[mm]`, `[ss]`: elapsed time, which may exceed a day.
  var elapsed: Bool = false

  static let date = DateFormat(showsDate: true, showsTime: false)
  static let time = DateFormat(showsDate: false, showsTime: true)
  static let dateTime = DateFormat(showsDate: true, showsTime: true)

  /// Excel's built-in formats (ECMA-376 Part 1, 18.8.30): 14–17 dates, 18–21 times, 22 date and
  /// time, 27–36 and 50–58 East Asian dates (32 and 33 are times), 45–47 minutes and seconds
  /// (46 elapsed). Nil: not a date format.
  static func builtIn(_ id: Int) -> DateFormat? {
    switch id {
    case 14...17, 27...31, 34...36, 50...58: return .date
    case 18...21, 32, 33, 45, 47: return .time
    case 22: return .dateTime
    case 46: return DateFormat(showsDate: false, showsTime: true, elapsed: true)
    default: return nil
    }
  }

  /// Classifies a custom format code: a date format uses d, m, y, h or s outside quoted text,
  /// `[...]` sections (colours, conditions, locales), backslash escapes and the `_x` / `*x` spacing
  /// and fill codes. `m` is minutes next to h or s, else months. Nil: not a date format ("0.00",
  /// "General", `"d"` as quoted text).
  static func classify(_ code: String) -> DateFormat? {
    var date = false
    var time = false
    var month = false
    var elapsed = false
    let bytes = Array(code.utf8)
    var i = 0
    while i < bytes.count {
      let byte = bytes[i]
      switch byte {
      case UInt8(ascii: "\""):
        i += 1
        while i < bytes.count, bytes[i] != UInt8(ascii: "\"") { i += 1 }
      case UInt8(ascii: "\\"), UInt8(ascii: "_"), UInt8(ascii: "*"):
        i += 1  // the next character is literal (or a width / fill character)
      case UInt8(ascii: "["):
        let start = i + 1
        while i < bytes.count, bytes[i] != UInt8(ascii: "]") { i += 1 }
        let inside = bytes[start..<min(i, bytes.count)].map { $0 | 0x20 }
        if !inside.isEmpty, inside.allSatisfy({ $0 == inside[0] }), [UInt8(ascii: "h"), UInt8(ascii: "m"), UInt8(ascii: "s")].contains(inside[0]) {
          time = true
          elapsed = true
        }
      default:
        switch byte | 0x20 {
        case UInt8(ascii: "d"), UInt8(ascii: "y"): date = true
        case UInt8(ascii: "h"), UInt8(ascii: "s"): time = true
        case UInt8(ascii: "m"): month = true
        default: break
        }
      }
      i += 1
    }
    if month && !time { date = true }
    guard date || time else { return nil }
    return DateFormat(showsDate: date, showsTime: time, elapsed: elapsed)
  }
}
