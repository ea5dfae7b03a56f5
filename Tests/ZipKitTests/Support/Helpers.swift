import Foundation
import Testing
import ZipKit

/// Every decompressed byte of an entry (tests only: small entries).
func contents(_ archive: ZipArchive, _ entry: ZipEntry, limit: Int = 1 << 24) throws(ZipError) -> [UInt8] {
  var bytes: [UInt8] = []
  try archive.read(entry, limit: limit) { chunk in
    bytes.append(contentsOf: chunk)
    return true
  }
  return bytes
}

/// The kind of error `body` throws, or nil when it returns.
func kind<T>(_ body: () throws -> T) -> ZipError.Kind? {
  failure(body)?.kind
}

/// The error `body` throws, or nil when it returns.
/// Anything but a ZipError is a test failure (ZipKit's API throws only ZipError).
func failure<T>(_ body: () throws -> T) -> ZipError? {
  do {
    _ = try body()
    return nil
  } catch let error as ZipError {
    return error
  } catch {
    Issue.record("unexpected error type: \(error)")
    return nil
  }
}

/// Text that is easy to recognise and compresses well.
func sampleText(_ count: Int, seed: UInt8 = 0) -> [UInt8] {
  let line = Array("the quick brown fox \(seed) jumps over the lazy dog\n".utf8)
  return (0..<count).map { line[$0 % line.count] }
}

/// Deflate bytes made by libzip (through ZipWriter), cut out of a one-entry archive.
func deflated(_ data: [UInt8], scratch: Scratch) throws -> [UInt8] {
  let path = scratch.path("deflate-\(data.count)-\(crc32(data)).zip")
  try ZipWriter.write([.init(name: "x", data: data, method: .deflate)], to: path)
  let archive = try ZipArchive(path: path)
  let entry = archive.entries[0]
  let range = try #require(entry.dataRange)
  let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
  return Array(bytes[Int(range.lowerBound)..<Int(range.upperBound)])
}
