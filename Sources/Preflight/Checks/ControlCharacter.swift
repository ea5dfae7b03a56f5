extension DiagnosticCode {
  public static let controlCharacter = DiagnosticCode(
    id: "control-character", stage: .validatingCSV, effect: .stopsImport,
    summary: "A cell contains a NUL byte or another invisible control character.",
    explanation: "Control characters (NUL, vertical tab, escape, a tab outside quotes…) are never part of a product's data. They come from broken exports or copy-paste and make the server reject the file.",
    fix: "Retype or clean the value; in Excel, =CLEAN(A2) removes control characters. Tabs and line breaks are allowed only inside a quoted value.")
}

enum ControlCharacterCheck {
  static func finding(file: String, line: Int, row: Int?, column: Int, field: String?, byte: UInt8, value: String) -> Finding {
    let name: String
    switch byte {
    case 0x00: name = "a NUL byte"
    case 0x09: name = "a tab outside quotes"
    case 0x0B: name = "a vertical tab"
    case 0x0C: name = "a form feed"
    case 0x1B: name = "an escape character"
    default:
      let hex = String(byte, radix: 16, uppercase: true)
      name = "control character 0x\(hex.count == 1 ? "0" + hex : hex)"
    }
    return Finding(
      .controlCharacter, "the value contains \(name)", hint: "remove the invisible character from the value",
      at: Location(file: file, line: line, row: row, column: column, field: field), value: value)
  }
}
