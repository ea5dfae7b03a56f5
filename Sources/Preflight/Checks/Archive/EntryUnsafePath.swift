extension DiagnosticCode {
  public static let entryUnsafePath = DiagnosticCode(
    id: "entry-unsafe-path", stage: .unpackingArchive, effect: .stopsImport,
    summary: "An entry name is an absolute path, climbs out with \"..\", uses backslashes or a drive letter, or contains a NUL byte.",
    explanation: "Such names are how malicious archives write outside their folder (\"zip slip\"); servers refuse them.",
    fix: "Create the ZIP from the images folder itself so that names are plain relative paths such as images/rose.jpg.",
    example: (bad: "../../rose.jpg", good: "images/rose.jpg"))
}

enum EntryUnsafePathCheck {
  /// What makes a name unsafe, or nil. Checked on path components, not string prefixes.
  static func problem(_ name: String, raw: [UInt8]) -> String? {
    if raw.contains(0) { return "contains a NUL byte" }
    if name.hasPrefix("/") { return "is an absolute path" }
    if name.contains("\\") { return "uses backslashes (\\) instead of /" }
    let scalars = Array(name.unicodeScalars)
    if scalars.count >= 2 && scalars[1] == ":" && scalars[0].isASCII && scalars[0].properties.isAlphabetic {
      return "starts with a drive letter"
    }
    if name.split(separator: "/", omittingEmptySubsequences: false).contains("..") { return "climbs out of the archive with \"..\"" }
    return nil
  }

  static func finding(file: String, entry: String, reason: String) -> Finding {
    Finding(
      .entryUnsafePath, "entry \(Shown.quoted(entry)) \(reason)",
      hint: "create the ZIP from the images folder so names are plain relative paths (images/rose.jpg)",
      at: Location(file: file, entry: entry))
  }
}
