extension DiagnosticCode {
  public static let entryCRCMismatch = DiagnosticCode(
    id: "entry-crc-mismatch", stage: .unpackingArchive, effect: .stopsImport,
    summary: "--deep: an entry's data does not match its checksum or declared size.",
    explanation: "The image was damaged when the ZIP was made, copied or downloaded; the server's unpacking fails or gets a broken image.",
    fix: "Create the ZIP again from the original images.")
}

enum EntryCRCMismatchCheck {
  static func finding(file: String, entry: String, reason: String, row: Int?, line: Int?, field: String?) -> Finding {
    Finding(
      .entryCRCMismatch, "\(Shown.quoted(entry)) is damaged: \(reason)", hint: "create the ZIP again from the original images",
      at: Location(file: file, line: line, row: row, field: field, entry: entry))
  }
}
