import Foundation
import Testing
import ZipKit

@Suite struct ReadingTests {
  struct Stop: Error {}

  let scratch = Scratch()
  let data = sampleText(200_000)

  func archive() throws -> ZipArchive {
    let path = scratch.path("read.zip")
    try ZipWriter.write([.init(name: "big.txt", data: data), .init(name: "small.txt", data: [1, 2, 3], method: .stored)], to: path)
    return try ZipArchive(path: path)
  }

  @Test func chunksAreAtMost64KiBAndTheLimitIsNeverExceeded() throws {
    let archive = try archive()
    let entry = archive.entries[0]
    var sizes: [Int] = []
    var bytes: [UInt8] = []
    let total = try archive.read(entry, limit: 100_000) { chunk in
      sizes.append(chunk.count)
      bytes.append(contentsOf: chunk)
      return true
    }
    #expect(total == 100_000)
    #expect(sizes.allSatisfy { $0 <= 65_536 })
    #expect(bytes == Array(data.prefix(100_000)))
    for limit in [0, 1, 10, 65_535, 65_536, 65_537] {
      var seen = 0
      let delivered = try archive.read(entry, limit: limit) { chunk in
        seen += chunk.count
        return true
      }
      #expect(delivered == limit && seen == limit)
    }
    // Past the end: everything, no more.
    #expect(try archive.read(entry, limit: Int.max) { _ in true } == data.count)
  }

  @Test func bodyCanStopTheRead() throws {
    let archive = try archive()
    var calls = 0
    let delivered = try archive.read(archive.entries[0], limit: 1 << 20) { _ in
      calls += 1
      return false
    }
    #expect(calls == 1 && delivered == ZipArchive.firstChunkSize, "a stopped read delivers only the small first chunk")
  }

  @Test func errorsFromTheBodyEndTheRead() throws {
    let archive = try archive()
    let entry = archive.entries[0]
    let wrapped = failure { try archive.read(entry, limit: 1 << 20) { _ in throw Stop() } }
    #expect(wrapped?.kind == .readFailed)
    let passed = failure { try archive.read(entry, limit: 1 << 20) { _ in throw ZipError(kind: .sizeMismatch, message: "mine") } }
    #expect(passed?.kind == .sizeMismatch && passed?.message == "mine")
    // The archive stays usable afterwards.
    #expect(try contents(archive, archive.entries[1]) == [1, 2, 3])
  }

  @Test func entriesOfAnotherArchiveAreRefused() throws {
    let archive = try archive()
    let otherPath = scratch.path("other.zip")
    try ZipWriter.write([.init(name: "elsewhere.txt", data: [9])], to: otherPath)
    let foreign = try ZipArchive(path: otherPath).entries[0]
    #expect(kind { try archive.read(foreign, limit: 10) { _ in true } } == .readFailed)
    var moved = archive.entries[1]
    moved.index = 7
    #expect(kind { try archive.read(moved, limit: 10) { _ in true } } == .readFailed)
  }

  @Test func verifyRespectsItsLimit() throws {
    let archive = try archive()
    let error = failure { try archive.verify(archive.entries[0], limit: 1000) }
    #expect(error?.kind == .readFailed)
    #expect(error?.message.contains("not verified") == true)
    #expect(try archive.verify(archive.entries[0], limit: UInt64(data.count)) == Array(data.suffix(64)))
    #expect(try archive.verify(archive.entries[1], limit: .max) == [1, 2, 3])
  }

  @Test func openFailures() throws {
    #expect(kind { try ZipArchive(path: scratch.path("does-not-exist.zip")) } == .notFound)
    #expect(kind { try ZipArchive(path: scratch.url.path) } == .unreadable)
    #expect(kind { try CentralDirectory.read(path: scratch.path("nope.zip")) } == .notFound)
    #expect(kind { try ZipArchive(path: scratch.write([], "zero.zip")) } == .notAZip)
  }

  @Test func libzipVersionIsKnown() {
    #expect(Libzip.version != "unknown")
  }
}
