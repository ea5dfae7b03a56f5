import Foundation
import Synchronization

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// What one HTTP attempt produced: an answer, or why there is none.
struct HTTPExchange: Sendable {
  var status: Int?
  var headers: [String: String] = [:]
  /// The answer's bytes (empty when they were written to a file).
  var body: [UInt8] = []
  /// Request-body bytes that left this machine, as far as URLSession knows.
  var bytesSent: Int64 = 0
  var failure: TransportFailure?

  func header(_ name: String) -> String? {
    let wanted = name.lowercased()
    return headers.first { $0.key.lowercased() == wanted }?.value
  }
}

enum TransportFailure: Sendable {
  /// URLSession's error, by code.
  case url(URLError.Code)
  /// The attempt ran past its deadline.
  case deadline
  /// The answer was larger than allowed.
  case tooLarge(limit: Int64)
  /// The downloaded answer could not be written.
  case file(String)
}

/// Where the answer's bytes go.
enum BodyDestination: Sendable {
  case memory(limit: Int)
  case file(path: String, limit: Int64)
}

/// A blocking HTTP client over URLSession's delegate API.
///
/// Blocking on purpose: the command line is synchronous, and waiting on a semaphore for a
/// delegate queue of our own never ties up Swift's cooperative threads (tests run commands from
/// them). The delegate API, rather than the async calls, because it lets us cap the answer's
/// size while it arrives, stream a download to disk, see upload progress, and refuse redirects
/// (a redirect could carry the Authorization header to another host).
///
/// `@unchecked Sendable`: the session is set once in `init`; per-task state lives in `Pending`
/// objects behind a mutex.
final class HTTPTransport: NSObject, URLSessionDataDelegate, @unchecked Sendable {
  private let delegateQueue: OperationQueue
  private var session: URLSession!
  private let pending = Mutex<[Int: Pending]>([:])

  override init() {
    delegateQueue = OperationQueue()
    delegateQueue.maxConcurrentOperationCount = 1
    delegateQueue.name = "wizart-preflight.http"
    super.init()
    let configuration = URLSessionConfiguration.ephemeral
    configuration.httpCookieStorage = nil
    configuration.httpShouldSetCookies = false
    configuration.urlCache = nil
    configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
    // Our own deadline and idle timeouts apply; this one only has to be out of their way.
    configuration.timeoutIntervalForResource = 7 * 24 * 3600
    session = URLSession(configuration: configuration, delegate: self, delegateQueue: delegateQueue)
  }

  /// Ends the session (it holds its delegate, us, until then).
  func invalidate() { session.invalidateAndCancel() }

  /// Sends one request and waits for the whole answer.
  ///
  /// - Parameters:
  ///   - uploadFile: the request body, streamed from this file.
  ///   - deadline: the longest this attempt may take in all (nil: no limit beyond the idle timeout).
  ///   - answerDeadline: the longest the answer may take once the request body is all sent.
  func perform(
    _ request: URLRequest, body: [UInt8]? = nil, uploadFile: String? = nil, destination: BodyDestination,
    deadline: TimeInterval?, answerDeadline: TimeInterval? = nil, progress: (@Sendable (Int64, Int64) -> Void)? = nil
  ) -> HTTPExchange {
    let state = Pending(destination: destination, answerDeadline: answerDeadline, progress: progress)
    if case .file(let path, _) = destination, !state.openFile(path) {
      return HTTPExchange(failure: .file(path))
    }
    let task: URLSessionTask
    if let uploadFile {
      task = session.uploadTask(with: request, fromFile: URL(fileURLWithPath: uploadFile))
    } else if let body {
      task = session.uploadTask(with: request, from: Data(body))
    } else {
      task = session.dataTask(with: request)
    }
    state.task = task
    pending.withLock { $0[task.taskIdentifier] = state }
    if let deadline {
      DispatchQueue.global().asyncAfter(deadline: .now() + deadline) { [weak state] in
        state?.expire()
      }
    }
    task.resume()
    state.done.wait()
    pending.withLock { _ = $0.removeValue(forKey: task.taskIdentifier) }
    return state.finish()
  }

  private func state(of task: URLSessionTask) -> Pending? {
    pending.withLock { $0[task.taskIdentifier] }
  }

  // MARK: - URLSession delegate (called on `delegateQueue`)

  func urlSession(
    _ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
    completionHandler: @escaping (URLSession.ResponseDisposition) -> Void
  ) {
    state(of: dataTask)?.received(response)
    completionHandler(.allow)
  }

