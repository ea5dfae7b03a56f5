import Foundation
import Testing
import ZipKit

/// Replays the libFuzzer corpus Fuzz/corpus/fuzz-zip-directory (see `make fuzz` and
/// Fuzz/FuzzZipDirectory.swift) through the central-directory walker in the normal test run.
/// seed-* files are the valid archives from Fuzz/make-seeds.py; the rest are fuzzer finds.
@Suite struct FuzzCorpusReplayTests {
  static let corpus = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Fuzz/corpus/fuzz-zip-directory")

  /// Entries in each seed archive.
  static let seedEntries: [String: Int] = [
    "seed-empty.zip": 0, "seed-empty-with-comment.zip": 0, "seed-one-stored.zip": 1, "seed-dirs-and-deflate.zip": 4,
    "seed-utf8-names.zip": 2, "seed-unicode-path-extra.zip": 1, "seed-empty-file-entry.zip": 2,
    "seed-prefixed-stub.zip": 1, "seed-zip64.zip": 1,
  ]

  /// Local header + name + compressed data, as the fuzz target computes it (nil on overflow).
  static func ranges(_ records: [CentralDirectory.Record]) -> [Range<UInt64>?] {
    records.map { record in
      let (dataStart, o1) = record.localHeaderOffset.addingReportingOverflow(UInt64(30 + record.rawName.count))
      let (end, o2) = dataStart.addingReportingOverflow(record.compressedSize)
      return o1 || o2 ? nil : record.localHeaderOffset..<end
    }
  }

  @Test func corpusReplaysThroughTheWalker() throws {
    let names = try FileManager.default.contentsOfDirectory(atPath: Self.corpus.path)
      .filter { !$0.hasPrefix(".") }.sorted()
    try #require(names.count >= 30, "only \(names.count) inputs in \(Self.corpus.path); run python3 Fuzz/make-seeds.py")
    #expect(Set(Self.seedEntries.keys).isSubset(of: names), "seed archives are missing")

    var accepted = 0
    var rejected = 0
    for name in names {
      let bytes = [UInt8](try Data(contentsOf: Self.corpus.appendingPathComponent(name)))
      let records: [CentralDirectory.Record]
      do throws(ZipError) {
        records = try CentralDirectory.read(bytes: bytes)
      } catch {
        rejected += 1
        #expect(!error.message.isEmpty, "\(name): \(error.kind) without a message")
        #expect(Self.seedEntries[name] == nil, "\(name): seed rejected: \(error.message)")
        continue
      }
      accepted += 1
      #expect(records.count <= CentralDirectory.maxEntries, "\(name)")
      #expect((try? CentralDirectory.read(bytes: bytes)) == records, "\(name): a second read differs")

      let ranges = Self.ranges(records)
      let pairs = CentralDirectory.overlaps(ranges, fileSize: UInt64(bytes.count))
      for (a, b) in pairs {
        #expect(a <= b && ranges.indices.contains(a) && ranges.indices.contains(b), "\(name): bad pair (\(a), \(b))")
      }
      if let expected = Self.seedEntries[name] {
        #expect(records.count == expected, "\(name)")
        #expect(pairs.isEmpty, "\(name): a valid archive has overlapping entries \(pairs)")
      }
    }
    #expect(accepted > 0 && rejected > 0, "accepted \(accepted), rejected \(rejected): the corpus should reach both")
  }

  @Test func zip64AndUnicodePathSeedsAreResolved() throws {
    let zip64 = try CentralDirectory.read(bytes: [UInt8](Data(contentsOf: Self.corpus.appendingPathComponent("seed-zip64.zip"))))
    try #require(zip64.count == 1)
    #expect(zip64[0].rawName == Array("a.txt".utf8))
    #expect(zip64[0].uncompressedSize == 12 && zip64[0].compressedSize == 12 && zip64[0].localHeaderOffset == 0)

    let unicode = try CentralDirectory.read(
      bytes: [UInt8](Data(contentsOf: Self.corpus.appendingPathComponent("seed-unicode-path-extra.zip"))))
    try #require(unicode.count == 1)
    #expect(unicode[0].rawName == Array("rose?.jpg".utf8))
    #expect(unicode[0].unicodePathName == Array("rosé.jpg".utf8))
  }
}
