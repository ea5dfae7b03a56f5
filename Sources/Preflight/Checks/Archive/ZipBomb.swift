extension DiagnosticCode {
  public static let zipBomb = DiagnosticCode(
    id: "zip-bomb", stage: .unpackingArchive, effect: .stopsImport,
    summary: "An entry unpacks to more than 100 times its compressed size, all entries together to more than 16 GiB, or entries overlap.",
    explanation: "Images are already compressed: such ratios mean a \"zip bomb\" made to exhaust the server. Those entries are not unpacked here.",
    fix: "Create the ZIP again from the real image files.")
}

enum ZipBombCheck {
  static func ratio(file: String, entry: String, size: UInt64, compressed: UInt64) -> Finding {
    Finding(
      .zipBomb,
      "\(Shown.quoted(entry)) would unpack from \(compressed) to \(size) bytes (more than 100 times); it was not unpacked",
      hint: "images are already compressed: create the ZIP again from the real image files", at: Location(file: file, entry: entry))
  }

  static func total(file: String, total: UInt64) -> Finding {
    Finding(
      .zipBomb, "the entries would unpack to \(total) bytes in all, over 16 GiB; nothing was unpacked",
      hint: "create the ZIP again from the real image files", at: Location(file: file))
  }

  static func overlap(file: String, entry: String, other: String?) -> Finding {
    let message = other.map { "the data of \(Shown.quoted(entry)) overlaps \(Shown.quoted($0)) (a sign of a zip bomb); neither was unpacked" }
      ?? "the data of \(Shown.quoted(entry)) runs past the end of the archive; it was not unpacked"
    return Finding(.zipBomb, message, hint: "create the ZIP again from the real image files", at: Location(file: file, entry: entry))
  }
}
