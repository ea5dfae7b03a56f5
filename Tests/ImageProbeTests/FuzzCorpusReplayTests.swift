import Foundation
import ImageProbe
import Testing

/// Replays the libFuzzer corpora Fuzz/corpus/fuzz-jpeg and fuzz-png (see `make fuzz` and
/// Fuzz/FuzzImageProbe.swift) in the normal test run, with the invariants the fuzzer checks.
/// seed-* files are the valid images from Fuzz/make-seeds.py; the rest are fuzzer finds.
@Suite("Fuzz corpus replay")
struct FuzzCorpusReplayTests {
  struct Input {
    var name: String
    var bytes: [UInt8]
    var isSeed: Bool { name.hasPrefix("seed-") }
  }

  static let corpusRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Fuzz/corpus")

  static func inputs(_ target: String) throws -> [Input] {
    let folder = corpusRoot.appendingPathComponent(target)
    let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { !$0.hasPrefix(".") }.sorted()
    return try names.map { Input(name: $0, bytes: [UInt8](try Data(contentsOf: folder.appendingPathComponent($0)))) }
  }

  @Test(arguments: [("fuzz-jpeg", ImageFormat.jpeg), ("fuzz-png", ImageFormat.png)])
  func corpusKeepsTheProbeInvariants(target: String, format expected: ImageFormat) throws {
    let inputs = try Self.inputs(target)
    try #require(inputs.count >= 50, "\(target): only \(inputs.count) inputs; run python3 Fuzz/make-seeds.py")
    #expect(inputs.filter(\.isSeed).count >= 10, "\(target): the seed files are missing")

    var sawImage = false
    var sawInvalid = false
    for input in inputs {
      let bytes = input.bytes
      let complete = ImageProbe.probe(bytes, isComplete: true)
      #expect(complete != .needMore, "\(input.name): a complete file asked for more bytes")

      // Given the whole file (or a prefix), isComplete: false waits for more or already has the answer.
      for cut in [bytes.count, bytes.count / 2] {
        let partial = ImageProbe.probe(Array(bytes.prefix(cut)), isComplete: false)
        #expect(
          partial == .needMore || partial == complete,
          "\(input.name): first \(cut) bytes give \(partial), the whole file \(complete)")
      }

      let format = ImageProbe.format(of: bytes)
      switch complete {
      case .image(let info):
        sawImage = true
        #expect(info.format == format, "\(input.name)")
        #expect(info.width > 0 && info.height > 0, "\(input.name)")
      case .notAnImage(let other):
        #expect(other == format, "\(input.name)")
      case .invalid(let reason):
        sawInvalid = true
        #expect(!reason.isEmpty, "\(input.name)")
      case .needMore:
        break
      }

      let tail = Array(bytes.suffix(64))
      let jpegEnd = ImageProbe.hasEndMarker(.jpeg, tail: tail)
      let pngEnd = ImageProbe.hasEndMarker(.png, tail: tail)
      #expect(!(jpegEnd && pngEnd), "\(input.name): ends both as a JPEG and as a PNG")
      #expect(!ImageProbe.hasEndMarker(.gif, tail: tail), "\(input.name)")

      // The seeds are whole, valid files of the target's format.
      if input.isSeed {
        guard case .image(let info) = complete else {
          Issue.record("\(input.name): seed probes as \(complete)")
          continue
        }
        #expect(info.format == expected, "\(input.name)")
        #expect(ImageProbe.hasEndMarker(expected, tail: tail), "\(input.name): seed has no end marker")
      }
    }
    #expect(sawImage && sawInvalid, "\(target): the corpus should reach both .image and .invalid")
  }
}
