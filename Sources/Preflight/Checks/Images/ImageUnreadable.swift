extension DiagnosticCode {
  public static let imageUnreadable = DiagnosticCode(
    id: "image-unreadable", stage: .checkingImages, effect: .stopsImport,
    summary: "An image's header cannot be read: the file is truncated or damaged (--deep: also a missing end marker).",
    explanation: "The server cannot decode a damaged image.",
    fix: "Export the image again from the original.")
}

enum ImageUnreadableCheck {
  static func finding(entry: String, reason: String, at location: Location) -> Finding {
    Finding(.imageUnreadable, "\(Shown.quoted(entry)) cannot be read: \(reason)", hint: "export the image again from the original", at: location)
  }
}
