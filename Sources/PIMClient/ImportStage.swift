/// The statuses an import goes through (wizart-api.md §5.1), in order, with what each means.
public enum ImportStage {
  public static let running: [(status: String, meaning: String)] = [
    ("uploading_files", "receiving the files"),
    ("validating_csv", "checking the CSV"),
    ("unpacking_archive", "unpacking the image archive"),
    ("checking_images", "checking the images"),
    ("waiting_queue", "waiting for a free worker"),
    ("importing_data", "importing the rows"),
  ]

  public static let terminal: [(status: String, meaning: String)] = [
    ("success", "finished: every product imported"),
    ("warning", "finished with warnings: rows with problems were skipped, the rest imported"),
    ("failure", "failed: rows after the error were not imported"),
  ]

  /// Only these three end an import; anything else, known or not, is still running.
  public static func isTerminal(_ status: String) -> Bool {
    terminal.contains { $0.status == status }
  }

  /// What the status means in words, or nil for a status this tool does not know.
  public static func meaning(of status: String) -> String? {
    (running + terminal).first { $0.status == status }?.meaning
  }
}
