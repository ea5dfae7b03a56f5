import Foundation
import Synchronization

#if canImport(Glibc)
  import Glibc
#endif

/// One request as the server read it off the socket.
public struct RecordedRequest: Sendable {
  public var method: String
  /// The request target as sent: path and query.
  public var target: String
  public var headers: [(name: String, value: String)]
  public var body: [UInt8]
  /// True when the body came chunked.
  public var chunked: Bool

  public var path: String { String(target.split(separator: "?", maxSplits: 1).first ?? "") }

  /// The first header with this name, compared without case.
  public func header(_ name: String) -> String? {
    headers.first { $0.name.lowercased() == name.lowercased() }?.value
  }

  /// Everything the server received, for "the token never leaks" style assertions.
  public var rawText: String {
    "\(method) \(target)\n" + headers.map { "\($0.name): \($0.value)" }.joined(separator: "\n") + "\n"
      + String(decoding: body, as: UTF8.self)
  }
}

/// What the server does with a request.
public enum ServerReply: Sendable {
  /// A normal answer, optionally after a pause; with a `pace`, the body goes out one byte per
  /// `pace` seconds (a server that trickles).
  case response(status: Int, headers: [(String, String)], body: [UInt8], delay: TimeInterval = 0, pace: TimeInterval = 0)
  /// Close the connection without a byte of answer.
  case close
  /// Write these bytes as they are (not HTTP), then close.
  case raw([UInt8])

  public static func json(_ status: Int, _ text: String, headers: [(String, String)] = [], delay: TimeInterval = 0) -> ServerReply {
    .response(status: status, headers: [("Content-Type", "application/json")] + headers, body: Array(text.utf8), delay: delay)
  }
}

/// An HTTP/1.1 server on 127.0.0.1 for tests: an ephemeral port, a thread per connection,
/// request bodies by Content-Length or chunked, `100 Continue` for `Expect: 100-continue`, every
/// request recorded. It stops itself after `lifetime` seconds, so a forgotten server cannot keep
/// a test run alive.
///
/// `@unchecked Sendable`: mutable state (recorded requests, open sockets, the stop flag) sits
/// behind mutexes; the listening socket is set once in `init`.
public final class LoopbackHTTPServer: @unchecked Sendable {
  public struct StartError: Error, CustomStringConvertible {
    public var description: String
  }

  public let port: UInt16
  private let listener: Int32
  private let handler: @Sendable (RecordedRequest) -> ServerReply
  private let recorded = Mutex<[RecordedRequest]>([])
  private let connections = Mutex<Set<Int32>>([])
  private let stopped = Atomic<Bool>(false)
  private let deadline: Date

  /// Largest request body kept (tests send small files).
  static let maxBody = 64 << 20

  public var baseURL: String { "http://127.0.0.1:\(port)" }

  public var requests: [RecordedRequest] { recorded.withLock { $0 } }

