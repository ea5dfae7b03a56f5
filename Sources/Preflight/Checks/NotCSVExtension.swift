extension DiagnosticCode {
  public static let notCSVExtension = DiagnosticCode(
    id: "not-csv-extension", stage: .validatingCSV, effect: .quality,
    summary: "The catalogue file is not named .csv (or .xlsx).",
    explanation: "Wizart's import page and API expect a .csv file; other names are easy to pick by mistake and some upload forms refuse them.",
    fix: "Rename the file to end in .csv after making sure it really is a comma-separated UTF-8 file.",
    example: (bad: "catalog.txt", good: "catalog.csv"))
}

enum NotCSVExtensionCheck {
  static func finding(file: String) -> Finding? {
    let lower = file.lowercased()
    guard !lower.hasSuffix(".csv") && !lower.hasSuffix(".xlsx") else { return nil }
    return Finding(
      .notCSVExtension, "the catalogue file is not named .csv", hint: "save or rename it as a .csv file",
      at: Location(file: file))
  }
}
