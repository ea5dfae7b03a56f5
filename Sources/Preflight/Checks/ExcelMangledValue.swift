extension DiagnosticCode {
  public static let excelMangledValue = DiagnosticCode(
    id: "excel-mangled-value", stage: .validatingCSV, effect: .quality,
    summary: "A value looks like something Excel changed: scientific notation or a date.",
    explanation: "Excel converts long codes to scientific notation (123456789012 → 1.23457E+11, losing digits) and numbers such as 6.01 to dates (06.Jan). The original value cannot be recovered from the file.",
    fix: "In Excel, format the column as Text before typing or pasting, then re-enter the original values and export again.",
    example: (bad: "unique_sku_id = 1.23457E+11", good: "unique_sku_id = 123456789012"))
}

enum ExcelMangling {
  /// `1.23457E+11`, `4E-05`: what Excel writes for long or tiny numbers.
  static func isScientific(_ text: String) -> Bool {
    let scalars = Array(text.lowercased().unicodeScalars)
    guard let e = scalars.firstIndex(of: "e"), e > 0, e + 1 < scalars.count else { return false }
    func digits(_ part: ArraySlice<Unicode.Scalar>, allowDot: Bool) -> Bool {
      var sawDigit = false
      var sawDot = false
      for (offset, scalar) in part.enumerated() {
        if scalar >= "0" && scalar <= "9" { sawDigit = true; continue }
        if scalar == "." && allowDot && !sawDot { sawDot = true; continue }
        if (scalar == "+" || scalar == "-") && offset == 0 { continue }
        return false
      }
      return sawDigit
    }
    return digits(scalars[..<e], allowDot: true) && digits(scalars[(e + 1)...], allowDot: false)
  }

  /// A byte-level filter for the row loop: false when the value cannot be scientific notation
  /// or a date (letters other than one `e` run or one month-name run, or no digit at all).
  static func mightBeMangled(_ bytes: UnsafeRawBufferPointer) -> Bool {
    var digits = false
    var letterRuns = 0
    var runStart = -1
    var firstRun: (Int, Int)?
    for index in 0...bytes.count {
      let byte: UInt8 = index < bytes.count ? bytes[index] | 0x20 : 0
      let letter = byte >= 0x61 && byte <= 0x7A
      if index < bytes.count && bytes[index] >= 0x30 && bytes[index] <= 0x39 { digits = true }
      if letter && runStart < 0 { runStart = index }
      if !letter && runStart >= 0 {
        letterRuns += 1
        if firstRun == nil { firstRun = (runStart, index) }
        runStart = -1
      }
    }
    guard digits else { return false }
    guard let (start, end) = firstRun else { return true }
    guard letterRuns == 1 else { return false }
    if end - start == 1 && bytes[start] | 0x20 == 0x65 { return true }
    guard end - start >= 3 else { return false }
    let prefix = [bytes[start] | 0x20, bytes[start + 1] | 0x20, bytes[start + 2] | 0x20]
    return monthPrefixes.contains(prefix)
  }

  private static let monthPrefixes: [[UInt8]] = months.map { Array($0.utf8) }

  private static let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]

  /// `06.Jan`, `Jan-06`, `6-Jan`, `06.01.2024`, `2024-01-06`: a number Excel displayed as a date.
  static func isDateLike(_ text: String) -> Bool {
    let lower = text.lowercased()
    let parts = lower.split(whereSeparator: { $0 == "." || $0 == "-" || $0 == "/" || $0 == " " }).map(String.init)
    guard parts.count >= 2 && parts.count <= 3 else { return false }
    let isNumber = { (part: String) in !part.isEmpty && part.allSatisfy { $0.isASCII && $0.isNumber } }
    let isMonth = { (part: String) in months.contains { part.hasPrefix($0) } && part.count <= 9 && part.allSatisfy(\.isLetter) }
    if parts.contains(where: isMonth) {
      return parts.allSatisfy { isNumber($0) && $0.count <= 4 || isMonth($0) } && parts.contains(where: isNumber)
    }
    guard parts.count == 3, parts.allSatisfy(isNumber) else { return false }
    let lengths = parts.map(\.count)
    return (lengths[0] <= 2 && lengths[1] <= 2 && (lengths[2] == 2 || lengths[2] == 4)) || (lengths[0] == 4 && lengths[1] <= 2 && lengths[2] <= 2)
  }

  static func finding(at location: Location, field: String, value: String, scientific: Bool) -> Finding {
    Finding(
      .excelMangledValue,
      scientific
        ? "\(field): \(Shown.quoted(value)) looks like a long number that Excel turned into scientific notation"
        : "\(field): \(Shown.quoted(value)) looks like a value that Excel turned into a date",
      hint: "format the column as Text in Excel, re-enter the original value and export again", at: location, value: value)
  }
}
