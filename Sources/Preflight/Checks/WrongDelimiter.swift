import Foundation

extension DiagnosticCode {
  public static let wrongDelimiter = DiagnosticCode(
    id: "wrong-delimiter", stage: .validatingCSV, effect: .stopsImport,
    summary: "Columns are separated by semicolons or tabs instead of commas, or the file starts with an Excel \"sep=\" line.",
    explanation: "The server splits columns on commas only. A semicolon- or tab-separated file arrives as one single column, so every required column is missing.",
    fix: "Save as \"CSV UTF-8 (comma delimited)\". Excel in many European locales writes semicolons: change the list separator in the system's region settings, or use LibreOffice and choose the comma as field delimiter.",
    example: (bad: "brand_name;collection_name;product_name", good: "brand_name,collection_name,product_name"))
}

enum WrongDelimiterCheck {
  /// A header read as one column that splits cleanly on `;` or TAB names that delimiter.
  static func finding(file: String, headerCells: [String]) -> Finding? {
    // `sep=,` splits on its own comma, so look at the line as written.
    let line = headerCells.joined(separator: ",")
    if line.lowercased().hasPrefix("sep=") && line.unicodeScalars.count <= 5 {
      let only = line
      let shown = only.unicodeScalars.count == 5 ? String(only.unicodeScalars.suffix(1)) : "nothing"
      return Finding(
        .wrongDelimiter,
        "the first line is an Excel \"sep=\" directive (separator \(shown == "\t" ? "TAB" : shown)), not the header",
        hint: "delete the first line and make sure columns are separated by commas",
        at: Location(file: file, line: 1, column: 1), value: only)
    }
    guard headerCells.count == 1, let only = headerCells.first else { return nil }
    let candidates: [(Character, String)] = [(";", "semicolons"), ("\t", "tabs"), ("|", "vertical bars")]
    var best: (String, Int)?
    for (separator, name) in candidates {
      let parts = only.split(separator: separator, omittingEmptySubsequences: false)
      let named = parts.filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
      if parts.count >= 2 && named.count >= 2 && named.count * 2 >= parts.count && (best == nil || parts.count > best!.1) {
        best = (name, parts.count)
      }
    }
    guard let (name, count) = best else { return nil }
    return Finding(
      .wrongDelimiter, "the header is separated by \(name) (\(count) columns), not commas",
      hint: "save as \"CSV UTF-8 (comma delimited)\"; the rest of the file was not checked",
      at: Location(file: file, line: 1, column: 1), value: only)
  }
}
