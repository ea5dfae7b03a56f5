import Foundation
import Testing
import ZipKit

@Suite struct WriterRoundTripTests {
  @Test func storedAndDeflatedEntriesRoundTrip() throws {
    let scratch = Scratch()
    let path = scratch.path("good.zip")
    let text = sampleText(20_000)
    let binary = (0..<5000).map { UInt8(truncatingIfNeeded: $0 &* 7919 >> 3) }
    try ZipWriter.write(
      [
        .init(name: "images/", data: []),
        .init(name: "images/wall/IMG_001.jpg", data: text, method: .deflate),
        .init(name: "images/wall/IMG_002.png", data: binary, method: .stored),
        .init(name: "catalog.csv", data: Array("sku;image\n1;IMG_001\n".utf8), method: .stored),
        .init(name: "empty.txt", data: [], method: .deflate),
      ], to: path)
    let archive = try ZipArchive(path: path)
    #expect(archive.consistencyProblem == nil)
    #expect(archive.entries.map(\.name) == ["images/", "images/wall/IMG_001.jpg", "images/wall/IMG_002.png", "catalog.csv", "empty.txt"])
    #expect(archive.entries.map(\.index) == [0, 1, 2, 3, 4])
    #expect(archive.fileSize == UInt64(try Data(contentsOf: URL(fileURLWithPath: path)).count))

    let dir = archive.entries[0]
    #expect(dir.isDirectory && !dir.isSymlink && dir.uncompressedSize == 0)
    let deflatedEntry = archive.entries[1]
    #expect(deflatedEntry.compressionMethod == 8)
    #expect(deflatedEntry.uncompressedSize == 20_000)
    #expect(deflatedEntry.compressedSize < 2_000)
    #expect(deflatedEntry.crc32 == crc32(text))
    #expect(!deflatedEntry.isDirectory && !deflatedEntry.isEncrypted && !deflatedEntry.isUTF8Flagged)
    #expect(try contents(archive, deflatedEntry) == text)
    let storedEntry = archive.entries[2]
    #expect(storedEntry.compressionMethod == 0)
    #expect(storedEntry.compressedSize == 5000)
    #expect(try contents(archive, storedEntry) == binary)
    #expect(try contents(archive, archive.entries[4]) == [])

    // Data ranges are disjoint, inside the file, before the central directory, and hold the stored bytes.
    let ranges = archive.entries.map(\.dataRange)
    #expect(ranges.allSatisfy { $0 != nil })
    #expect(CentralDirectory.overlaps(ranges, fileSize: archive.fileSize).isEmpty)
    #expect(ranges.allSatisfy { $0!.upperBound <= archive.centralDirectoryRange.lowerBound })
    let file = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
    let range = storedEntry.dataRange!
    #expect(Array(file[Int(range.lowerBound)..<Int(range.upperBound)]) == binary)

    // verify() checks CRC and size and hands back the tail.
    #expect(try archive.verify(deflatedEntry, limit: 1 << 20) == Array(text.suffix(64)))
    #expect(try archive.verify(storedEntry, limit: 5000) == Array(binary.suffix(64)))
    #expect(try archive.verify(archive.entries[3], limit: 100) == Array("sku;image\n1;IMG_001\n".utf8))
    #expect(try archive.verify(archive.entries[4], limit: 0) == [])
  }

  @Test func nonASCIINamesGetTheUTF8Flag() throws {
    let scratch = Scratch()
    let path = scratch.path("utf8.zip")
    try ZipWriter.write(
      [.init(name: "Обои/café ü.jpg", data: [1, 2, 3]), .init(name: "plain.jpg", data: [4]), .init(name: "日本/壁紙.png", data: [5])],
      to: path)
    let archive = try ZipArchive(path: path)
    #expect(archive.entries.map(\.name) == ["Обои/café ü.jpg", "plain.jpg", "日本/壁紙.png"])
    #expect(archive.entries.map(\.isUTF8Flagged) == [true, false, true])
    #expect(archive.entries[0].rawName == Array("Обои/café ü.jpg".utf8))
    #expect(archive.entries.allSatisfy { $0.unicodePathName == nil })
  }

  @Test func timestampsAndAttributesAreFixed() throws {
    let scratch = Scratch()
    let first = scratch.path("a.zip")
    let second = scratch.path("b.zip")
    let items: [ZipWriter.Item] = [.init(name: "d/", data: []), .init(name: "d/x.jpg", data: sampleText(300))]
    try ZipWriter.write(items, to: first)
    try ZipWriter.write(items, to: second)
    let a = [UInt8](try Data(contentsOf: URL(fileURLWithPath: first)))
    let b = [UInt8](try Data(contentsOf: URL(fileURLWithPath: second)))
    #expect(a == b, "same items, same bytes")
    // Local header of the first entry: time at +10, date at +12 (2024-01-01 00:00).
    #expect(a[10] == 0 && a[11] == 0)
    #expect(UInt16(a[12]) | UInt16(a[13]) << 8 == (2024 - 1980) << 9 | 1 << 5 | 1)
    let archive = try ZipArchive(path: first)
    #expect(archive.entries[0].externalAttributes >> 16 == 0o040755)
    #expect(archive.entries[1].externalAttributes >> 16 == 0o100644)
    #expect(archive.entries.allSatisfy { $0.versionMadeBy >> 8 == 3 && !$0.isSymlink })
  }

