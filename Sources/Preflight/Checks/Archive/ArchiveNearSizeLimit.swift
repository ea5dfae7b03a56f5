extension DiagnosticCode {
  public static let archiveNearSizeLimit = DiagnosticCode(
    id: "archive-near-size-limit", stage: .unpackingArchive, effect: .quality,
    summary: "The archive is larger than 2,000,000,000 bytes but not above 2 GiB.",
    explanation: "Wizart's limit is written \"2 GB\": depending on how it is counted (10^9 or 2^30 bytes) an archive of this size may be refused.",
    fix: "Stay below 2,000,000,000 bytes to be safe, for example by splitting the import.")
}
