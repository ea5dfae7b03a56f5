extension DiagnosticCode {
  public static let imageAmbiguous = DiagnosticCode(
    id: "image-ambiguous", stage: .checkingImages, effect: .quality,
    summary: "A reference matches several images (the same name in two folders, or as .jpg and .png).",
    explanation: "It is not defined which of them the server takes.",
    fix: "Keep one image of that name, or rename the others.")
}

enum ImageAmbiguousCheck {
  static func finding(at location: Location, name: String, archive: String, entries: [String]) -> Finding {
    Finding(
      .imageAmbiguous, "\(Shown.quoted(name)) matches \(entries.count) images in \(archive): "
        + entries.prefix(5).map(Shown.quoted).joined(separator: ", ") + (entries.count > 5 ? ", …" : ""),
      hint: "keep one image of that name, or rename the others", at: location, value: name)
  }
}
