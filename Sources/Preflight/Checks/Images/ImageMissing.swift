extension DiagnosticCode {
  public static let imageMissing = DiagnosticCode(
    id: "image-missing", stage: .checkingImages, effect: .stopsImport,
    summary: "A product_image reference matches no image in the archive.",
    explanation: "The checking_images stage fails when the catalogue names an image the ZIP does not have: nothing is imported.",
    fix: "Add the image to the archive, or correct the name in the catalogue (the message lists the closest names found).",
    example: (bad: "rose_01 (archive has Rose_01.jpg)", good: "Rose_01"))
}

enum ImageMissingCheck {
  static func finding(at location: Location, name: String, archive: String, candidates: [(path: String, why: String)]) -> Finding {
    let hint: String
    if candidates.isEmpty {
      hint = "add the image to the archive or correct the name in the catalogue"
    } else {
      hint = "closest: " + candidates.map { "\(Shown.quoted($0.path)) (\($0.why))" }.joined(separator: ", ")
    }
    return Finding(
      .imageMissing, "\(location.field ?? "product_image") names \(Shown.quoted(name)), which is not in \(archive)", hint: hint,
      at: location, value: name)
  }
}
