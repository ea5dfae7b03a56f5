import Foundation
import Testing
import ZipKit

/// ZipEntryStream: the pull-style reader XLSXKit feeds libxml2 from.
@Suite struct EntryStreamTests {
  let scratch = Scratch()
  let data = sampleText(150_000, seed: 7)

  func archive() throws -> ZipArchive {
    let path = scratch.path("stream.zip")
    try ZipWriter.write(
      [.init(name: "deflated.txt", data: data), .init(name: "stored.txt", data: data, method: .stored), .init(name: "empty", data: [])],
      to: path)
    return try ZipArchive(path: path)
  }

  /// Everything the stream gives, read `step` bytes at a time.
  func drain(_ stream: ZipEntryStream, step: Int) throws -> [UInt8] {
    var out: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: step)
    while true {
      let n = try buffer.withUnsafeMutableBytes { try stream.read(into: $0) }
      if n == 0 { break }
      #expect(n <= step)
      out += buffer[0..<n]
    }
    return out
  }

  @Test func readsWholeEntriesInAnyBufferSize() throws {
    let archive = try archive()
    for entry in archive.entries.prefix(2) {
      for step in [1_000, 4_000, 65_536, 300_000] {
        let stream = try ZipEntryStream(archive: archive, entry: entry, limit: 1 << 20)
        #expect(try drain(stream, step: step) == data)
        #expect(stream.isAtEnd && !stream.exceededLimit && stream.delivered == data.count)
        // Reads after the end stay at the end.
        #expect(try drain(stream, step: step).isEmpty)
      }
    }
    let empty = try ZipEntryStream(archive: archive, entry: archive.entries[2], limit: 10)
    #expect(try drain(empty, step: 100).isEmpty && !empty.exceededLimit)
  }

  @Test func theLimitIsNeverExceededAndIsReported() throws {
    let archive = try archive()
    let entry = archive.entries[0]
    let exact = try ZipEntryStream(archive: archive, entry: entry, limit: data.count)
    #expect(try drain(exact, step: 7_000) == data)
    #expect(!exact.exceededLimit, "an entry of exactly the limit is within it")
    for limit in [0, 1, 4_095, 100_000, data.count - 1] {
      let stream = try ZipEntryStream(archive: archive, entry: entry, limit: limit)
      #expect(try drain(stream, step: 4_096) == Array(data.prefix(limit)))
      #expect(stream.exceededLimit && stream.delivered == limit)
    }
  }

  @Test func damagedAndEncryptedEntriesThrow() throws {
    let text = sampleText(5_000, seed: 3)
    var badCRC = RawEntry("crc.xml", text)
    badCRC.crc = crc32(text) ^ 0x0101_0101
    var encrypted = RawEntry("secret.xml", text)
    encrypted.flags = 0x0001
    let path = scratch.write(ZipBytes([badCRC, encrypted, RawEntry("fine.xml", text)]).build(), "damaged.zip")
    let archive = try ZipArchive(path: path)
    let stream = try ZipEntryStream(archive: archive, entry: archive.entries[0], limit: 1 << 20)
    #expect(kind { try drain(stream, step: 1_000) } == .crcMismatch)
    #expect(stream.isAtEnd, "a failed stream stays at its end")
    #expect(kind { try ZipEntryStream(archive: archive, entry: archive.entries[1], limit: 100) } == .encrypted)
    #expect(try drain(ZipEntryStream(archive: archive, entry: archive.entries[2], limit: 1 << 20), step: 999) == text)
  }

  @Test func entriesOfAnotherArchiveAreRefused() throws {
    let archive = try archive()
    let otherPath = scratch.path("other.zip")
    try ZipWriter.write([.init(name: "something-else", data: [1])], to: otherPath)
    let other = try ZipArchive(path: otherPath)
    #expect(kind { try ZipEntryStream(archive: archive, entry: other.entries[0], limit: 10) } == .readFailed)
  }

  @Test func theStreamKeepsItsArchiveAlive() throws {
    var stream: ZipEntryStream?
    do {
      let archive = try archive()
      stream = try ZipEntryStream(archive: archive, entry: archive.entries[1], limit: 1 << 20)
    }
    #expect(try drain(#require(stream), step: 50_000) == data)
  }
}
