/// Excel date serials to ISO 8601 text.
///
/// 1900 system (the default): serial 1 is 1900-01-01, and serial 60 is 1900-02-29, a day that never
/// was (Lotus 1-2-3 treated 1900 as a leap year and Excel kept the bug), so serials from 61 on are
/// one day ahead of a plain count. 1904 system (`workbookPr date1904`, old Mac workbooks): serial 0
/// is 1904-01-01. The fraction is the time of day, rounded to the second.
enum ExcelDate {
  /// The text of `serial` as `format` shows it; nil when the serial is no date (negative, past
  /// 9999-12-31, day 0 of the 1900 system in a date-only format), so the cell stays a number.
  static func render(_ serial: Double, format: DateFormat, uses1904: Bool) -> String? {
    guard serial.isFinite, serial >= 0, serial < (uses1904 ? 2_957_004 : 2_958_466) else { return nil }
    var days = Int(serial.rounded(.down))
    var seconds = Int(((serial - Double(days)) * 86_400).rounded())
    if seconds >= 86_400 {
      days += 1
      seconds -= 86_400
    }
    let hasDay = uses1904 || days >= 1
    if format.elapsed && !format.showsDate {
      return clock(days * 86_400 + seconds)
    }
    let showDate = format.showsDate && hasDay
    if format.showsDate && !hasDay && !format.showsTime { return nil }
    let showTime = format.showsTime || !showDate
    guard showDate else { return clock(seconds) }
    let day = civil(days, uses1904: uses1904)
    return showTime ? "\(day) \(clock(seconds))" : day
  }

  /// "yyyy-mm-dd" of day `days` in the given system.
  static func civil(_ days: Int, uses1904: Bool) -> String {
    if !uses1904 && days == 60 { return "1900-02-29" }
    // Days since 1970-01-01 of the serial's day.
    let epochOffset = uses1904 ? -24_107 : (days < 60 ? -25_568 : -25_569)
    let (y, m, d) = civilFromDays(days + epochOffset)
    return "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2))"
  }

  /// "hh:mm:ss"; hours may exceed 23 for elapsed formats.
  static func clock(_ seconds: Int) -> String {
    "\(pad(seconds / 3600, 2)):\(pad(seconds / 60 % 60, 2)):\(pad(seconds % 60, 2))"
  }

  /// Howard Hinnant's days-to-civil: days since 1970-01-01 → (year, month, day), proleptic Gregorian.
  static func civilFromDays(_ z: Int) -> (Int, Int, Int) {
    let z = z + 719_468
    let era = (z >= 0 ? z : z - 146_096) / 146_097
    let doe = z - era * 146_097
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
    let mp = (5 * doy + 2) / 153
    let d = doy - (153 * mp + 2) / 5 + 1
    let m = mp < 10 ? mp + 3 : mp - 9
    return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
  }

  /// A `t="d"` cell's ISO 8601 text ("2024-01-06", "2024-01-06T13:45:00Z", "2024-01-06T13:45:00.250")
  /// in the reader's form: the date, and the time when it is not midnight. Nil when it is no such date.
  static func normalizeISO(_ text: String) -> String? {
    let bytes = Array(text.utf8)
    func number(_ range: Range<Int>) -> Int? {
      guard range.upperBound <= bytes.count else { return nil }
      var value = 0
      for i in range {
        guard bytes[i] >= UInt8(ascii: "0"), bytes[i] <= UInt8(ascii: "9") else { return nil }
        value = value * 10 + Int(bytes[i] - UInt8(ascii: "0"))
      }
      return value
    }
    guard bytes.count >= 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
      let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
      (1...12).contains(month), day >= 1, day <= daysIn(month, year)
    else { return nil }
    let date = "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    if bytes.count == 10 { return date }
    guard bytes[10] == UInt8(ascii: "T") || bytes[10] == UInt8(ascii: " "), bytes.count >= 16, bytes[13] == UInt8(ascii: ":"),
      let hour = number(11..<13), let minute = number(14..<16), hour < 24, minute < 60
    else { return nil }
    var second = 0
    var i = 16
    if i < bytes.count, bytes[i] == UInt8(ascii: ":") {
      guard let s = number(17..<19), s < 60 else { return nil }
      second = s
      i = 19
      if i < bytes.count, bytes[i] == UInt8(ascii: ".") {
        i += 1
        while i < bytes.count, bytes[i] >= UInt8(ascii: "0"), bytes[i] <= UInt8(ascii: "9") { i += 1 }
      }
    }
    // A zone (Z, +hh:mm) is accepted and not applied: Excel dates have no time zone.
    if i < bytes.count {
      let rest = bytes[i...]
      let isZone = rest == [UInt8(ascii: "Z")]
        || (rest.count == 6 && (rest.first == UInt8(ascii: "+") || rest.first == UInt8(ascii: "-")))
      guard isZone else { return nil }
    }
    if hour == 0 && minute == 0 && second == 0 { return date }
    return "\(date) \(clock(hour * 3600 + minute * 60 + second))"
  }

  static func daysIn(_ month: Int, _ year: Int) -> Int {
    switch month {
    case 2: return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
    case 4, 6, 9, 11: return 30
    default: return 31
    }
  }

  static func pad(_ value: Int, _ width: Int) -> String {
    let digits = String(value)
    return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
  }
}
