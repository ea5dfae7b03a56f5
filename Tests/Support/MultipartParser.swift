/// Splits a `multipart/form-data` body into its parts, the way a strict server would: the test
/// double uses it, and tests compare its parts byte for byte with the files sent.
public struct MultipartPart: Sendable {
  public var headers: [(name: String, value: String)]
  public var data: [UInt8]

  public func header(_ name: String) -> String? {
    headers.first { $0.name.lowercased() == name.lowercased() }?.value
  }

  /// A parameter of Content-Disposition (`name`, `filename`), unquoted.
  public func disposition(_ parameter: String) -> String? {
    guard let value = header("Content-Disposition") else { return nil }
    for piece in value.split(separator: ";").dropFirst() {
      let pair = piece.split(separator: "=", maxSplits: 1)
      guard pair.count == 2, pair[0].trimmingCharacters(in: .whitespaces) == parameter else { continue }
      var text = pair[1].trimmingCharacters(in: .whitespaces)
      if text.hasPrefix("\"") && text.hasSuffix("\"") && text.count >= 2 { text = String(text.dropFirst().dropLast()) }
      return text
    }
    return nil
  }
}

public enum MultipartParser {
  public struct Failure: Error, CustomStringConvertible {
    public var description: String
  }

  /// The boundary parameter of a `multipart/form-data` content type.
  public static func boundary(of contentType: String?) -> String? {
    guard let contentType, contentType.lowercased().hasPrefix("multipart/form-data") else { return nil }
    for piece in contentType.split(separator: ";").dropFirst() {
      let pair = piece.split(separator: "=", maxSplits: 1)
      if pair.count == 2, pair[0].trimmingCharacters(in: .whitespaces).lowercased() == "boundary" {
        var value = pair[1].trimmingCharacters(in: .whitespaces)
        if value.hasPrefix("\"") && value.hasSuffix("\"") { value = String(value.dropFirst().dropLast()) }
        return value
      }
    }
    return nil
  }

  /// The parts; fails unless the body is exactly `--B CRLF part CRLF … --B-- CRLF`.
  public static func parse(_ body: [UInt8], boundary: String) throws(Failure) -> [MultipartPart] {
    let opening = Array("--\(boundary)\r\n".utf8)
    let delimiter = Array("\r\n--\(boundary)".utf8)
    guard body.starts(with: opening) else { throw Failure(description: "the body does not start with the boundary") }
    var parts: [MultipartPart] = []
    var index = opening.count
    while true {
      guard let headEnd = find([13, 10, 13, 10], in: body, from: index) else {
        throw Failure(description: "a part has no blank line after its headers")
      }
      let headText = String(decoding: body[index..<headEnd], as: UTF8.self)
      var headers: [(name: String, value: String)] = []
      for line in headText.split(separator: "\r\n") {
        guard let colon = line.firstIndex(of: ":") else { throw Failure(description: "bad part header '\(line)'") }
        headers.append((String(line[..<colon]), String(line[line.index(after: colon)...]).trimmingCharacters(in: .whitespaces)))
      }
      let dataStart = headEnd + 4
      guard let dataEnd = find(delimiter, in: body, from: dataStart) else {
        throw Failure(description: "a part is not closed by the boundary")
      }
      parts.append(MultipartPart(headers: headers, data: Array(body[dataStart..<dataEnd])))
      index = dataEnd + delimiter.count
      let rest = Array(body[index...].prefix(4))
      if rest == Array("--\r\n".utf8) {
        guard index + 4 == body.count else { throw Failure(description: "bytes after the closing boundary") }
        return parts
      }
      guard rest.starts(with: [13, 10]) else { throw Failure(description: "the boundary is not followed by CRLF") }
      index += 2
    }
  }

  private static func find(_ pattern: [UInt8], in bytes: [UInt8], from start: Int) -> Int? {
    guard bytes.count >= pattern.count, start <= bytes.count - pattern.count else { return nil }
    var index = start
    while index <= bytes.count - pattern.count {
      if bytes[index] == pattern[0] {
        var matched = 1
        while matched < pattern.count, bytes[index + matched] == pattern[matched] { matched += 1 }
        if matched == pattern.count { return index }
      }
      index += 1
    }
    return nil
  }
}