  public init(lifetime: TimeInterval = 60, handler: @escaping @Sendable (RecordedRequest) -> ServerReply) throws {
    self.handler = handler
    self.deadline = Date().addingTimeInterval(lifetime)
    let socketFD = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard socketFD >= 0 else { throw StartError(description: "socket() failed: errno \(errno)") }
    var yes: Int32 = 1
    setsockopt(socketFD, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = 0
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    let bound = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(socketFD, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
    }
    guard bound == 0, listen(socketFD, 64) == 0 else {
      close(socketFD)
      throw StartError(description: "bind/listen on 127.0.0.1 failed: errno \(errno)")
    }
    var actual = sockaddr_in()
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    _ = withUnsafeMutablePointer(to: &actual) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(socketFD, $0, &length) }
    }
    self.listener = socketFD
    self.port = UInt16(bigEndian: actual.sin_port)
    let thread = Thread { [self] in acceptLoop() }
    thread.name = "loopback-accept"
    thread.start()
  }

  deinit { stop() }

  /// Stops accepting, closes every open connection. Safe to call twice.
  public func stop() {
    guard !stopped.exchange(true, ordering: .acquiringAndReleasing) else { return }
    shutdown(listener, Int32(SHUT_RDWR))
    close(listener)
    connections.withLock { open in
      for fd in open { shutdown(fd, Int32(SHUT_RDWR)) }
    }
  }

  private var running: Bool { !stopped.load(ordering: .acquiring) && Date() < deadline }

  private func acceptLoop() {
    while running {
      var poller = pollfd(fd: listener, events: Int16(POLLIN), revents: 0)
      let ready = poll(&poller, 1, 100)
      guard running else { break }
      guard ready > 0 else { continue }
      let client = accept(listener, nil, nil)
      guard client >= 0 else { continue }
      // Reads give up after 5 s of silence: a client that vanished cannot pin a thread.
      var timeout = timeval(tv_sec: 5, tv_usec: 0)
      setsockopt(client, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
      connections.withLock { _ = $0.insert(client) }
      let thread = Thread { [self] in
        serve(client)
        connections.withLock { _ = $0.remove(client) }
        close(client)
      }
      thread.name = "loopback-connection"
      thread.start()
    }
    if !stopped.load(ordering: .acquiring) { stop() }
  }

  /// Serves requests on one connection until it closes (keep-alive).
  private func serve(_ fd: Int32) {
    var reader = SocketReader(fd: fd)
    while running {
      guard let head = reader.readHead() else { return }
      let lines = head.split(separator: "\r\n", omittingEmptySubsequences: false)
      let requestLine = lines.first.map { $0.split(separator: " ") } ?? []
      guard requestLine.count == 3 else {
        send(fd, Array("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n".utf8))
        return
      }
      var headers: [(name: String, value: String)] = []
      for line in lines.dropFirst() where !line.isEmpty {
        guard let colon = line.firstIndex(of: ":") else { continue }
        let name = String(line[..<colon]).trimmingCharacters(in: .whitespaces)
        let value = String(line[line.index(after: colon)...]).trimmingCharacters(in: .whitespaces)
        headers.append((name, value))
      }
      func header(_ name: String) -> String? { headers.first { $0.name.lowercased() == name }?.value }
      if header("expect")?.lowercased() == "100-continue" {
        send(fd, Array("HTTP/1.1 100 Continue\r\n\r\n".utf8))
      }
      var body: [UInt8] = []
      let chunked = header("transfer-encoding")?.lowercased().contains("chunked") == true
      if chunked {
        guard let decoded = reader.readChunked(limit: Self.maxBody) else { return }
        body = decoded
      } else if let lengthText = header("content-length") {
        guard let length = Int(lengthText), length >= 0, length <= Self.maxBody,
          let bytes = reader.read(count: length)
        else { return }
        body = bytes
      }
      let request = RecordedRequest(
        method: String(requestLine[0]), target: String(requestLine[1]), headers: headers, body: body, chunked: chunked)
      recorded.withLock { $0.append(request) }
      let reply = handler(request)
      switch reply {
      case .close:
        return
      case .raw(let bytes):
        send(fd, bytes)
        return
      case .response(let status, let extra, let content, let delay, let pace):
        if delay > 0 {
          // Sleep in slices so stop() ends it quickly.
          let until = Date().addingTimeInterval(delay)
          while Date() < until, running { Thread.sleep(forTimeInterval: 0.01) }
          guard running else { return }
        }
        let closeAfter = header("connection")?.lowercased() == "close"
        var text = "HTTP/1.1 \(status) \(Self.reason(status))\r\n"
        for (name, value) in extra { text += "\(name): \(value)\r\n" }
        text += "Content-Length: \(content.count)\r\n"
        if closeAfter { text += "Connection: close\r\n" }
        text += "\r\n"
        if pace > 0 {
          guard send(fd, Array(text.utf8)) else { return }
          for byte in content {
            Thread.sleep(forTimeInterval: pace)
            guard running, send(fd, [byte]) else { return }
          }
        } else {
          guard send(fd, Array(text.utf8) + content) else { return }
        }
        if closeAfter { return }
      }
    }
  }

  @discardableResult
  private func send(_ fd: Int32, _ bytes: [UInt8]) -> Bool {
    var offset = 0
    while offset < bytes.count {
      let written = bytes[offset...].withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
      guard written > 0 else { return false }
      offset += written
    }
    return true
  }

  static func reason(_ status: Int) -> String {
    switch status {
    case 200: "OK"
    case 301: "Moved Permanently"
    case 400: "Bad Request"
    case 401: "Unauthorized"
    case 403: "Forbidden"
    case 404: "Not Found"
    case 422: "Unprocessable Entity"
    case 429: "Too Many Requests"
    case 500: "Internal Server Error"
    case 502: "Bad Gateway"
    case 503: "Service Unavailable"
    case 504: "Gateway Timeout"
    default: "Status"
    }
  }
}

/// Buffered reads from a socket.
private struct SocketReader {
  let fd: Int32
  var buffer: [UInt8] = []

  /// Reads more bytes; false at end of stream, on error or timeout.
  mutating func fill() -> Bool {
    var chunk = [UInt8](repeating: 0, count: 64 * 1024)
    let count = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
    guard count > 0 else { return false }
    buffer.append(contentsOf: chunk[0..<count])
    return true
  }

  /// The request line and headers, up to the blank line (at most 64 KiB).
  mutating func readHead() -> String? {
    let terminator: [UInt8] = [13, 10, 13, 10]
    while true {
      if let end = firstIndex(of: terminator) {
        let head = String(decoding: buffer[0..<end], as: UTF8.self)
        buffer.removeFirst(end + 4)
        return head
      }
      guard buffer.count < 64 * 1024, fill() else { return nil }
      // Not HTTP (a TLS ClientHello starts with 0x16): hang up at once.
      if let first = buffer.first, !(0x41...0x5A).contains(first) { return nil }
    }
  }

  mutating func read(count: Int) -> [UInt8]? {
    while buffer.count < count {
      guard fill() else { return nil }
    }
    let bytes = Array(buffer[0..<count])
    buffer.removeFirst(count)
    return bytes
  }

  mutating func readLine() -> String? {
    while true {
      if let end = firstIndex(of: [13, 10]) {
        let line = String(decoding: buffer[0..<end], as: UTF8.self)
        buffer.removeFirst(end + 2)
        return line
      }
      guard buffer.count < 8 * 1024, fill() else { return nil }
    }
  }

  mutating func readChunked(limit: Int) -> [UInt8]? {
    var body: [UInt8] = []
    while true {
      guard let sizeLine = readLine() else { return nil }
      let sizeText = sizeLine.split(separator: ";").first.map(String.init) ?? ""
      guard let size = Int(sizeText.trimmingCharacters(in: .whitespaces), radix: 16), size >= 0,
        body.count + size <= limit
      else { return nil }
      if size == 0 {
        // Trailers, up to the blank line.
        while let line = readLine(), !line.isEmpty {}
        return body
      }
      guard let data = read(count: size), read(count: 2) == [13, 10] else { return nil }
      body += data
    }
  }

  private func firstIndex(of pattern: [UInt8]) -> Int? {
    guard buffer.count >= pattern.count else { return nil }
    for start in 0...(buffer.count - pattern.count) where buffer[start] == pattern[0] {
      if Array(buffer[start..<(start + pattern.count)]) == pattern { return start }
    }
    return nil
  }
}
