import Foundation

extension DiagnosticCode {
  public static let invalidNumber = DiagnosticCode(
    id: "invalid-number", stage: .validatingCSV, effect: .skipsRow,
    summary: "A number cell is not a plain number with a dot as decimal separator.",
    explanation: "The server reads numbers like 1.06 only. A decimal comma, a unit, a currency, a thousands separator or a value Excel turned into a date makes the row fail: the server skips it and the import ends with a warning.",
    fix: "Write the bare number in metres (or the field's unit) with a dot: 1.06, 0.53, 19.99.",
    example: (bad: "1,06 | 53 cm | 19.99 EUR | 06.Jan", good: "1.06 | 0.53 | 19.99 | 6.01"))
}

/// What went wrong with a number, for a hint that names the mistake.
enum NumberMistake: Equatable {
  case decimalComma
  case thousandsOrDecimalComma
  case europeanFormat
  case thousandsSeparator
  case unit(String)
  case centimetres
  case currency
  case percent
  case scientific
  case excelDate
  case notANumber

  /// Excel turned the value into something else: also worth `excel-mangled-value`.
  var isExcelMangling: Bool { self == .scientific || self == .excelDate }

  static func classify(_ raw: String) -> NumberMistake {
    let value = raw.trimmingCharacters(in: .whitespaces)
    let lower = value.lowercased()
    let scalars = Array(lower.unicodeScalars)
    func isDigit(_ s: Unicode.Scalar) -> Bool { s >= "0" && s <= "9" }
    let digits = scalars.filter(isDigit).count
    if ExcelMangling.isScientific(lower) { return .scientific }
    if ExcelMangling.isDateLike(lower) { return .excelDate }
    let currencySymbols: Set<Unicode.Scalar> = ["$", "€", "£", "₽", "¥", "₴", "₸"]
    let currencyCodes = ["eur", "usd", "gbp", "rub", "chf", "pln", "uah", "sek", "nok", "dkk", "czk", "kzt", "руб", "р."]
    if scalars.contains(where: currencySymbols.contains)
      || currencyCodes.contains(where: { lower.hasPrefix($0) || lower.hasSuffix($0) }) && digits > 0
    {
      return .currency
    }
    if lower.hasSuffix("%") && digits > 0 { return .percent }
    // A number followed by letters or a unit mark.
    if let first = scalars.first, isDigit(first) || first == "." || first == "-" || first == "+" {
      var index = 0
      while index < scalars.count, isDigit(scalars[index]) || ".,+-".unicodeScalars.contains(scalars[index]) { index += 1 }
      let rest = String(String.UnicodeScalarView(scalars[index...])).trimmingCharacters(in: .whitespaces)
      if !rest.isEmpty && index > 0 {
        if rest == "cm" || rest == "см" || rest == "mm" || rest == "мм" { return .centimetres }
        let units = ["m", "м", "in", "inch", "inches", "\"", "ft", "'", "m2", "m²", "sqm", "sq m", "sq.m", "кв.м", "м2", "м²", "mtr", "meter", "meters", "metre", "metres"]
        if units.contains(rest) { return .unit(rest) }
      }
    }
    let body = lower.hasPrefix("-") || lower.hasPrefix("+") ? String(lower.dropFirst()) : lower
    let allowed = Set("0123456789., '\u{00A0}".unicodeScalars)
    if digits > 0 && body.unicodeScalars.allSatisfy(allowed.contains) {
      let commas = body.filter { $0 == "," }.count
      let dots = body.filter { $0 == "." }.count
      let spaced = body.contains(" ") || body.contains("'") || body.contains("\u{00A0}")
      if commas >= 1 && dots == 1, let comma = body.lastIndex(of: ","), let dot = body.firstIndex(of: "."), dot < comma {
        return .europeanFormat
      }
      if commas >= 1 && dots == 1 { return .thousandsSeparator }
      if spaced { return .thousandsSeparator }
      if dots > 1 && commas == 0 {
        // 1.234.567 groups thousands; 1.2.3 is just not a number.
        let groups = body.split(separator: ".", omittingEmptySubsequences: false)
        return groups.dropFirst().allSatisfy { $0.count == 3 } && (1...3).contains(groups[0].count)
          ? .thousandsSeparator : .notANumber
      }
      if commas == 1 && dots == 0 {
        let after = body.split(separator: ",", omittingEmptySubsequences: false).last ?? ""
        let before = body.split(separator: ",", omittingEmptySubsequences: false).first ?? ""
        if after.count == 3 && !before.isEmpty && before.count <= 3 && before != "0" { return .thousandsOrDecimalComma }
        return .decimalComma
      }
      if commas > 1 { return .thousandsSeparator }
    }
    return .notANumber
  }

