/// Edit distance over Unicode scalars (optimal string alignment: insertions, deletions,
/// substitutions and swaps of two neighbours each cost 1), for "did you mean" suggestions.
public enum EditDistance {
  public static func between(_ a: String, _ b: String) -> Int {
    let x = Array(a.unicodeScalars)
    let y = Array(b.unicodeScalars)
    if x.isEmpty { return y.count }
    if y.isEmpty { return x.count }
    var beforePrevious = [Int](repeating: 0, count: y.count + 1)
    var previous = Array(0...y.count)
    var current = [Int](repeating: 0, count: y.count + 1)
    for i in 1...x.count {
      current[0] = i
      for j in 1...y.count {
        let cost = x[i - 1] == y[j - 1] ? 0 : 1
        current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
        if i > 1 && j > 1 && x[i - 1] == y[j - 2] && x[i - 2] == y[j - 1] {
          current[j] = min(current[j], beforePrevious[j - 2] + 1)
        }
      }
      (beforePrevious, previous, current) = (previous, current, beforePrevious)
    }
    return previous[y.count]
  }

  /// The distance when it is at most `limit`, else nil; stops as soon as a row exceeds the limit,
  /// so comparing a name against fifty thousand others stays cheap.
  static func within(_ x: [Unicode.Scalar], _ y: [Unicode.Scalar], limit: Int) -> Int? {
    guard abs(x.count - y.count) <= limit else { return nil }
    if x.isEmpty || y.isEmpty { return max(x.count, y.count) <= limit ? max(x.count, y.count) : nil }
    var beforePrevious = [Int](repeating: 0, count: y.count + 1)
    var previous = Array(0...y.count)
    var current = [Int](repeating: 0, count: y.count + 1)
    for i in 1...x.count {
      current[0] = i
      var rowMinimum = current[0]
      for j in 1...y.count {
        let cost = x[i - 1] == y[j - 1] ? 0 : 1
        current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
        if i > 1 && j > 1 && x[i - 1] == y[j - 2] && x[i - 2] == y[j - 1] {
          current[j] = min(current[j], beforePrevious[j - 2] + 1)
        }
        rowMinimum = min(rowMinimum, current[j])
      }
      if rowMinimum > limit { return nil }
      (beforePrevious, previous, current) = (previous, current, beforePrevious)
    }
    return previous[y.count] <= limit ? previous[y.count] : nil
  }

  /// How many edits still look like a typo of a word this long: 1 for short words, at most 3.
  public static func typoLimit(_ length: Int) -> Int { length <= 4 ? 1 : min(3, length / 4) }

  /// "Did you mean": the nearest candidate within the typo limit, else the first candidate the
  /// word is a prefix of.
  public static func suggestion(for word: String, in candidates: [String]) -> String? {
    var best: (String, Int)?
    for candidate in candidates {
      let distance = between(word.lowercased(), candidate.lowercased())
      if distance <= typoLimit(candidate.count) && (best == nil || distance < best!.1) { best = (candidate, distance) }
    }
    if let best { return best.0 }
    let bare = word.drop { $0 == "-" }
    guard bare.count >= 3 else { return nil }
    return candidates.first { $0.drop { $0 == "-" }.hasPrefix(bare) }
  }
}
