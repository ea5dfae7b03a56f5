/// Shell-style patterns for catalogue paths: `*` and `?` stay within one folder, `**` spans
/// folders, `[abc]` is a set. Paths use `/` and are relative to the configuration's folder.
public struct Glob: Sendable, Hashable {
  public let pattern: String
  private let parts: [Substring]

  public init(_ pattern: String) {
    var cleaned = pattern
    while cleaned.hasPrefix("./") { cleaned.removeFirst(2) }
    self.pattern = cleaned
    parts = cleaned.split(separator: "/", omittingEmptySubsequences: true)
  }

  /// The folders before the first wildcard: where to start looking for matches.
  public var literalPrefix: String {
    var prefix: [Substring] = []
    for part in parts.dropLast() {
      if part.contains(where: { "*?[".contains($0) }) { break }
      prefix.append(part)
    }
    return prefix.joined(separator: "/")
  }

  public func matches(_ path: String) -> Bool {
    let components = path.split(separator: "/", omittingEmptySubsequences: true)
    return Self.match(parts[...], components[...])
  }

  private static func match(_ pattern: ArraySlice<Substring>, _ path: ArraySlice<Substring>) -> Bool {
    guard let first = pattern.first else { return path.isEmpty }
    if first == "**" {
      let rest = pattern.dropFirst()
      var remaining = path
      while true {
        if match(rest, remaining) { return true }
        guard !remaining.isEmpty else { return false }
        remaining = remaining.dropFirst()
      }
    }
    guard let component = path.first, matchComponent(Array(first.unicodeScalars)[...], Array(component.unicodeScalars)[...]) else {
      return false
    }
    return match(pattern.dropFirst(), path.dropFirst())
  }

  private static func matchComponent(_ pattern: ArraySlice<Unicode.Scalar>, _ name: ArraySlice<Unicode.Scalar>) -> Bool {
    guard let first = pattern.first else { return name.isEmpty }
    switch first {
    case "*":
      var remaining = name
      while true {
        if matchComponent(pattern.dropFirst(), remaining) { return true }
        guard !remaining.isEmpty else { return false }
        remaining = remaining.dropFirst()
      }
    case "?":
      return !name.isEmpty && matchComponent(pattern.dropFirst(), name.dropFirst())
    case "[":
      guard let close = pattern.dropFirst().firstIndex(of: "]"), let character = name.first else {
        return name.first == "[" && matchComponent(pattern.dropFirst(), name.dropFirst())
      }
      let set = pattern[(pattern.startIndex + 1)..<close]
      return set.contains(character) && matchComponent(pattern[(close + 1)...], name.dropFirst())
    default:
      return name.first == first && matchComponent(pattern.dropFirst(), name.dropFirst())
    }
  }
}