  func hint(for value: String) -> String {
    let trimmed = Shown.text(value.trimmingCharacters(in: .whitespaces))
    switch self {
    case .decimalComma:
      return "use a dot as decimal separator: \(trimmed.replacingOccurrences(of: ",", with: "."))"
    case .thousandsOrDecimalComma:
      return "ambiguous comma: write \(trimmed.replacingOccurrences(of: ",", with: ".")) if it is a decimal separator, or \(trimmed.replacingOccurrences(of: ",", with: "")) if it separates thousands"
    case .europeanFormat:
      return "write the number without thousands separator and with a dot: \(trimmed.replacingOccurrences(of: ".", with: "").replacingOccurrences(of: ",", with: "."))"
    case .thousandsSeparator:
      return "remove the thousands separators and use a dot for decimals: \(trimmed.filter { $0.isNumber || $0 == "." || $0 == "-" })"
    case .unit(let unit):
      return "remove the unit \"\(unit)\" and write the bare number in metres\(Self.suggested(trimmed).map { ": \($0)" } ?? "")"
    case .centimetres:
      let millimetres = trimmed.lowercased().hasSuffix("mm") || trimmed.hasSuffix("мм")
      let metres = Self.number(in: trimmed).map { $0 / (millimetres ? 1000 : 100) }
      return "lengths are in metres without a unit: \(trimmed) → \(metres.map(Self.plain) ?? "the value in metres")"
    case .currency:
      return "remove the currency and write the bare amount\(Self.suggested(trimmed).map { ": \($0)" } ?? "")"
    case .percent:
      return "remove the % sign and write the bare number\(Self.suggested(trimmed).map { ": \($0)" } ?? "")"
    case .scientific:
      return "Excel wrote the number in scientific notation: format the column as Number (or Text) before exporting, and write it in full"
    case .excelDate:
      return "Excel turned the number into a date: format the column as Text or Number before typing or pasting values, then export again"
    case .notANumber:
      return "write a plain number with a dot as decimal separator, such as 1.06"
    }
  }
}

extension NumberMistake {
  /// The number inside a value such as `53 cm`, `€19,99` or `50%` (a decimal comma read as a dot).
  static func number(in text: String) -> Double? { suggested(text).flatMap(Double.init) }

  /// The value's own digits, cleaned: `49,90 €` → `49.90`.
  static func suggested(_ text: String) -> String? {
    let kept = text.unicodeScalars.filter { ($0 >= "0" && $0 <= "9") || $0 == "." || $0 == "," || $0 == "-" }
    let candidate = String(String.UnicodeScalarView(kept)).replacingOccurrences(of: ",", with: ".")
    guard candidate.filter({ $0 == "." }).count <= 1, Double(candidate) != nil else { return nil }
    return candidate
  }

  /// 0.53, 19.99, 150: no exponent, no trailing zeros.
  static func plain(_ value: Double) -> String {
    if value == value.rounded() && abs(value) < 1e15 { return String(Int(value)) }
    var text = String(format: "%.6f", value)
    while text.hasSuffix("0") { text.removeLast() }
    return text
  }
}

enum InvalidNumberCheck {
  static func finding(at location: Location, field: String, value: String, item: String? = nil) -> (Finding, NumberMistake) {
    let shown = item ?? value
    let mistake = NumberMistake.classify(shown)
    let what = item == nil ? "\(field): \(Shown.quoted(value)) is not a number" : "\(field): list item \(Shown.quoted(shown)) is not a number"
    return (Finding(.invalidNumber, what, hint: mistake.hint(for: shown), at: location, value: value), mistake)
  }
}
