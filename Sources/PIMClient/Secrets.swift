import Synchronization

/// The secrets of one run (the bearer token, the password-grant password and client secret, a
/// token fetched with the grant), so that everything the tool prints can be masked.
///
/// A class with a mutex: the password grant adds its token while requests are under way, and
/// the CLI's output filter reads the list from whatever thread prints.
public final class SecretList: Sendable {
  public static let mask = "[hidden]"

  /// Secrets shorter than this are not masked: masking "ab" everywhere would garble output
  /// while hiding nothing worth hiding.
  static let minimumLength = 4

  private let secrets = Mutex<[String]>([])

  public init(_ initial: [String] = []) {
    for secret in initial { add(secret) }
  }

  public func add(_ secret: String) {
    guard secret.utf8.count >= Self.minimumLength else { return }
    secrets.withLock { list in
      var forms = [secret]
      // The same secret as it would look inside a JSON string or a URL.
      let jsonEscaped = secret.replacingAll("\\", with: "\\\\").replacingAll("\"", with: "\\\"").replacingAll("/", with: "\\/")
      forms.append(jsonEscaped)
      forms.append(PercentEncoding.encoded(secret))
      for form in forms where !list.contains(form) { list.append(form) }
      // Longest first, so that a secret containing another is masked whole.
      list.sort { $0.utf8.count > $1.utf8.count }
    }
  }

  /// The text with every known secret replaced by `[hidden]`.
  public func redact(_ text: String) -> String {
    let list = secrets.withLock { $0 }
    var out = text
    for secret in list {
      out = out.replacingAll(secret, with: Self.mask)
    }
    return out
  }

  /// The document with every string and key redacted. Server text is masked here, before it is
  /// shortened or its white space collapsed for printing: either would cut a secret into a piece
  /// that no longer matches, and print that piece.
  public func redact(_ node: JSONNode) -> JSONNode {
    switch node {
    case .string(let text): .string(redact(text))
    case .array(let items): .array(items.map(redact))
    case .object(let members):
      .object(Dictionary(members.map { (redact($0.key), redact($0.value)) }, uniquingKeysWith: { first, _ in first }))
    case .number, .bool, .null: node
    }
  }
}

extension String {
  /// Literal (byte-wise) replacement: `replacingOccurrences` compares with canonical
  /// equivalence and could miss or over-match a secret.
  func replacingAll(_ target: String, with replacement: String) -> String {
    let haystack = Array(utf8)
    let needle = Array(target.utf8)
    guard !needle.isEmpty, haystack.count >= needle.count else { return self }
    var out: [UInt8] = []
    out.reserveCapacity(haystack.count)
    var index = 0
    var changed = false
    while index < haystack.count {
      if haystack[index] == needle[0], index + needle.count <= haystack.count,
        haystack[index..<(index + needle.count)].elementsEqual(needle)
      {
        out.append(contentsOf: replacement.utf8)
        index += needle.count
        changed = true
      } else {
        out.append(haystack[index])
        index += 1
      }
    }
    return changed ? String(decoding: out, as: UTF8.self) : self
  }
}
