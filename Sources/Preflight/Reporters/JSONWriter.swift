/// A JSON value written with sorted keys, two-space indentation and no `\/` escaping, so that
/// the same report is the same bytes on every run.
public indirect enum JSONValue: Sendable {
  case null
  case bool(Bool)
  case int(Int)
  case string(String)
  case array([JSONValue])
  case object([String: JSONValue])

  public static func optional(_ value: String?) -> JSONValue { value.map(JSONValue.string) ?? .null }
  public static func optional(_ value: Int?) -> JSONValue { value.map(JSONValue.int) ?? .null }

  public func serialized() -> String {
    var out: [UInt8] = []
    out.reserveCapacity(4096)
    write(into: &out, indent: 0)
    out.append(0x0A)
    return String(decoding: out, as: UTF8.self)
  }

  private static func newline(_ out: inout [UInt8], indent: Int) {
    out.append(0x0A)
    out.append(contentsOf: repeatElement(0x20, count: indent))
  }

  private func write(into out: inout [UInt8], indent: Int) {
    switch self {
    case .null: out.append(contentsOf: "null".utf8)
    case .bool(let value): out.append(contentsOf: (value ? "true" : "false").utf8)
    case .int(let value): out.append(contentsOf: String(value).utf8)
    case .string(let value): Self.escape(value, into: &out)
    case .array(let items):
      guard !items.isEmpty else {
        out.append(contentsOf: "[]".utf8)
        return
      }
      out.append(0x5B)
      for (index, item) in items.enumerated() {
        if index > 0 { out.append(0x2C) }
        Self.newline(&out, indent: indent + 2)
        item.write(into: &out, indent: indent + 2)
      }
      Self.newline(&out, indent: indent)
      out.append(0x5D)
    case .object(let members):
      guard !members.isEmpty else {
        out.append(contentsOf: "{}".utf8)
        return
      }
      out.append(0x7B)
      let keys = members.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
      for (index, key) in keys.enumerated() {
        if index > 0 { out.append(0x2C) }
        Self.newline(&out, indent: indent + 2)
        Self.escape(key, into: &out)
        out.append(contentsOf: ": ".utf8)
        members[key]!.write(into: &out, indent: indent + 2)
      }
      Self.newline(&out, indent: indent)
      out.append(0x7D)
    }
  }

  private static let hexDigits = Array("0123456789abcdef".utf8)

  /// Escapes on UTF-8 bytes: quote, backslash and control characters; everything else,
  /// including `/` and non-ASCII text, is written as it is.
  private static func escape(_ text: String, into out: inout [UInt8]) {
    out.append(0x22)
    for byte in text.utf8 {
      switch byte {
      case 0x22: out.append(contentsOf: [0x5C, 0x22])
      case 0x5C: out.append(contentsOf: [0x5C, 0x5C])
      case 0x0A: out.append(contentsOf: [0x5C, 0x6E])
      case 0x0D: out.append(contentsOf: [0x5C, 0x72])
      case 0x09: out.append(contentsOf: [0x5C, 0x74])
      case 0x08: out.append(contentsOf: [0x5C, 0x62])
      case 0x0C: out.append(contentsOf: [0x5C, 0x66])
      case 0x00..<0x20, 0x7F:
        out.append(contentsOf: [0x5C, 0x75, 0x30, 0x30, hexDigits[Int(byte >> 4)], hexDigits[Int(byte & 0x0F)]])
      default: out.append(byte)
      }
    }
    out.append(0x22)
  }
}
