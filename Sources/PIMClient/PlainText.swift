/// Text that came from the server, made safe to print: control characters (a terminal escape
/// sequence in an error body could rewrite the screen) become spaces, runs of white space
/// collapse, and the length is capped so a page of garbage stays one readable line.
enum PlainText {
  static func clean(_ text: String, maxLength: Int = 400) -> String {
    var out = String.UnicodeScalarView()
    var lastWasSpace = true
    var count = 0
    for scalar in text.unicodeScalars {
      let isControl =
        scalar.value < 0x20 || scalar.value == 0x7F || (0x80..<0xA0).contains(scalar.value)
        || (0x202A...0x202E).contains(scalar.value) || (0x2066...0x2069).contains(scalar.value)
      if isControl || scalar == " " {
        if !lastWasSpace {
          out.append(" ")
          count += 1
        }
        lastWasSpace = true
        continue
      }
      if count >= maxLength {
        out.append("…")
        return String(String(out))
      }
      out.append(scalar)
      count += 1
      lastWasSpace = false
    }
    var result = String(out)
    while result.hasSuffix(" ") { result.removeLast() }
    return result
  }
}
