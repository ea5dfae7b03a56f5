/// Picks the product type whose template best fits a header, when `--type` is not given.
public struct TypeInference: Sendable {
  public enum Result: Sendable {
    case inferred(ProductSchema, note: String)
    case ambiguous(candidates: [String])
  }

  /// Best fit = most header columns that map to a field; ties broken by fewer missing required
  /// columns. A remaining tie is ambiguous: rules differ per type, so we do not guess.
  public static func infer(header: [String], from schemas: [ProductSchema]) -> Result {
    let scored = schemas.map { schema -> (schema: ProductSchema, matched: Int, missing: Int) in
      let mapping = HeaderMapping(header: header, schema: schema, file: "")
      return (schema, mapping.matchedCount, mapping.missingRequiredCount)
    }
    let ranked = scored.sorted { a, b in
      a.matched != b.matched ? a.matched > b.matched : a.missing < b.missing
    }
    guard let best = ranked.first, best.matched > 0 else {
      return .ambiguous(candidates: [])
    }
    let tied = ranked.filter { $0.matched == best.matched && $0.missing == best.missing }
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
