/// Picks the product type whose template best fits a header, when `--type` is not given.
public struct TypeInference: Sendable {
  public enum Result: Sendable {
    case inferred(ProductSchema, note: String)
    case ambiguous(candidates: [String])
  }

  /// Best fit = most header columns that map to a field; ties broken by fewer missing required
  /// columns, then by fewer template fields left without a column (the closest template).
  /// A remaining tie is ambiguous: rules differ per type, so we do not guess.
  public static func infer(header: [String], from schemas: [ProductSchema]) -> Result {
    let scored = schemas.map { schema -> (schema: ProductSchema, matched: Int, missing: Int, unmatched: Int) in
      let mapping = HeaderMapping.score(header: header, schema: schema)
      return (schema, mapping.matchedCount, mapping.missingRequiredCount, mapping.unmatchedFieldCount)
    }
    let ranked = scored.sorted { a, b in
      if a.matched != b.matched { return a.matched > b.matched }
      if a.missing != b.missing { return a.missing < b.missing }
      return a.unmatched < b.unmatched
    }
    guard let best = ranked.first, best.matched > 0 else {
      return .ambiguous(candidates: [])
    }
    let tied = ranked.filter { $0.matched == best.matched && $0.missing == best.missing && $0.unmatched == best.unmatched }
    if tied.count > 1 { return .ambiguous(candidates: tied.map(\.schema.code)) }
    let columns = header.count
    var note = "type inferred from the header: \(best.schema.code) (\(best.matched) of \(columns) column\(columns == 1 ? "" : "s") match"
    if ranked.count > 1 {
      let next = ranked[1]
      note += "; next best: \(next.schema.code) with \(next.matched)"
      if next.matched == best.matched { note += " but \(next.missing) missing required" }
    }
    note += ")"
    return .inferred(best.schema, note: note)
  }
}
