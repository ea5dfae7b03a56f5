/// RFC 4180 quoting of one value.
enum CSVText {
  static func quoted(_ value: String) -> String {
    guard value.unicodeScalars.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return value }
    var quoted = String.UnicodeScalarView()
    for scalar in value.unicodeScalars {
      quoted.append(scalar)
      if scalar == "\"" { quoted.append(scalar) }
    }
    return "\"" + String(quoted) + "\""
  }
}