  func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
    state(of: dataTask)?.received(data)
  }

  func urlSession(
    _ session: URLSession, task: URLSessionTask, didSendBodyData bytesSent: Int64, totalBytesSent: Int64,
    totalBytesExpectedToSend: Int64
  ) {
    state(of: task)?.sent(totalBytesSent, of: totalBytesExpectedToSend)
  }

  /// Redirects are not followed: the answer is the 3xx itself, reported as a wrong --api-url.
  func urlSession(
    _ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
    newRequest request: URLRequest, completionHandler: @escaping (URLRequest?) -> Void
  ) {
    completionHandler(nil)
  }

  func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: Error?) {
    state(of: task)?.complete(error)
  }
}

/// The state of one request in flight; every member is touched under `lock`.
private final class Pending: @unchecked Sendable {
  let done = DispatchSemaphore(value: 0)
  private let lock = NSLock()
  private let destination: BodyDestination
  private let progress: (@Sendable (Int64, Int64) -> Void)?
  private let answerDeadline: TimeInterval?
  private var answerTimerArmed = false
  var task: URLSessionTask?
  private var exchange = HTTPExchange()
  private var file: FileHandle?
  private var written: Int64 = 0
  private var finished = false
  private var expired = false
  private var overflow = false
  private var writeFailed = false

  init(destination: BodyDestination, answerDeadline: TimeInterval?, progress: (@Sendable (Int64, Int64) -> Void)?) {
    self.destination = destination
    self.answerDeadline = answerDeadline
    self.progress = progress
  }

  func openFile(_ path: String) -> Bool {
    // 0600: a log can name products not yet public.
    guard FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600]),
      let handle = FileHandle(forWritingAtPath: path)
    else { return false }
    file = handle
    return true
  }

  func received(_ response: URLResponse) {
    lock.withLock {
      guard let http = response as? HTTPURLResponse else { return }
      exchange.status = http.statusCode
      var headers: [String: String] = [:]
      for (key, value) in http.allHeaderFields {
        if let key = key as? String, let value = value as? String { headers[key] = value }
      }
      exchange.headers = headers
    }
  }

  func received(_ data: Data) {
    let cancel: Bool = lock.withLock {
      guard !overflow, !writeFailed else { return false }
      // An error answer is read into memory whatever the destination: it holds the message.
      let isError = exchange.status.map { !(200..<300).contains($0) } ?? false
      switch isError ? BodyDestination.memory(limit: 1 << 20) : destination {
      case .memory(let limit):
        guard exchange.body.count + data.count <= limit else {
          overflow = true
          return true
        }
        exchange.body.append(contentsOf: data)
      case .file(_, let limit):
        guard written + Int64(data.count) <= limit else {
          overflow = true
          return true
        }
        do {
          try file?.write(contentsOf: data)
          written += Int64(data.count)
        } catch {
          writeFailed = true
          return true
        }
      }
      return false
    }
    if cancel { task?.cancel() }
  }

  func sent(_ total: Int64, of expected: Int64) {
    let arm: TimeInterval? = lock.withLock {
      exchange.bytesSent = max(exchange.bytesSent, total)
      guard let answerDeadline, !answerTimerArmed, expected > 0, total >= expected else { return nil }
      answerTimerArmed = true
      return answerDeadline
    }
    if let arm {
      DispatchQueue.global().asyncAfter(deadline: .now() + arm) { [weak self] in self?.expire() }
    }
    progress?(total, expected)
  }

  func expire() {
    let cancel: Bool = lock.withLock {
      guard !finished else { return false }
      expired = true
      return true
    }
    if cancel { task?.cancel() }
  }

  func complete(_ error: Error?) {
    lock.withLock {
      finished = true
      try? file?.close()
      file = nil
      if overflow {
        switch destination {
        case .memory(let limit): exchange.failure = .tooLarge(limit: Int64(limit))
        case .file(_, let limit): exchange.failure = .tooLarge(limit: limit)
        }
      } else if writeFailed, case .file(let path, _) = destination {
        exchange.failure = .file(path)
      } else if expired {
        exchange.failure = .deadline
      } else if let error {
        var code = (error as? URLError)?.code ?? URLError.Code(rawValue: (error as NSError).code) ?? .unknown
        // libcurl's "Empty reply from server" arrives as badServerResponse; it is a dropped
        // connection, not a foreign protocol, and worth another try.
        let detail = (error as NSError).localizedDescription.lowercased()
        if code == .badServerResponse, detail.contains("empty reply") {
          code = .zeroByteResource
        }
        // OpenSSL failures that FoundationNetworking leaves as "unknown".
        if code == .unknown, detail.contains("ssl") || detail.contains("tls") || detail.contains("certificate") {
          code = .secureConnectionFailed
        }
        // A peer that does not speak HTTP at all ("Received HTTP/0.9 when not allowed").
        if detail.contains("http/0.9") || detail.contains("weird server reply") {
          code = .badServerResponse
        }
        exchange.failure = .url(code)
      }
    }
    done.signal()
  }

  func finish() -> HTTPExchange {
    lock.withLock { exchange }
  }
}
