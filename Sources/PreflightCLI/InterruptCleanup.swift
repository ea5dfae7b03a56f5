import Foundation
import Synchronization

#if canImport(Glibc)
  import Glibc
#endif

/// Temporary files and folders to remove when the process is interrupted (Ctrl-C, SIGTERM,
/// SIGHUP): the upload's request body is a full copy of the catalogue and the archive (up to
/// 2 GB) and must not be left behind in $TMPDIR, nor half a log beside its target.
///
/// Signals are handled only in the real process (`enable()` from `main`), and only once
/// something is registered: tests run commands in-process, and `hook` spawns git, which would
/// inherit an ignored SIGINT.
enum InterruptCleanup {
  private static let state = Mutex<(enabled: Bool, installed: Bool, paths: Set<String>)>((false, false, []))
  /// Kept alive for the life of the process; written once, by the one `register` call that
  /// installs the handlers (the `installed` flag decides which, under the lock).
  nonisolated(unsafe) private static var sources: [DispatchSourceSignal] = []
  static let signals = [SIGINT, SIGTERM, SIGHUP]

  /// Lets `register` install the signal handlers.
  static func enable() { state.withLock { $0.enabled = true } }

  static func register(_ path: String) {
    let install = state.withLock { state -> Bool in
      state.paths.insert(path)
      guard state.enabled, !state.installed else { return false }
      state.installed = true
      return true
    }
    if install { installHandlers() }
  }

  static func unregister(_ path: String) {
    state.withLock { _ = $0.paths.remove(path) }
  }

  /// The paths registered now, for tests.
  static var registered: Set<String> { state.withLock { $0.paths } }

  /// Called on the main thread (commands run there). The signals are unblocked on it too: a
  /// process started with them blocked (as a test runner's thread starts it) would otherwise
  /// never see them, and never die of them either.
  private static func installHandlers() {
    var unblocked = sigset_t()
    sigemptyset(&unblocked)
    for number in signals { sigaddset(&unblocked, number) }
    pthread_sigmask(SIG_UNBLOCK, &unblocked, nil)
    for number in signals {
      // Ignored as a plain signal so that only the dispatch source sees it.
      signal(number, SIG_IGN)
      let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
      source.setEventHandler {
        for path in registered { try? FileManager.default.removeItem(atPath: path) }
        // Die of the signal, as the shell expects (a script stops on Ctrl-C); `kill` rather
        // than `raise`: dispatch's threads block the signal.
        signal(number, SIG_DFL)
        kill(getpid(), number)
      }
      source.resume()
      sources.append(source)
    }
  }
}
