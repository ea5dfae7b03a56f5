extension DiagnosticCode {
  public static let typeAmbiguous = DiagnosticCode(
    id: "type-ambiguous", stage: .validatingCSV, effect: .stopsImport,
    summary: "--type was not given and the header fits several product types equally well.",
    explanation: "Rules differ per product type (ranges, required sizes, image formats), so the type must be known before the rows can be checked. On Wizart you choose it on the import page or in the API path.",
    fix: "Pass --type with one of the candidates listed (wizart-preflight types lists them all).")
}

enum TypeAmbiguousCheck {
  static func finding(file: String, candidates: [String]) -> Finding {
    guard !candidates.isEmpty else {
      return Finding(
        .typeAmbiguous, "the header matches no known product type",
        hint: "pass --type CODE (wizart-preflight types lists them) and check the header's column names",
        at: Location(file: file, line: 1))
    }
    return Finding(
      .typeAmbiguous, "the header fits several product types equally: \(candidates.joined(separator: ", "))",
      hint: "pass --type \(candidates.first ?? "CODE") (or another of them); rows were not checked", at: Location(file: file, line: 1))
  }
}
