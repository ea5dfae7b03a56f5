import Foundation
import Synchronization

/// A one-line progress display on stderr, redrawn at most ten times a second (and at once when
/// the label changes, so a short phase is still seen).
///
/// `@unchecked Sendable`: image probes call it from several threads; every write to the
/// (non-Sendable) sink happens inside the mutex.
final class ProgressLine: @unchecked Sendable {
  private let sink: TextSink
  private let clock: @Sendable () -> UInt64
  private let state = Mutex<(lastDraw: UInt64, drawn: Bool, label: String)>((0, false, ""))

  /// - Parameter clock: nanoseconds, for tests; the uptime clock otherwise.
  init(sink: TextSink, clock: @escaping @Sendable () -> UInt64 = { DispatchTime.now().uptimeNanoseconds }) {
    self.sink = sink
    self.clock = clock
  }

  /// `done` and `total` are bytes for the catalogue, images for the image stages.
  func update(_ label: String, done: Int, total: Int) {
    guard total > 0 else { return }
    state.withLock { state in
      // Read under the lock, and compared without subtracting: a reading taken by one thread
      // before another drew would be older than `lastDraw`, and `now - lastDraw` would trap.
      let now = clock()
      guard now >= state.lastDraw + 100_000_000 || label != state.label else { return }
      state.lastDraw = now
      state.label = label
      state.drawn = true
      let percent = min(100, done * 100 / total)
      let width = 30
      let filled = width * percent / 100
      let bar = String(repeating: "█", count: filled) + String(repeating: "·", count: width - filled)
      let amount = ["validating_csv", "packing", "preparing", "uploading", "fixing"].contains(label) ? "\(done >> 20)/\(total >> 20) MiB" : "\(done)/\(total) images"
      sink.write("\r\(label) \(bar) \(percent)%  \(amount)\u{1B}[K")
      sink.flush()
    }
  }

  func finish() {
    state.withLock { state in
      if state.drawn {
        sink.write("\r\u{1B}[K")
        sink.flush()
      }
    }
  }
}
