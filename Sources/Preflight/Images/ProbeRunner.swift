import Foundation
import Dispatch
import ImageProbe
import Synchronization
import ZipKit

/// What the header of one entry says.
enum ProbeOutcome: Sendable {
  case image(ImageInfo)
  case notAnImage(ImageFormat)
  /// Broken or truncated header, or the entry could not be read; the reason in plain words.
  case unreadable(String)
}

/// What reading one entry whole (--deep) found.
struct DeepOutcome: Sendable {
  /// Checksum or size disagreement (entry-crc-mismatch).
  var damage: String?
  /// The data ends without the format's end marker.
  var missingEndMarker = false
  /// The entry could not be read to the end.
  var readError: String?
}

/// Reads entries in parallel: one reader (one libzip handle) per worker, entries handed out one
/// at a time, results stored by position so the outcome never depends on the number of jobs.
struct ProbeRunner {
  let source: ImageSource
  let jobs: Int

  func probe(_ entries: [SourceEntry], progress: (@Sendable (Int, Int) -> Void)?) -> [ProbeOutcome] {
    run(entries, progress: progress) { reader, entry in Self.probe(entry, with: reader) }
  }

  func verify(_ entries: [(SourceEntry, ImageFormat?)], progress: (@Sendable (Int, Int) -> Void)?) -> [DeepOutcome] {
    run(entries, progress: progress) { reader, item in Self.verify(item.0, format: item.1, with: reader) }
  }

  private func run<Item: Sendable, Outcome: Sendable>(
    _ items: [Item], progress: (@Sendable (Int, Int) -> Void)?, _ work: @Sendable (EntryReader?, Item) -> Outcome
  ) -> [Outcome] {
    guard !items.isEmpty else { return [] }
    let next = Mutex(0)
    let results = Mutex([Outcome?](repeating: nil, count: items.count))
    let workers = max(1, min(jobs, items.count))
    let source = self.source
    DispatchQueue.concurrentPerform(iterations: workers) { _ in
      let reader = try? source.makeReader()
      while true {
        let index = next.withLock { value -> Int in
          defer { value += 1 }
          return value
        }
        guard index < items.count else { return }
        let outcome = work(reader, items[index])
        let done = results.withLock { results -> Int in
          results[index] = outcome
          return index + 1
        }
        progress?(done, items.count)
      }
    }
    return results.withLock { $0.map { $0! } }
  }

  /// Reads the header through the byte budget, probing after each chunk until it is decided.
  static func probe(_ entry: SourceEntry, with reader: EntryReader?) -> ProbeOutcome {
    guard let reader else { return .unreadable("the archive could not be opened for reading") }
    var bytes: [UInt8] = []
    var result = ProbeResult.needMore
    let budget = ImageProbe.headerBudget
    // Re-parse only when the prefix has doubled: a header spread over 4 MiB costs a few parses, not 64.
    var nextProbe = 0
    do {
      let delivered = try reader.read(entry, limit: budget) { chunk in
        bytes.append(contentsOf: chunk)
        guard bytes.count >= nextProbe else { return true }
        nextProbe = bytes.count * 2
        result = ImageProbe.probe(bytes, isComplete: false)
        return result == .needMore
      }
      if result == .needMore {
        if delivered >= budget {
          return .unreadable("no image header within the first \(budget >> 20) MiB")
        }
        result = ImageProbe.probe(bytes, isComplete: true)
      }
    } catch {
      return .unreadable(Self.describe(error))
    }
    switch result {
    case .image(let info): return .image(info)
    case .notAnImage(let format): return .notAnImage(format)
    case .invalid(let reason): return .unreadable(reason)
    case .needMore: return .unreadable("the file ends inside its header (truncated)")
    }
  }

  /// A read error in plain words (Foundation's permission errors included).
  static func describe(_ error: any Error) -> String {
    if let error = error as? CocoaError, error.code == .fileReadNoPermission { return "permission denied" }
    if let error = error as? ZipError { return error.message }
    return error.localizedDescription
  }

  /// Reads the whole entry: checksum and size (ZIP), then the format's end marker.
  static func verify(_ entry: SourceEntry, format: ImageFormat?, with reader: EntryReader?) -> DeepOutcome {
    guard let reader else { return DeepOutcome(readError: "the archive could not be opened for reading") }
    var outcome = DeepOutcome()
    do {
      let tail = try reader.verify(entry, limit: max(entry.size, 1) &+ 1)
      if let format, format == .jpeg || format == .png, !ImageProbe.hasEndMarker(format, tail: tail) {
        outcome.missingEndMarker = true
      }
    } catch let error as ZipError {
      switch error.kind {
      case .crcMismatch, .sizeMismatch: outcome.damage = error.message
      default: outcome.readError = error.message
      }
    } catch {
      outcome.readError = describe(error)
    }
    return outcome
  }
}
