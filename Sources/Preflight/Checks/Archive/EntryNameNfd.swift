import Foundation

extension DiagnosticCode {
  public static let entryNameNFD = DiagnosticCode(
    id: "entry-name-nfd", stage: .unpackingArchive, effect: .quality,
    summary: "An entry name is in decomposed Unicode form (as macOS writes it).",
    explanation: "\"é\" written as e + combining accent looks the same but is other bytes; tools that compare names exactly miss the match.",
    fix: "Use ASCII file names, or create the ZIP with a tool that writes composed (NFC) names.")
}

enum EntryNameNFDCheck {
  static func isDecomposed(_ name: String) -> Bool {
    !name.unicodeScalars.elementsEqual(name.precomposedStringWithCanonicalMapping.unicodeScalars)
  }

  static func finding(file: String, entry: String) -> Finding {
    Finding(
      .entryNameNFD, "\(Shown.quoted(entry)) is written in decomposed Unicode (accents as separate characters)",
      hint: "use ASCII names, or a ZIP tool that writes composed (NFC) names", at: Location(file: file, entry: entry))
  }
}
