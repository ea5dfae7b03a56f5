/// The text encodings `fix` reads: what Excel writes when it is not asked for "CSV UTF-8".
public enum TextEncoding: String, Sendable, CaseIterable {
  case utf8 = "utf-8"
  case utf16LittleEndian = "utf-16le"
  case utf16BigEndian = "utf-16be"
  case windows1252 = "windows-1252"
  case windows1251 = "windows-1251"

  /// The name messages use.
  public var displayName: String {
    switch self {
    case .utf8: "UTF-8"
    case .utf16LittleEndian: "UTF-16 LE"
    case .utf16BigEndian: "UTF-16 BE"
    case .windows1252: "Windows-1252 (Western European)"
    case .windows1251: "Windows-1251 (Cyrillic)"
    }
  }

  /// The byte-order mark this encoding may start with.
  var byteOrderMark: [UInt8] {
    switch self {
    case .utf8: [0xEF, 0xBB, 0xBF]
    case .utf16LittleEndian: [0xFF, 0xFE]
    case .utf16BigEndian: [0xFE, 0xFF]
    case .windows1252, .windows1251: []
    }
  }

  /// The Unicode scalar of each byte 0x80–0xFF of a single-byte code page; 0 where the code
  /// page defines no character.
  var codePage: [UInt32]? {
    switch self {
    case .windows1252: CodePages.windows1252
    case .windows1251: CodePages.windows1251
    default: nil
    }
  }
}

/// Exact tables of the two Windows code pages, from the Unicode consortium's mapping files
/// (CP1252.TXT, CP1251.TXT). Bytes below 0x80 are ASCII in both.
enum CodePages {
  /// 0x80–0x9F are punctuation and a few letters; 0xA0–0xFF are Latin-1 (the same scalar).
  static let windows1252: [UInt32] = {
    let block: [UInt32] = [
      0x20AC, 0x0000, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
      0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x0000, 0x017D, 0x0000,
      0x0000, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
      0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x0000, 0x017E, 0x0178,
    ]
    return block + (0xA0...0xFF).map { UInt32($0) }
  }()

  /// 0x80–0xBF are mixed Cyrillic letters and punctuation; 0xC0–0xFF are А–я (U+0410–U+044F).
  static let windows1251: [UInt32] = {
    let block: [UInt32] = [
      0x0402, 0x0403, 0x201A, 0x0453, 0x201E, 0x2026, 0x2020, 0x2021,
      0x20AC, 0x2030, 0x0409, 0x2039, 0x040A, 0x040C, 0x040B, 0x040F,
      0x0452, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
      0x0000, 0x2122, 0x0459, 0x203A, 0x045A, 0x045C, 0x045B, 0x045F,
      0x00A0, 0x040E, 0x045E, 0x0408, 0x00A4, 0x0490, 0x00A6, 0x00A7,
      0x0401, 0x00A9, 0x0404, 0x00AB, 0x00AC, 0x00AD, 0x00AE, 0x0407,
      0x00B0, 0x00B1, 0x0406, 0x0456, 0x0491, 0x00B5, 0x00B6, 0x00B7,
      0x0451, 0x2116, 0x0454, 0x00BB, 0x0458, 0x0405, 0x0455, 0x0457,
    ]
    return block + (0x0410...0x044F).map { UInt32($0) }
  }()
}
