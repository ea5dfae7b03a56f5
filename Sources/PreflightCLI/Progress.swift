import Foundation
import Synchronization

/// A one-line progress display on stderr, redrawn at most ten times a second.
///
/// `@unchecked Sendable`: the check calls it from the one thread that runs the stage; the
/// mutex only guards the throttle state should that ever change.
final class ProgressLine: @unchecked Sendable {
  private let sink: TextSink
  private let label: String
  private let state = Mutex<(lastDraw: UInt64, drawn: Bool)>((0, false))

  init(sink: TextSink, label: String) {
    self.sink = sink
    self.label = label
  }

  func update(done: Int, total: Int) {
    let now = DispatchTime.now().uptimeNanoseconds
    let draw = state.withLock { state -> Bool in
      guard now - state.lastDraw >= 100_000_000 else { return false }
      state.lastDraw = now
      state.drawn = true
      return true
    }
    guard draw, total > 0 else { return }
    let percent = min(100, done * 100 / total)
    let width = 30
    let filled = width * percent / 100
    let bar = String(repeating: "█", count: filled) + String(repeating: "·", count: width - filled)
    sink.write("\r\(label) \(bar) \(percent)%  \(done >> 20)/\(total >> 20) MiB\u{1B}[K")
  }

  func finish() {
    if state.withLock({ $0.drawn }) { sink.write("\r\u{1B}[K") }
  }
}
