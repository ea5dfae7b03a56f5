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

  /// `value` is trimmed and is not already a plain number.
  static func repair(_ value: String, separator: DecimalSeparator) -> Outcome {
    var value = value
    return value.withUTF8 { repair(UnsafeRawBufferPointer($0), separator: separator) }
  }

  /// Separators between digit groups: `,` `.`, and the spaces and apostrophes that group thousands.
  private enum Mark: Equatable { case comma, dot, space }

  /// The mark at `index` and its length in bytes: `,` `.` space `'`, or U+00A0, U+202F, U+2009,
  /// U+2019 in UTF-8.
  private static func mark(_ bytes: UnsafeRawBufferPointer, at index: Int) -> (Mark, Int)? {
    switch bytes[index] {
    case 0x2C: return (.comma, 1)
    case 0x2E: return (.dot, 1)
    case 0x20, 0x27: return (.space, 1)
    case 0xC2 where index + 1 < bytes.count && bytes[index + 1] == 0xA0: return (.space, 2)
    case 0xE2 where index + 2 < bytes.count && bytes[index + 1] == 0x80:
      let last = bytes[index + 2]
      return last == 0xAF || last == 0x89 || last == 0x99 ? (.space, 3) : nil
    default: return nil
    }
  }

  /// The same on the cell's UTF-8 bytes, without building strings on the way.
  static func repair(_ value: UnsafeRawBufferPointer, separator: DecimalSeparator) -> Outcome {
    var index = 0
    var sign: [UInt8] = []
    if value.count > 0 && (value[0] == 0x2B || value[0] == 0x2D) {
      sign = [value[0]]
      index = 1
    }
    // Digit groups as ranges of `value`, and the marks between them.
    var groups: [Range<Int>] = []
    var marks: [Mark] = []
    var groupStart = index
    while index < value.count {
      let byte = value[index]
      if byte >= 0x30 && byte <= 0x39 {
        index += 1
      } else if let (mark, length) = mark(value, at: index) {
        groups.append(groupStart..<index)
        marks.append(mark)
        index += length
        groupStart = index
      } else {
        return .notFixable
      }
    }
    groups.append(groupStart..<value.count)
    guard !marks.isEmpty, let last = groups.last, !last.isEmpty else { return .notFixable }
    func text(_ parts: [Range<Int>], decimal: Range<Int>? = nil) -> String {
      var out = sign
      for part in parts { out.append(contentsOf: value[part]) }
      if let decimal {
        out.append(0x2E)
        out.append(contentsOf: value[decimal])
      }
      return String(decoding: out, as: UTF8.self)
    }
    if groups[0].isEmpty {
      // ",5": a decimal comma without the leading zero.
      guard marks == [.comma], groups.count == 2 else { return .notFixable }
      return .fixed(text([], decimal: groups[1]), .decimalComma)
    }
    guard groups.allSatisfy({ !$0.isEmpty }) else { return .notFixable }
    func leadsGroups(_ group: Range<Int>) -> Bool { group.count <= 3 && value[group.lowerBound] != 0x30 }
    let count = marks.count
    if count == 1 {
      let (whole, fraction) = (groups[0], groups[1])
      switch marks[0] {
      case .comma:
        guard fraction.count == 3 && leadsGroups(whole) else { return .fixed(text([whole], decimal: fraction), .decimalComma) }
        switch separator {
        case .auto: return .ambiguous(asDecimal: text([whole], decimal: fraction), asThousands: text([whole, fraction]))
        case .comma: return .fixed(text([whole], decimal: fraction), .decimalComma)
        case .dot: return .fixed(text([whole, fraction]), .thousandsSeparator)
        }
      case .space:
        guard fraction.count == 3, leadsGroups(whole) else { return .notFixable }
        return .fixed(text([whole, fraction]), .thousandsSeparator)
      case .dot:
        // A plain decimal: not something to repair.
        return .notFixable
      }
    }
    guard leadsGroups(groups[0]) else { return .notFixable }
    if marks.allSatisfy({ $0 == marks[0] }) {
      // 1.234.567, 1,234,567, 1 234 567: only thousands groups.
      guard groups.dropFirst().allSatisfy({ $0.count == 3 }) else { return .notFixable }
      return .fixed(text(groups), .thousandsSeparator)
    }
    // 1.234,56, 1,234.56, 1 234,56: thousands groups, then one decimal separator.
    let decimal = marks[count - 1]
    let thousands = marks[0]
    guard decimal != .space, thousands != decimal, marks.dropLast().allSatisfy({ $0 == thousands }),
      groups[1..<count].allSatisfy({ $0.count == 3 })
    else { return .notFixable }
    return .fixed(text(Array(groups[0..<count]), decimal: groups[count]), .thousandsSeparator)
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
