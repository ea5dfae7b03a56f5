import Foundation
import Testing
import ZipKit

/// Random byte mutations of small valid archives: every call returns or throws a ZipError, never
/// crashes or hangs. Seeded, so a failure replays.
@Suite struct MutationFuzzTests {
  static func seedArchive(_ scratch: Scratch) throws -> [UInt8] {
    let path = scratch.path("seed.zip")
    try ZipWriter.write(
      [
        .init(name: "images/", data: []),
        .init(name: "images/a.jpg", data: sampleText(900), method: .deflate),
        .init(name: "images/b.png", data: sampleText(300, seed: 3), method: .stored),
        .init(name: "Обои.jpg", data: sampleText(120, seed: 5), method: .deflate),
      ], to: path)
    return [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
  }

  /// True when ZipArchive opened the bytes.
  @discardableResult
  static func exercise(_ bytes: [UInt8], path: String) -> Bool {
    _ = try? CentralDirectory.read(bytes: bytes)
    try! Data(bytes).write(to: URL(fileURLWithPath: path))
    do {
      let archive = try ZipArchive(path: path)
      _ = CentralDirectory.overlaps(archive.entries.map(\.dataRange), fileSize: archive.fileSize)
      for entry in archive.entries {
        var seen = 0
        do {
          let delivered = try archive.read(entry, limit: 4096) { chunk in
            seen += chunk.count
            return true
          }
          #expect(delivered == seen && delivered <= 4096)
        } catch {}
        _ = try? archive.verify(entry, limit: 1 << 20)
      }
      return true
    } catch {
      #expect(!error.message.isEmpty)
      return false
    }
  }

  @Test(arguments: [1, 2, 3])
  func mutatedArchives(seed: UInt64) throws {
    let scratch = Scratch()
    let original = try Self.seedArchive(scratch)
    let path = scratch.path("mutant.zip")
    var generator = SplitMix64(seed: seed)
    var opened = 0
    let rounds = Int(ProcessInfo.processInfo.environment["ZIPKIT_FUZZ_ROUNDS"] ?? "") ?? 120
    for _ in 0..<rounds {
      var bytes = original
      let edits = Int.random(in: 1...6, using: &generator)
      for _ in 0..<edits {
        // Half the edits land in the central directory and end record, where the structure is.
        let tail = min(bytes.count, 260)
        let position = Bool.random(using: &generator)
          ? bytes.count - 1 - Int.random(in: 0..<tail, using: &generator)
          : Int.random(in: 0..<bytes.count, using: &generator)
        switch Int.random(in: 0..<4, using: &generator) {
        case 0: bytes[position] = UInt8.random(in: 0...255, using: &generator)
        case 1: bytes[position] ^= 1 << UInt8.random(in: 0..<8, using: &generator)
        case 2: bytes[position] = [0x00, 0xFF, 0x7F, 0x80][Int.random(in: 0..<4, using: &generator)]
        default: bytes[position] = bytes[position] &+ 1
        }
      }
      if Int.random(in: 0..<10, using: &generator) == 0 {
        bytes.removeLast(Int.random(in: 1...40, using: &generator))
      }
      if Self.exercise(bytes, path: path) { opened += 1 }
    }
    // Both paths are exercised: some mutants still open, some are refused.
    #expect(opened > 0 && opened < rounds)
  }

  @Test func randomBytesWithAnEndRecord() throws {
    // Garbage followed by a plausible-looking end record pointing into it.
    let scratch = Scratch()
    let path = scratch.path("garbage.zip")
    var generator = SplitMix64(seed: 99)
    for _ in 0..<60 {
      var bytes = (0..<Int.random(in: 0...600, using: &generator)).map { _ in UInt8.random(in: 0...255, using: &generator) }
      if Bool.random(using: &generator), bytes.count > 50 {
        let at = Int.random(in: 0..<(bytes.count - 46), using: &generator)
        bytes.replaceSubrange(at..<at + 4, with: [0x50, 0x4B, 0x01, 0x02])
      }
      var end: [UInt8] = [0x50, 0x4B, 0x05, 0x06, 0, 0, 0, 0]
      let count = UInt16.random(in: 0...3, using: &generator)
      end.le16(count)
      end.le16(count)
      end.le32(UInt32.random(in: 0...UInt32(bytes.count), using: &generator))
      end.le32(UInt32.random(in: 0...UInt32(bytes.count), using: &generator))
      end.le16(0)
      Self.exercise(bytes + end, path: path)
    }
  }
}