  @Test func writingIsAtomicAndReplacesOldFiles() throws {
    let scratch = Scratch()
    let path = scratch.write(Array("old contents".utf8), "out.zip")
    try ZipWriter.write([.init(name: "new.jpg", data: [1, 2, 3])], to: path)
    #expect(try ZipArchive(path: path).entries.map(\.name) == ["new.jpg"])
    #expect(scratch.files() == ["out.zip"])

    // A failing write leaves the old archive alone and no temporary file behind.
    #expect(kind { try ZipWriter.write([.init(name: "a.jpg", data: [1]), .init(name: "a.jpg", data: [2])], to: path) } == .writeFailed)
    #expect(kind { try ZipWriter.write([.init(name: "nul\u{0}.jpg", data: [1])], to: path) } == .writeFailed)
    #expect(scratch.files() == ["out.zip"])
    #expect(try ZipArchive(path: path).entries.map(\.name) == ["new.jpg"])
    #expect(kind { try ZipWriter.write([.init(name: "a.jpg", data: [1])], to: scratch.path("missing/dir/x.zip")) } == .writeFailed)
  }

  @Test func emptyArchive() throws {
    let scratch = Scratch()
    let path = scratch.path("empty.zip")
    try ZipWriter.write([], to: path)
    #expect(try Data(contentsOf: URL(fileURLWithPath: path)).count == 22)
    let archive = try ZipArchive(path: path)
    #expect(archive.entries.isEmpty)
    #expect(archive.consistencyProblem == nil)
    #expect(archive.fileSize == 22)
    #expect(try CentralDirectory.read(bytes: ZipBytes([]).build()).isEmpty)
  }

  @Test func fileItemsAreStoredAsTheyAreAndReportProgress() throws {
    let scratch = Scratch()
    let big = (0..<300_000).map { UInt8(truncatingIfNeeded: $0 &* 2_654_435_761 >> 13) }
    let small = sampleText(1_000)
    let bigPath = scratch.path("big.jpg")
    let smallPath = scratch.path("small.png")
    try Data(big).write(to: URL(fileURLWithPath: bigPath))
    try Data(small).write(to: URL(fileURLWithPath: smallPath))
    var fractions: [Double] = []
    let first = scratch.path("first.zip")
    try ZipWriter.write(
      [.init(name: "a/big.jpg", file: bigPath), .init(name: "small.png", file: smallPath)], to: first,
      progress: { fractions.append($0) })
    let archive = try ZipArchive(path: first)
    #expect(archive.consistencyProblem == nil)
    #expect(archive.entries.map(\.name) == ["a/big.jpg", "small.png"])
    #expect(archive.entries.allSatisfy { $0.compressionMethod == 0 })
    #expect(archive.entries[0].compressedSize == 300_000)
    #expect(try contents(archive, archive.entries[0]) == big)
    #expect(try contents(archive, archive.entries[1]) == small)
    #expect(!fractions.isEmpty && fractions.last == 1.0)
    #expect(fractions == fractions.sorted())

    // Fixed timestamps and attributes: the same files give the same bytes, whatever their mtimes.
    let touched = Date(timeIntervalSince1970: 1_000_000)
    try FileManager.default.setAttributes([.modificationDate: touched], ofItemAtPath: bigPath)
    let second = scratch.path("second.zip")
    try ZipWriter.write([.init(name: "a/big.jpg", file: bigPath), .init(name: "small.png", file: smallPath)], to: second)
    #expect(try Data(contentsOf: URL(fileURLWithPath: first)) == Data(contentsOf: URL(fileURLWithPath: second)))
  }

  @Test func aMissingFileFailsWithoutLeavingAnArchive() throws {
    let scratch = Scratch()
    let target = scratch.path("out.zip")
    #expect(throws: ZipError.self) {
      try ZipWriter.write([.init(name: "gone.jpg", file: scratch.path("gone.jpg"))], to: target)
    }
    #expect(!FileManager.default.fileExists(atPath: target))
    let leftovers = try FileManager.default.contentsOfDirectory(atPath: URL(fileURLWithPath: target).deletingLastPathComponent().path)
    #expect(leftovers.isEmpty)
  }

  @Test func parallelOpensOfOneArchive() async throws {
    let scratch = Scratch()
    let path = scratch.path("shared.zip")
    let texts = (0..<20).map { sampleText(3000 + $0, seed: UInt8($0)) }
    let items = texts.enumerated().map { ZipWriter.Item(name: "img_\($0.offset).jpg", data: $0.element) }
    try ZipWriter.write(items, to: path)
    let expected = texts.map(crc32)
    let results = await withTaskGroup(of: [UInt32]?.self) { group in
      for _ in 0..<8 {
        group.addTask {
          // One ZipArchive per task: libzip handles are not shared.
          guard let archive = try? ZipArchive(path: path) else { return nil }
          return archive.entries.map { entry in
            (try? contents(archive, entry)).map(crc32) ?? 0
          }
        }
      }
      var all: [[UInt32]?] = []
      for await result in group { all.append(result) }
      return all
    }
    #expect(results.count == 8)
    #expect(results.allSatisfy { $0 == expected })
  }
}
