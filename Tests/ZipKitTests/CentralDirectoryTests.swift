import Foundation
import Testing
import ZipKit

@Suite struct CentralDirectoryTests {
  @Test func recordsCarryEveryField() throws {
    var entry = RawEntry("dir/file.jpg", [1, 2, 3, 4])
    entry.flags = 0x0808
    entry.externalAttributes = 0xDEAD_BEEF
    entry.versionMadeBy = 0x0A3F
    let bytes = ZipBytes([RawEntry("first", [9]), entry]).build()
    let records = try CentralDirectory.read(bytes: bytes)
    #expect(records.count == 2)
    let r = records[1]
    #expect(r.rawName == Array("dir/file.jpg".utf8))
    #expect(r.flags == 0x0808 && r.method == 0 && r.crc32 == crc32([1, 2, 3, 4]))
    #expect(r.compressedSize == 4 && r.uncompressedSize == 4)
    #expect(r.localHeaderOffset == 30 + 5 + 1)
    #expect(r.externalAttributes == 0xDEAD_BEEF && r.versionMadeBy == 0x0A3F)
    #expect(r.unicodePathName == nil)

    let scratch = Scratch()
    let (fromFile, size) = try CentralDirectory.read(path: scratch.write(bytes, "r.zip"))
    #expect(fromFile == records && size == UInt64(bytes.count))
  }

  @Test func overlapsTolerateTwoBytesAndIgnoreGaps() {
    #expect(CentralDirectory.overlaps([0..<10, 10..<20, 30..<40], fileSize: 100).isEmpty)
    #expect(CentralDirectory.overlaps([0..<10, 8..<20], fileSize: 100).isEmpty)
    #expect(CentralDirectory.overlaps([0..<10, 7..<20].reversed(), fileSize: 100).map { [$0.0, $0.1] } == [[0, 1]])
    #expect(CentralDirectory.overlaps([0..<10, nil, 5..<20], fileSize: 100).map { [$0.0, $0.1] } == [[0, 2]])
    #expect(CentralDirectory.overlaps([nil, nil], fileSize: 0).isEmpty)
    #expect(CentralDirectory.overlaps([], fileSize: 0).isEmpty)
    // Empty ranges overlap nothing.
    #expect(CentralDirectory.overlaps([0..<10, 5..<5, 10..<10], fileSize: 100).isEmpty)
  }

  @Test func overlapsFindNestedAndSharedRanges() {
    let nested = CentralDirectory.overlaps([0..<100, 10..<20, 30..<40, 200..<300], fileSize: 1000)
    #expect(nested.map { [$0.0, $0.1] } == [[0, 1], [0, 2]])
    // A long range found after a short one with the same start.
    let sameStart = CentralDirectory.overlaps([50..<60, 50..<500], fileSize: 1000)
    #expect(sameStart.map { [$0.0, $0.1] } == [[0, 1]])
    // Full overlap: 10 000 entries sharing one range give one pair each, in linear time.
    let shared = CentralDirectory.overlaps(Array(repeating: 100..<5000, count: 10_000), fileSize: 10_000)
    #expect(shared.count == 9_999)
    #expect(Set(shared.map(\.1)).count == 9_999)
  }

  @Test func rangesPastTheEndArePairedWithThemselves() {
    let pairs = CentralDirectory.overlaps([0..<10, 20..<200, 300..<UInt64.max], fileSize: 100)
    #expect(pairs.map { [$0.0, $0.1] } == [[1, 1], [2, 2]])
  }

  @Test func overlapsScaleToManyEntries() {
    var generator = SplitMix64(seed: 7)
    var ranges: [Range<UInt64>?] = (0..<100_000).map { UInt64($0) * 100..<UInt64($0) * 100 + 90 }
    ranges.shuffle(using: &generator)
    #expect(CentralDirectory.overlaps(ranges, fileSize: 10_000_000).isEmpty)
  }

  @Test func zeroCRCHelperMatchesTheBitwiseOne() {
    for n in [0, 1, 2, 7, 100, 1000, 4099] {
      #expect(crc32OfZeros(UInt64(n)) == crc32([UInt8](repeating: 0, count: n)), "n = \(n)")
    }
    #expect(crc32(Array("123456789".utf8)) == 0xCBF4_3926)
  }

  @Test func handMadeDeflateInflatesThroughLibzip() throws {
    let scratch = Scratch()
    for n in [1, 257, 258, 259, 1000, 70_000] {
      var entry = RawEntry("z", deflatedZeros(n))
      entry.method = 8
      entry.content = [UInt8](repeating: 0, count: n)
      let archive = try ZipArchive(path: scratch.write(ZipBytes([entry]).build(), "z\(n).zip"))
      #expect(try contents(archive, archive.entries[0]) == [UInt8](repeating: 0, count: n))
      _ = try archive.verify(archive.entries[0], limit: UInt64(n))
    }
  }
}
