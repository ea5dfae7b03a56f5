/// RFC 3986 percent-encoding: everything but the unreserved characters (letters, digits,
/// `-._~`) becomes `%XX`, byte by byte. Used for URL path segments and to recognise a secret
/// as it would appear inside a URL.
enum PercentEncoding {
  static func encoded(_ text: String, encodingEverything: Bool = false) -> String {
    let hex = Array("0123456789ABCDEF".unicodeScalars)
    var out = String.UnicodeScalarView()
    for byte in text.utf8 {
      let unreserved =
        (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39)
        || byte == 0x2D || byte == 0x2E || byte == 0x5F || byte == 0x7E
      if unreserved && !encodingEverything {
        out.append(Unicode.Scalar(byte))
      } else {
        out.append("%")
        out.append(hex[Int(byte >> 4)])
        out.append(hex[Int(byte & 0x0F)])
      }
    }
    return String(out)
  }
}
