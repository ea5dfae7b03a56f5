/// A parsed JSON value, kept loose on purpose: the Wizart API sends the same member as a string
/// in one place and a number or an object in another (wizart-api.md §7.7), so callers ask for
/// what they need ("this as text", "this as a whole number") instead of decoding a strict type.
public indirect enum JSONNode: Sendable, Equatable {
  case object([String: JSONNode])
  case array([JSONNode])
  case string(String)
  /// The number as written, so that large ids keep every digit.
  case number(String)
  case bool(Bool)
  case null

  public subscript(key: String) -> JSONNode? {
    if case .object(let members) = self { return members[key] }
    return nil
  }

  /// A string as it is, a number as written; nothing else.
  public var text: String? {
    switch self {
    case .string(let value): value
    case .number(let value): value
    default: nil
    }
  }

  /// A whole number, from a number or from a string of digits ("1109" as the API sends counts).
  public var integer: Int? {
    guard let text = text?.trimmingSpaces() else { return nil }
    if let value = Int(text) { return value }
    // 12.0 is a whole number too.
    if let value = Double(text), value.rounded() == value, abs(value) < 9.0e15 { return Int(value) }
    return nil
  }

  /// The object itself, or the only (first) element when the server wrapped it in an array.
  public var single: JSONNode? {
    switch self {
    case .object: self
    case .array(let items): items.first { if case .object = $0 { true } else { false } }
    default: nil
    }
  }

  public var items: [JSONNode]? {
    if case .array(let items) = self { return items }
    return nil
  }

  public var isObject: Bool {
    if case .object = self { return true }
    return false
  }
}

extension String {
  /// Drops spaces, tabs, CR and LF at both ends (by scalar: "\r\n" is one Character).
  func trimmingSpaces() -> String {
    var scalars = Substring(self).unicodeScalars
    func isSpace(_ scalar: Unicode.Scalar) -> Bool { scalar == " " || scalar == "\t" || scalar == "\n" || scalar == "\r" }
    while let first = scalars.first, isSpace(first) { scalars.removeFirst() }
    while let last = scalars.last, isSpace(last) { scalars.removeLast() }
    return String(scalars)
  }
}

/// A small JSON parser over bytes with a nesting limit: JSONSerialization recurses without one,
/// and a hostile or broken server must not be able to crash the tool with `[[[[…`.
public enum JSONParser {
  public struct Failure: Error, Sendable { public var offset: Int }

  public static let maxDepth = 64

  public static func parse(_ bytes: [UInt8]) throws(Failure) -> JSONNode {
    var parser = Cursor(bytes: bytes)
    if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { parser.index = 3 }
    let value = try parser.value(depth: 0)
    parser.skipSpace()
    guard parser.index == bytes.count else { throw Failure(offset: parser.index) }
    return value
  }

  private struct Cursor {
    let bytes: [UInt8]
    var index = 0

    mutating func skipSpace() {
      while index < bytes.count, bytes[index] == 0x20 || bytes[index] == 0x09 || bytes[index] == 0x0A || bytes[index] == 0x0D {
        index += 1
      }
    }

