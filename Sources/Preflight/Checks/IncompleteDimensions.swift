extension DiagnosticCode {
  public static let incompleteDimensions = DiagnosticCode(
    id: "incomplete-dimensions", stage: .validatingCSV, effect: .stopsImport,
    summary: "A row lacks the size values its product type needs, or has half of a width/length pair.",
    explanation: "Wizart scales the image to the real surface from the row's sizes: flooring needs product_width and product_length, or pattern_width and pattern_length (linoleum and carpet rolls always the pattern pair); murals, decals and borders need the pattern pair; wallpaper product_width and repeat_width. Without them the product cannot be shown at the right size.",
    fix: "Fill in both values of the pair named in the message, in metres.",
    example: (bad: "product_width = 0.2, product_length = (empty)", good: "product_width = 0.2, product_length = 1.2"))
}

enum IncompleteDimensionsCheck {
  /// Findings for one row, given which of the rule's fields hold a value.
  /// `columnMissing` names fields whose whole column is absent: already reported once at the
  /// header, so a row is not blamed for them again.
  static func findings(
    rule: ProductSchema.DimensionRule, filled: (String) -> Bool, columnMissing: (String) -> Bool,
    location: Location, type: String
  ) -> [Finding] {
    var findings: [Finding] = []
    var halfFilled: [[String]] = []
    for pair in rule.completePairs {
      let present = pair.filter(filled)
      guard !present.isEmpty && present.count < pair.count else { continue }
      halfFilled.append(pair)
      let absent = pair.filter { !filled($0) }
      findings.append(
        Finding(
          .incompleteDimensions,
          "\(present.joined(separator: " and ")) is filled but \(absent.joined(separator: " and ")) is empty",
          hint: "fill in \(absent.joined(separator: " and ")) too, or leave the whole pair empty",
          at: Location(file: location.file, line: location.line, row: location.row, field: absent.first)))
    }
    // A half-filled pair that would satisfy the rule already says what to add: one finding per row.
    let explained = rule.requireOneOf.contains { halfFilled.contains($0) }
    if !explained && !rule.requireOneOf.isEmpty && !rule.requireOneOf.contains(where: { $0.allSatisfy(filled) }) {
      let missing = rule.requireOneOf.flatMap { $0 }.filter { !filled($0) }
      if !missing.allSatisfy(columnMissing) {
        let groups = rule.requireOneOf.map { $0.joined(separator: " and ") }
        let need = groups.count == 1 ? groups[0] : groups.joined(separator: ", or ")
        findings.append(
          Finding(
            .incompleteDimensions, "the row has no complete size: \(type) needs \(need)",
            hint: "fill in \(need) (in metres)", at: location))
      }
    }
    return findings
  }
}
