extension DiagnosticCode {
  public static let entrySymlink = DiagnosticCode(
    id: "entry-symlink", stage: .unpackingArchive, effect: .stopsImport,
    summary: "An entry (or a file in the images folder) is a symbolic link.",
    explanation: "A link is not an image and can point anywhere; servers refuse archives with links.",
    fix: "Replace the link by the image file itself.")
}

enum EntrySymlinkCheck {
  static func finding(file: String, entry: String) -> Finding {
    Finding(
      .entrySymlink, "\(Shown.quoted(entry)) is a symbolic link, not a file (not followed)",
      hint: "replace the link by the image file itself", at: Location(file: file, entry: entry))
  }

  /// A FIFO, socket or device in an images folder: not a file, never opened.
  static func special(file: String, entry: String) -> Finding {
    Finding(
      .entrySymlink, "\(Shown.quoted(entry)) is not a regular file (a pipe, socket or device); it was not read",
      hint: "replace it by the image file itself", at: Location(file: file, entry: entry))
  }
}
