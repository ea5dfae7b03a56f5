extension DiagnosticCode {
  public static let encodingNotUTF8 = DiagnosticCode(
    id: "encoding-not-utf8", stage: .validatingCSV, effect: .stopsImport,
    summary: "The file is not UTF-8 text (another encoding, or not a text file at all).",
    explanation: "The server reads the catalogue as UTF-8. Text saved in another encoding (UTF-16, Windows-1252, Windows-1251) turns names with accents or Cyrillic letters into garbage or fails the validating_csv stage.",
    fix: "In Excel use File › Save As › \"CSV UTF-8 (comma delimited)\"; in LibreOffice choose character set \"Unicode (UTF-8)\" when saving as CSV.",
    example: (bad: "Tapete Fr\\xFChling (Windows-1252 byte FC)", good: "Tapete Frühling (UTF-8)"))
}

enum EncodingNotUTF8Check {
  static let saveAsUTF8 = "save the file as \"CSV UTF-8 (comma delimited)\" (Excel) or with character set Unicode (UTF-8) (LibreOffice)"

  static func wholeFile(file: String, kind: InputKind) -> Finding {
    let message: String
    var hint = saveAsUTF8
    switch kind {
    case .utf16(let bigEndian, let bom):
      message = "the file is UTF-16 \(bigEndian ? "big-endian" : "little-endian") text\(bom ? "" : " (no byte-order mark)"), not UTF-8"
    case .utf32(let bigEndian):
      message = "the file is UTF-32 \(bigEndian ? "big-endian" : "little-endian") text, not UTF-8"
    case .binary(let format, let advice):
      message = "the file is \(format), not a CSV text file"
      hint = advice
    case .utf8:
      message = "the file is not UTF-8 text"
    }
    return Finding(.encodingNotUTF8, message, hint: hint, at: Location(file: file, line: 1))
  }

  /// Located at the record's line (diagnostics.md); the message names the byte's own line and
  /// character, which differ when a quoted value spans lines.
  static func invalidByte(
    file: String, byte: UInt8, recordLine: Int, byteLine: Int, character: Int, row: Int?, column: Int,
    field: String?, likelyEncoding: String, moreRecords: Int
  ) -> Finding {
    let hex = String(byte, radix: 16, uppercase: true)
    var message = "line \(byteLine), character \(character) is not UTF-8 (byte 0x\(hex.count == 1 ? "0" + hex : hex)): the file looks like \(likelyEncoding)"
    if moreRecords > 0 { message += "; \(moreRecords) more record\(moreRecords == 1 ? " has" : "s have") such bytes" }
    return Finding(
      .encodingNotUTF8, message, hint: saveAsUTF8,
      at: Location(file: file, line: recordLine, row: row, column: column, field: field))
  }

}
