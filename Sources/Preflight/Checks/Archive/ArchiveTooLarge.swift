import Foundation

extension DiagnosticCode {
  public static let archiveTooLarge = DiagnosticCode(
    id: "archive-too-large", stage: .unpackingArchive, effect: .stopsImport,
    summary: "The archive is larger than 2 GiB (an error), or than 2,000,000,000 bytes (a warning).",
    explanation: "Wizart refuses image archives above 2 GB. Depending on how \"2 GB\" is counted (10^9 or 2^30 bytes), an archive between 2,000,000,000 bytes and 2 GiB may be refused too: that case is a warning.",
    fix: "Split the catalogue into several imports (for example one per collection), each with its own ZIP.")
}

/// Both size rules: over 2 GiB is refused, over 2,000,000,000 bytes is at risk.
enum ArchiveSizeCheck {
  static func finding(file: String, size: UInt64) -> Finding? {
    let shown = String(format: "%.2f GB (%llu bytes)", Double(size) / 1e9, size)
    if size > UnpackingArchive.hardLimit {
      return Finding(
        .archiveTooLarge, "the archive is \(shown), over Wizart's 2 GB limit",
        hint: "split the import into several catalogues and archives", at: Location(file: file))
    }
    if size > UnpackingArchive.softLimit {
      return Finding(
        .archiveTooLarge, "the archive is \(shown): over 2,000,000,000 bytes, at the edge of Wizart's 2 GB limit",
        hint: "stay below 2,000,000,000 bytes to be safe", at: Location(file: file), effect: .quality)
    }
    return nil
  }
}
