extension DiagnosticCode {
  public static let utf8BOM = DiagnosticCode(
    id: "utf8-bom", stage: .validatingCSV, effect: .info,
    summary: "The file starts with a UTF-8 byte-order mark.",
    explanation: "Excel writes a byte-order mark in front of \"CSV UTF-8\" files. It is accepted; it is reported so that tools which compare header names byte for byte are not surprised.",
    fix: "Nothing to do. To remove it, save with an editor's \"UTF-8 without BOM\" option.")
}

enum UTF8BOMCheck {
  static func finding(file: String) -> Finding {
    Finding(.utf8BOM, "the file starts with a UTF-8 byte-order mark (accepted)", at: Location(file: file, line: 1))
  }
}
