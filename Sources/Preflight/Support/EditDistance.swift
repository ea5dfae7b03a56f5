/// Levenshtein distance over Unicode scalars, for "did you mean" suggestions.
public enum EditDistance {
  public static func between(_ a: String, _ b: String) -> Int {
    let x = Array(a.unicodeScalars)
    let y = Array(b.unicodeScalars)
    if x.isEmpty { return y.count }
    if y.isEmpty { return x.count }
    var previous = Array(0...y.count)
    var current = [Int](repeating: 0, count: y.count + 1)
    for i in 1...x.count {
      current[0] = i
      for j in 1...y.count {
        let cost = x[i - 1] == y[j - 1] ? 0 : 1
        current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
      }
      swap(&previous, &current)
    }
    return previous[y.count]
  }

  /// The closest candidate within `limit` edits (ties: the first in `candidates`).
  public static func nearest(to word: String, in candidates: [String], limit: Int) -> String? {
    var best: (String, Int)?
    for candidate in candidates {
      let distance = between(word.lowercased(), candidate.lowercased())
      if distance <= limit && (best == nil || distance < best!.1) { best = (candidate, distance) }
    }
    return best?.0
  }

  /// "Did you mean": the nearest candidate within a third of its length (at least 2 edits),
  /// else the first candidate the word is a prefix of.
  public static func suggestion(for word: String, in candidates: [String]) -> String? {
    var best: (String, Int)?
    for candidate in candidates {
      let distance = between(word.lowercased(), candidate.lowercased())
      if distance <= max(2, candidate.count / 3) && (best == nil || distance < best!.1) { best = (candidate, distance) }
    }
    if let best { return best.0 }
    let bare = word.drop { $0 == "-" }
    guard bare.count >= 3 else { return nil }
    return candidates.first { $0.drop { $0 == "-" }.hasPrefix(bare) }
  }
}
