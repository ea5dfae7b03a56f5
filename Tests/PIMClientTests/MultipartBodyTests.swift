import Foundation
import PreflightTestSupport
import Testing

@testable import PIMClient

@Suite struct MultipartBodyTests {
  @Test func writesTheExactBytesAndAPrivateFile() throws {
    let folder = Fixture.temporaryFolder()
    let csv = Fixture.write(Array("a,b\r\n1,2\r\n".utf8), name: "cat.csv", in: folder)
    let zip = Fixture.write([0x50, 0x4B, 0x05, 0x06] + [UInt8](repeating: 0, count: 18), name: "img.zip", in: folder)
    let body = try MultipartBody.write(
      [
        .init(name: "data", fileName: "cat.csv", contentType: "text/csv", path: csv),
        .init(name: "archive", fileName: "say \"hi\"\r\n.zip", contentType: "application/zip", path: zip),
      ], in: folder, makeBoundary: { "BOUNDARY" })
    defer { body.remove() }
    let expected =
      Array("--BOUNDARY\r\nContent-Disposition: form-data; name=\"data\"; filename=\"cat.csv\"\r\nContent-Type: text/csv\r\n\r\na,b\r\n1,2\r\n\r\n".utf8)
      + Array("--BOUNDARY\r\nContent-Disposition: form-data; name=\"archive\"; filename=\"say %22hi%22%0D%0A.zip\"\r\nContent-Type: application/zip\r\n\r\n".utf8)
      + [0x50, 0x4B, 0x05, 0x06] + [UInt8](repeating: 0, count: 18) + Array("\r\n--BOUNDARY--\r\n".utf8)
    #expect([UInt8](FileManager.default.contents(atPath: body.path) ?? Data()) == expected)
    #expect(body.length == UInt64(expected.count))
    #expect(body.contentType == "multipart/form-data; boundary=BOUNDARY")
    let mode = try FileManager.default.attributesOfItem(atPath: body.path)[.posixPermissions] as? NSNumber
    #expect(mode?.intValue == 0o600)
    body.remove()
    #expect(!FileManager.default.fileExists(atPath: body.path))
  }

  @Test func aBoundaryFoundInAFileIsReplaced() throws {
    let folder = Fixture.temporaryFolder()
    // "TAKEN" straddles the 1 MiB chunk border.
    var bytes = [UInt8](repeating: 0x41, count: MultipartBody.chunkSize - 2)
    bytes += Array("TAKEN".utf8)
    let file = Fixture.write(bytes, name: "data.csv", in: folder)
    let boundaries = BoundaryQueue(["TAKEN", "FREE-1"])
    let body = try MultipartBody.write(
      [.init(name: "data", fileName: "data.csv", contentType: "text/csv", path: file)], in: folder, makeBoundary: boundaries.next)
    defer { body.remove() }
    #expect(body.boundary == "FREE-1")
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".multipart") }.count == 1, "the first try was removed")
  }

  @Test func reportsPreparationProgressAndRefusesAMissingFile() throws {
    let folder = Fixture.temporaryFolder()
    let file = Fixture.write([UInt8](repeating: 7, count: 3 * MultipartBody.chunkSize + 5), name: "big.zip", in: folder)
    let seen = Recorder<(UInt64, UInt64)>()
    let body = try MultipartBody.write(
      [.init(name: "archive", fileName: "big.zip", contentType: "application/zip", path: file)], in: folder,
      progress: { seen.add(($0, $1)) })
    body.remove()
    #expect(seen.values.map(\.0) == [1, 2, 3].map { UInt64($0 * MultipartBody.chunkSize) } + [UInt64(3 * MultipartBody.chunkSize + 5)])
    #expect(performing: {
      _ = try MultipartBody.write([.init(name: "data", fileName: "x", contentType: "text/csv", path: folder + "/none.csv")], in: folder)
    }, throws: { ($0 as? PIMError)?.kind == .localFile })
    #expect(performing: {
      _ = try MultipartBody.write([.init(name: "data", fileName: "x", contentType: "text/csv", path: folder)], in: folder)
    }, throws: { ($0 as? PIMError)?.message.contains("not a readable file") == true })
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["big.zip"])
    try FileManager.default.createSymbolicLink(atPath: folder + "/link.zip", withDestinationPath: file)
    let linked = try MultipartBody.write([.init(name: "archive", fileName: "link.zip", contentType: "application/zip", path: folder + "/link.zip")], in: folder)
    linked.remove()
    #expect(linked.length > UInt64(3 * MultipartBody.chunkSize), "a link is followed")
  }

  @Test func randomBoundariesAreLongAndDifferent() {
    let first = MultipartBody.randomBoundary()
    #expect(first.count == "wizart-preflight-".count + 32)
    #expect(first != MultipartBody.randomBoundary())
  }
}

final class BoundaryQueue: @unchecked Sendable {
  private var items: [String]
  init(_ items: [String]) { self.items = items }
  func next() -> String { items.isEmpty ? "END" : items.removeFirst() }
}

final class Recorder<Value>: @unchecked Sendable {
  private let lock = NSLock()
  private var stored: [Value] = []
  var values: [Value] { lock.withLock { stored } }
  func add(_ value: Value) { lock.withLock { stored.append(value) } }
}
