import ZipKit

extension DiagnosticCode {
  public static let archiveCorrupt = DiagnosticCode(
    id: "archive-corrupt", stage: .unpackingArchive, effect: .stopsImport,
    summary: "The ZIP's central directory is damaged or inconsistent (often a truncated download or upload).",
    explanation: "The server cannot list or unpack a damaged archive: the import fails at unpacking_archive.",
    fix: "Create the ZIP again from the original images; if it was downloaded or copied, copy it again.")
}

enum ArchiveCorruptCheck {
  static func finding(file: String, error: ZipError) -> Finding {
    let message: String
    switch error.kind {
    case .truncated: message = "the archive is truncated (its end record is missing): \(error.message)"
    case .tooManyEntries: message = "the archive declares more entries than it can hold: \(error.message)"
    default: message = "the archive is damaged: \(error.message)"
    }
    return Finding(
      .archiveCorrupt, message, hint: "create the ZIP again from the original images, or copy it again if it was downloaded",
      at: Location(file: file))
  }

  /// One entry's data cannot be located where the directory says.
  static func entry(file: String, entry: String, problem: String) -> Finding {
    Finding(
      .archiveCorrupt, "\(Shown.quoted(entry)) is damaged: \(problem); it was not read",
      hint: "create the ZIP again from the original images", at: Location(file: file, entry: entry))
  }

  /// libzip's consistency check failed although the archive can be listed.
  static func inconsistent(file: String, detail: String) -> Finding {
    Finding(
      .archiveCorrupt, "the archive's directory and its entries disagree: \(detail)",
      hint: "create the ZIP again from the original images", at: Location(file: file))
  }
}
