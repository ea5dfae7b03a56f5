/// Values as messages show them: short, and with invisible characters made visible, so that a
/// 10 MB cell or a stray byte-order mark cannot swamp or hide inside a report.
enum Shown {
  static let limit = 80

  /// The value in double quotes, cut to `limit` characters.
  static func quoted(_ value: String) -> String { "\"" + text(value) + "\"" }

  static func text(_ value: String, limit: Int = limit) -> String {
    var out = ""
    var count = 0
    for scalar in value.unicodeScalars {
      if count == limit {
        out += "…"
        break
      }
      count += 1
      switch scalar.value {
      case 0xFEFF, 0x00A0, 0x200B...0x200F, 0x202A...0x202E, 0x2060...0x2064, 0x00AD:
        out += "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
      default:
        out.unicodeScalars.append(scalar)
      }
    }
    return out
  }

  /// Non-ASCII characters as code points, so that look-alike names (NFC vs NFD) show their difference.
  static func codePoints(_ value: String) -> String {
    var out = ""
    for scalar in value.unicodeScalars {
      if scalar.isASCII { out.unicodeScalars.append(scalar) } else { out += "\\u{\(String(scalar.value, radix: 16, uppercase: true))}" }
    }
    return out
  }
}
