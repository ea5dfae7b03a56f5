import Foundation
import PIMClient

/// Polls an import until it reaches success, warning or failure, reporting each new status once.
struct ImportFollower {
  struct TimedOut: Error {
    var last: ImportRecord
  }

  var client: PIMClient
  var interval: TimeInterval
  /// Give up waiting after this long (nil: wait as long as it takes).
  var timeout: TimeInterval?
  var sleep: (TimeInterval) -> Void = { Thread.sleep(forTimeInterval: $0) }

  /// Follows the import from `record` (already shown to `onStatus`); returns the last record and
  /// every status seen, in order.
  func follow(
    from record: ImportRecord, seen initial: [String], onStatus: (ImportRecord) -> Void
  ) throws -> (ImportRecord, [String]) {
    let start = Date()
    var current = record
    var seen = initial
    while !current.isFinished {
      if let timeout, Date().timeIntervalSince(start) + interval > timeout { throw TimedOut(last: current) }
      sleep(interval)
      current = try client.importStatus(id: record.id)
      if seen.last != current.status {
        seen.append(current.status)
        onStatus(current)
      }
    }
    return (current, seen)
  }
}