    mutating func value(depth: Int) throws(Failure) -> JSONNode {
      guard depth < JSONParser.maxDepth else { throw Failure(offset: index) }
      skipSpace()
      guard index < bytes.count else { throw Failure(offset: index) }
      switch bytes[index] {
      case UInt8(ascii: "{"):
        index += 1
        var members: [String: JSONNode] = [:]
        skipSpace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
          index += 1
          return .object(members)
        }
        while true {
          skipSpace()
          guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw Failure(offset: index) }
          let key = try string()
          skipSpace()
          try expect(UInt8(ascii: ":"))
          members[key] = try value(depth: depth + 1)
          skipSpace()
          guard index < bytes.count else { throw Failure(offset: index) }
          if bytes[index] == UInt8(ascii: ",") {
            index += 1
            continue
          }
          try expect(UInt8(ascii: "}"))
          return .object(members)
        }
      case UInt8(ascii: "["):
        index += 1
        var items: [JSONNode] = []
        skipSpace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
          index += 1
          return .array(items)
        }
        while true {
          items.append(try value(depth: depth + 1))
          skipSpace()
          guard index < bytes.count else { throw Failure(offset: index) }
          if bytes[index] == UInt8(ascii: ",") {
            index += 1
            continue
          }
          try expect(UInt8(ascii: "]"))
          return .array(items)
        }
      case UInt8(ascii: "\""):
        return .string(try string())
      case UInt8(ascii: "t"):
        try literal("true")
        return .bool(true)
      case UInt8(ascii: "f"):
        try literal("false")
        return .bool(false)
      case UInt8(ascii: "n"):
        try literal("null")
        return .null
      case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
        return .number(try number())
      default:
        throw Failure(offset: index)
      }
    }

    mutating func expect(_ byte: UInt8) throws(Failure) {
      guard index < bytes.count, bytes[index] == byte else { throw Failure(offset: index) }
      index += 1
    }

    mutating func literal(_ word: String) throws(Failure) {
      for byte in word.utf8 { try expect(byte) }
    }

    mutating func number() throws(Failure) -> String {
      let start = index
      if bytes[index] == UInt8(ascii: "-") { index += 1 }
      var digits = 0
      func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
      while index < bytes.count, isDigit(bytes[index]) {
        index += 1
        digits += 1
      }
      guard digits > 0 else { throw Failure(offset: index) }
      if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
        index += 1
        var fraction = 0
        while index < bytes.count, isDigit(bytes[index]) {
          index += 1
          fraction += 1
        }
        guard fraction > 0 else { throw Failure(offset: index) }
      }
      if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
        index += 1
        if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
        var exponent = 0
        while index < bytes.count, isDigit(bytes[index]) {
          index += 1
          exponent += 1
        }
        guard exponent > 0 else { throw Failure(offset: index) }
      }
      return String(decoding: bytes[start..<index], as: UTF8.self)
    }

    mutating func string() throws(Failure) -> String {
      index += 1  // opening quote
      var out: [UInt8] = []
      while true {
        guard index < bytes.count else { throw Failure(offset: index) }
        let byte = bytes[index]
        index += 1
        switch byte {
        case UInt8(ascii: "\""):
          return String(decoding: out, as: UTF8.self)
        case UInt8(ascii: "\\"):
          guard index < bytes.count else { throw Failure(offset: index) }
          let escaped = bytes[index]
          index += 1
          switch escaped {
          case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(escaped)
          case UInt8(ascii: "b"): out.append(0x08)
          case UInt8(ascii: "f"): out.append(0x0C)
          case UInt8(ascii: "n"): out.append(0x0A)
          case UInt8(ascii: "r"): out.append(0x0D)
          case UInt8(ascii: "t"): out.append(0x09)
          case UInt8(ascii: "u"):
            var scalar = try hex4()
            if (0xD800..<0xDC00).contains(scalar), index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"),
              bytes[index + 1] == UInt8(ascii: "u")
            {
              index += 2
              let low = try hex4()
              if (0xDC00..<0xE000).contains(low) {
                scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
              } else {
                scalar = 0xFFFD
              }
            }
            let character = Unicode.Scalar(scalar) ?? "\u{FFFD}"
            out.append(contentsOf: Array(String(character).utf8))
          default:
            throw Failure(offset: index - 1)
          }
        case 0x00..<0x20:
          throw Failure(offset: index - 1)
        default:
          out.append(byte)
        }
      }
    }

    mutating func hex4() throws(Failure) -> UInt32 {
      guard index + 4 <= bytes.count else { throw Failure(offset: index) }
      var value: UInt32 = 0
      for _ in 0..<4 {
        let byte = bytes[index]
        index += 1
        let digit: UInt32
        switch byte {
        case 0x30...0x39: digit = UInt32(byte - 0x30)
        case 0x41...0x46: digit = UInt32(byte - 0x41 + 10)
        case 0x61...0x66: digit = UInt32(byte - 0x61 + 10)
        default: throw Failure(offset: index - 1)
        }
        value = value << 4 | digit
      }
      return value
    }
  }
}
