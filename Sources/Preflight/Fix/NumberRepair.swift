/// Which character separates decimals in number fields, when a value alone cannot tell:
/// `1,060` is 1.06 with a decimal comma and 1060 with a thousands comma.
public enum DecimalSeparator: String, Sendable, CaseIterable {
  /// Decide per value; refuse the values that could be read both ways.
  case auto
  /// Commas are decimal separators; dots and spaces group thousands.
  case comma
  /// Dots are decimal separators; commas and spaces group thousands.
  case dot
}

/// Rewrites a number cell into the plain dot-decimal form the server reads, only when the
/// value's meaning is certain (or made certain by `DecimalSeparator`).
enum NumberRepair {
  enum Change: Equatable { case decimalComma, thousandsSeparator }

  enum Outcome: Equatable {
    case fixed(String, Change)
    /// Two readings: a decimal comma, or a thousands separator.
    case ambiguous(asDecimal: String, asThousands: String)
    /// Not a number whatever the separators mean (a unit, a currency, a date…): left as it is.
    case notFixable
  }

  private static let spaces: Set<Unicode.Scalar> = [" ", "\u{00A0}", "\u{202F}", "\u{2009}", "'", "\u{2019}"]

  /// `value` is trimmed and is not already a plain number.
  static func repair(_ value: String, separator: DecimalSeparator) -> Outcome {
    var scalars = Substring(value).unicodeScalars[...]
    var sign = ""
    if let first = scalars.first, first == "-" || first == "+" {
      sign = String(first)
      scalars = scalars.dropFirst()
    }
    var groups: [String] = [""]
    var separators: [Unicode.Scalar] = []
    for scalar in scalars {
      if scalar >= "0" && scalar <= "9" {
        groups[groups.count - 1].unicodeScalars.append(scalar)
      } else if scalar == "," || scalar == "." || spaces.contains(scalar) {
        separators.append(scalar)
        groups.append("")
      } else {
        return .notFixable
      }
    }
    guard !separators.isEmpty, let last = groups.last, !last.isEmpty else { return .notFixable }
    if groups[0].isEmpty {
      // ",5": a decimal comma without the leading zero.
      guard separators == [","], groups.count == 2 else { return .notFixable }
      return .fixed(sign + "." + groups[1], .decimalComma)
    }
    guard groups.allSatisfy({ !$0.isEmpty }) else { return .notFixable }
    let count = separators.count
    if count == 1 {
      let (whole, fraction) = (groups[0], groups[1])
      if separators[0] == "," {
        guard fraction.count == 3 && leadsGroups(whole) else { return .fixed(sign + whole + "." + fraction, .decimalComma) }
        switch separator {
        case .auto: return .ambiguous(asDecimal: sign + whole + "." + fraction, asThousands: sign + whole + fraction)
        case .comma: return .fixed(sign + whole + "." + fraction, .decimalComma)
        case .dot: return .fixed(sign + whole + fraction, .thousandsSeparator)
        }
      }
      guard separators[0] != ".", fraction.count == 3, leadsGroups(whole) else { return .notFixable }
      return .fixed(sign + whole + fraction, .thousandsSeparator)
    }
    guard leadsGroups(groups[0]) else { return .notFixable }
    if separators.allSatisfy({ $0 == separators[0] }) {
      // 1.234.567, 1,234,567, 1 234 567: only thousands groups.
      guard groups.dropFirst().allSatisfy({ $0.count == 3 }) else { return .notFixable }
      return .fixed(sign + groups.joined(), .thousandsSeparator)
    }
    // 1.234,56, 1,234.56, 1 234,56: thousands groups, then one decimal separator.
    let decimal = separators[count - 1]
    let thousands = separators[0]
    guard decimal == "," || decimal == ".", thousands != decimal,
      separators.dropLast().allSatisfy({ $0 == thousands }),
      groups[1..<count].allSatisfy({ $0.count == 3 })
    else { return .notFixable }
    return .fixed(sign + groups[0..<count].joined() + "." + groups[count], .thousandsSeparator)
  }

  /// A first group of thousands: one to three digits, not starting with 0.
  private static func leadsGroups(_ digits: String) -> Bool {
    (1...3).contains(digits.utf8.count) && digits.utf8.first != 0x30
  }

  /// A valid number that would be a thousands group where commas are decimal: `1.060`, `-10.050`.
  static func isDottedThousands(_ bytes: UnsafeRawBufferPointer) -> Bool {
    var index = 0
    if bytes.count > 0 && (bytes[0] == 0x2B || bytes[0] == 0x2D) { index = 1 }
    let start = index
    while index < bytes.count && bytes[index] >= 0x30 && bytes[index] <= 0x39 { index += 1 }
    let whole = index - start
    guard (1...3).contains(whole), bytes[start] != 0x30, index < bytes.count, bytes[index] == 0x2E else { return false }
    index += 1
    var fraction = 0
    while index < bytes.count && bytes[index] >= 0x30 && bytes[index] <= 0x39 {
      index += 1
      fraction += 1
    }
    return index == bytes.count && fraction == 3
  }

  /// `1.060` read with a thousands dot: `1060`.
  static func withoutDot(_ bytes: UnsafeRawBufferPointer) -> String {
    String(decoding: bytes.filter { $0 != 0x2E }, as: UTF8.self)
  }
}

/// Rewrites a yes/no cell to the documented lower-case `yes` or `no` when its meaning is certain.
enum BooleanRepair {
  enum Outcome: Equatable {
    case canonical
    case rewrite(String)
    case unknown
  }

  private static let yes = Array("yes".utf8)
  private static let no = Array("no".utf8)
  private static let trueWord = Array("true".utf8)
  private static let falseWord = Array("false".utf8)

  static func repair(_ value: UnsafeRawBufferPointer) -> Outcome {
    if value.elementsEqual(yes) || value.elementsEqual(no) { return .canonical }
    if ByteText.equalsLowercased(value, yes) || ByteText.equalsLowercased(value, trueWord) { return .rewrite("yes") }
    if ByteText.equalsLowercased(value, no) || ByteText.equalsLowercased(value, falseWord) { return .rewrite("no") }
    return .unknown
  }
}
