extension DiagnosticCode {
  public static let entryEncrypted = DiagnosticCode(
    id: "entry-encrypted", stage: .unpackingArchive, effect: .stopsImport,
    summary: "An entry of the archive is password-protected.",
    explanation: "The server cannot read encrypted images.",
    fix: "Create the ZIP again without a password.")
}

enum EntryEncryptedCheck {
  static func finding(file: String, entry: String) -> Finding {
    Finding(.entryEncrypted, "\(Shown.quoted(entry)) is password-protected", hint: "create the ZIP again without a password", at: Location(file: file, entry: entry))
  }
}
