import Foundation
import PreflightTestSupport
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// The test server itself, driven over a raw socket: what curl might send, it must understand.
@Suite struct LoopbackServerTests {
  /// Connects, sends `chunks` one by one (reading what the server says in between), returns all it said.
  func exchange(port: UInt16, _ chunks: [String]) -> String {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    defer { close(fd) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = port.bigEndian
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    var timeout = timeval(tv_sec: 2, tv_usec: 0)
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    let connected = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
    }
    guard connected == 0 else { return "(refused)" }
    var said = ""
    for chunk in chunks {
      _ = Array(chunk.utf8).withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
      var buffer = [UInt8](repeating: 0, count: 4096)
      let count = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
      if count > 0 { said += String(decoding: buffer[0..<count], as: UTF8.self) }
    }
    return said
  }

  @Test func answersExpectContinueAndReadsChunkedBodies() throws {
    let server = try LoopbackHTTPServer(lifetime: 10) { request in
      .response(status: 200, headers: [], body: Array("got \(request.body.count)".utf8))
    }
    defer { server.stop() }
    let said = exchange(port: server.port, [
      "POST /up HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nTransfer-Encoding: chunked\r\n\r\n",
      "5\r\nhello\r\n6;ext=1\r\n world\r\n0\r\n\r\n",
    ])
    #expect(said.hasPrefix("HTTP/1.1 100 Continue\r\n\r\n"))
    #expect(said.hasSuffix("Content-Length: 6\r\n\r\ngot 11"))
    let request = try #require(server.requests.first)
    #expect(request.chunked && String(decoding: request.body, as: UTF8.self) == "hello world")
    #expect(request.header("expect") == "100-continue")
  }

  @Test func keepsTheConnectionForSeveralRequests() throws {
    let server = try LoopbackHTTPServer(lifetime: 10) { request in .response(status: 204, headers: [], body: []) }
    defer { server.stop() }
    _ = exchange(port: server.port, ["GET /a HTTP/1.1\r\nHost: x\r\n\r\n", "GET /b?q=1 HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\nhi"])
    #expect(server.requests.map(\.target) == ["/a", "/b?q=1"])
    #expect(server.requests.map(\.path) == ["/a", "/b"])
    #expect(server.requests.last?.body == Array("hi".utf8))
  }

  @Test func stopsItselfAtTheEndOfItsLifetime() throws {
    let server = try LoopbackHTTPServer(lifetime: 0.2) { _ in .response(status: 200, headers: [], body: []) }
    let start = Date()
    var answer = ""
    repeat {
      Thread.sleep(forTimeInterval: 0.3)
      answer = exchange(port: server.port, ["GET / HTTP/1.1\r\n\r\n"])
    } while answer != "(refused)" && Date().timeIntervalSince(start) < 5
    #expect(answer == "(refused)")
  }
}
