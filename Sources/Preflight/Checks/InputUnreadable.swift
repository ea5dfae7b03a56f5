extension DiagnosticCode {
  public static let inputUnreadable = DiagnosticCode(
    id: "input-unreadable", stage: .validatingCSV, effect: .stopsImport,
    summary: "The catalogue file is missing, is a folder, or cannot be read.",
    explanation: "Nothing can be checked or uploaded without the catalogue file itself.",
    fix: "Check the path and the file's permissions; pass the CSV file, not the folder that holds it.")
}

enum InputUnreadableCheck {
  static func finding(file: String, reason: String) -> Finding {
    Finding(.inputUnreadable, "cannot read the catalogue: \(reason)", at: Location(file: file))
  }
}
