import Foundation

/// When and how long to wait before trying a request again: exponential backoff with full
/// jitter (a random wait between 0 and base·2ⁿ, capped), or the server's `Retry-After`.
///
/// `sleep` and `random` are injectable so tests can record the waits instead of sitting them out.
public struct RetryPolicy: Sendable {
  /// Attempts in all, the first one included.
  public var maxAttempts: Int
  public var baseDelay: TimeInterval
  public var maxDelay: TimeInterval
  /// A `Retry-After` longer than this is not waited for: the error is reported instead.
  public var maxRetryAfter: TimeInterval
  public var sleep: @Sendable (TimeInterval) -> Void
  public var random: @Sendable (ClosedRange<Double>) -> Double

  public init(
    maxAttempts: Int = 4, baseDelay: TimeInterval = 0.5, maxDelay: TimeInterval = 8, maxRetryAfter: TimeInterval = 60,
    sleep: @escaping @Sendable (TimeInterval) -> Void = { Thread.sleep(forTimeInterval: $0) },
    random: @escaping @Sendable (ClosedRange<Double>) -> Double = { Double.random(in: $0) }
  ) {
    self.maxAttempts = max(1, maxAttempts)
    self.baseDelay = max(0, baseDelay)
    self.maxDelay = max(0, maxDelay)
    self.maxRetryAfter = maxRetryAfter
    self.sleep = sleep
    self.random = random
  }

  /// No retries at all.
  public static var none: RetryPolicy { RetryPolicy(maxAttempts: 1) }

  /// The wait before attempt `attempt + 1` (after `attempt` failures), or nil to give up.
  func delay(afterAttempt attempt: Int, retryAfter: TimeInterval?) -> TimeInterval? {
    guard attempt < maxAttempts else { return nil }
    if let retryAfter {
      return retryAfter <= maxRetryAfter ? max(0, retryAfter) : nil
    }
    let ceiling = min(maxDelay, baseDelay * pow(2, Double(attempt - 1)))
    return ceiling > 0 ? random(0...ceiling) : 0
  }

  /// `Retry-After` in seconds; an HTTP date is read too. Nil when absent or unreadable.
  static func retryAfter(_ header: String?, now: Date = Date()) -> TimeInterval? {
    guard let header = header?.trimmingSpaces(), !header.isEmpty else { return nil }
    if let seconds = Double(header), seconds.isFinite, seconds >= 0 { return seconds }
    let formatter = DateFormatter()
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.timeZone = TimeZone(identifier: "GMT")
    formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
    guard let date = formatter.date(from: header) else { return nil }
    return max(0, date.timeIntervalSince(now))
  }
}
