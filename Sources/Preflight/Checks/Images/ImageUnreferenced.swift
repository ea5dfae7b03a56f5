extension DiagnosticCode {
  public static let imageUnreferenced = DiagnosticCode(
    id: "image-unreferenced", stage: .checkingImages, effect: .info,
    summary: "Images in the archive that no row of the catalogue references.",
    explanation: "They are uploaded for nothing, and often mean that a reference has a typo.",
    fix: "Remove them from the archive (wizart-preflight pack builds an archive with exactly the referenced images), or reference them.")
}

enum ImageUnreferencedCheck {
  /// One finding listing every unreferenced image (the first ten by name).
  static func finding(file: String, entries: [String]) -> Finding? {
    guard let first = entries.first else { return nil }
    let listed = entries.prefix(10).map(Shown.quoted).joined(separator: ", ") + (entries.count > 10 ? ", …" : "")
    return Finding(
      .imageUnreferenced, "\(entries.count) image\(entries.count == 1 ? " is" : "s are") not referenced by any row: \(listed)",
      hint: "remove them from the archive, or check the references for typos", at: Location(file: file, entry: first))
  }
}
