extension DiagnosticCode {
  public static let entryNameEncoding = DiagnosticCode(
    id: "entry-name-encoding", stage: .unpackingArchive, effect: .quality,
    summary: "A non-ASCII entry name is not marked as UTF-8, so it is read as the old DOS code page (CP437).",
    explanation: "The server then sees another name (\"GrÃ¼n\" instead of \"Grün\"), and the catalogue's reference no longer matches.",
    fix: "Use ASCII file names, or a ZIP tool that marks UTF-8 names (7-Zip, Info-ZIP zip 3, macOS Archive Utility on recent macOS).")
}

enum EntryNameEncodingCheck {
  static func finding(file: String, entry: String, rawName: [UInt8]) -> Finding {
    let asUTF8 = String(validating: rawName, as: UTF8.self)
    var message = "the name is not marked as UTF-8, so it reads as \(Shown.quoted(entry)) (CP437)"
    if let asUTF8, asUTF8 != entry { message += "; as UTF-8 it would be \(Shown.quoted(asUTF8))" }
    return Finding(
      .entryNameEncoding, message, hint: "use ASCII file names, or a ZIP tool that marks names as UTF-8",
      at: Location(file: file, entry: entry))
  }
}
