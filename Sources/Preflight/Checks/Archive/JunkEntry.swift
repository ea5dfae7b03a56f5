extension DiagnosticCode {
  public static let junkEntry = DiagnosticCode(
    id: "junk-entry", stage: .unpackingArchive, effect: .info,
    summary: "The archive contains system files: __MACOSX/, ._ files, .DS_Store, Thumbs.db or desktop.ini.",
    explanation: "They are harmless for the import but make the archive bigger and can be mistaken for images.",
    fix: "macOS: zip from the command line with zip -r images.zip images -x '.*' '__MACOSX*'; or remove them with your ZIP tool.")
}

enum JunkEntryCheck {
  /// One finding for all system files, at the first of them.
  static func finding(file: String, entries: [String]) -> Finding? {
    guard let first = entries.first else { return nil }
    let listed = entries.prefix(5).map(Shown.quoted).joined(separator: ", ") + (entries.count > 5 ? ", …" : "")
    return Finding(
      .junkEntry, "\(entries.count) system file\(entries.count == 1 ? "" : "s") in the archive: \(listed)",
      hint: "harmless, but they can be left out of the ZIP", at: Location(file: file, entry: first))
  }
}
