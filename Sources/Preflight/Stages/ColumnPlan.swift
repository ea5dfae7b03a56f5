/// What to check in one column, prepared once from the header so the row loop only reads it.
/// A class: the row loop must not copy a `Field` (and retain its strings) for every cell.
final class ColumnPlan {
  enum Check {
    case text(maxLength: Int?, formulaCheck: Bool)
    case number
    case boolean
    case choice(lowered: [[UInt8]])
    case list(ListPlan)
  }

  struct ListPlan {
    var separator: UInt8
    var numbers: Bool
    var lowered: [[UInt8]]?
  }

  /// Position in the plan list (and of its `CellRule`).
  let index: Int
  let column: Int
  let field: Field
  /// Header name as written in the file (what locations show).
  let headerName: String
  let check: Check

  init(index: Int, column: Int, field: Field, headerName: String) {
    self.index = index
    self.column = column
    self.field = field
    self.headerName = headerName
    func lowered(_ values: [String]) -> [[UInt8]] { values.map { Array($0.lowercased().utf8) } }
    if let list = field.list {
      check = .list(ListPlan(separator: list.separator, numbers: list.itemKind == .number, lowered: list.allowed.map(lowered)))
    } else if field.kind == .number {
      check = .number
    } else if field.kind == .boolean {
      check = .boolean
    } else if let allowed = field.allowed {
      check = .choice(lowered: lowered(allowed))
    } else {
      check = .text(maxLength: field.maxLength, formulaCheck: true)
    }
  }
}

/// The part of a column's plan the row loop reads for every cell: trivial values only, so that
/// iterating over it retains nothing. Messages and enum lists stay in `ColumnPlan`.
struct CellRule {
  enum Kind: UInt8 { case text, number, boolean, choice, list }
  var index: Int
  var column: Int
  var kind: Kind
  var required: Bool
  var isSKU: Bool
  var maxLength: Int
  var minimum: Double
  var maximum: Double
  var exclusiveMinimum: Double
  var listSeparator: UInt8
  var listNumbers: Bool

  init(plan: ColumnPlan, index: Int, isSKU: Bool) {
    self.index = index
    column = plan.column - 1
    required = plan.field.required
    self.isSKU = isSKU
    maxLength = plan.field.maxLength ?? Int.max
    minimum = plan.field.minimum ?? -.infinity
    maximum = plan.field.maximum ?? .infinity
    exclusiveMinimum = plan.field.exclusiveMinimum ?? -.infinity
    listSeparator = plan.field.list?.separator ?? 0x2C
    listNumbers = plan.field.list?.itemKind == .number
    switch plan.check {
    case .text: kind = .text
    case .number: kind = .number
    case .boolean: kind = .boolean
    case .choice: kind = .choice
    case .list: kind = .list
    }
  }

  /// Inclusive bounds, plus the strict lower bound of dimensions.
  func inRange(_ number: Double) -> Bool {
    number > exclusiveMinimum && number >= minimum && number <= maximum
  }
}

/// The schema's dimension rule with its fields turned into column indices (nil: no such column).
struct DimensionPlan {
  var requireOneOf: [[Int?]]
  var completePairs: [[Int?]]
  var isEmpty: Bool { requireOneOf.isEmpty && completePairs.isEmpty }

  init(rule: ProductSchema.DimensionRule, columnOfField: [String: Int]) {
    requireOneOf = rule.requireOneOf.map { $0.map { columnOfField[$0] } }
    completePairs = rule.completePairs.map { $0.map { columnOfField[$0] } }
  }

  /// True when every group of the rule is satisfied, computed without building any string.
  func isSatisfied(_ filled: (Int?) -> Bool) -> Bool {
    for pair in completePairs {
      var count = 0
      for column in pair where filled(column) { count += 1 }
      if count != 0 && count != pair.count { return false }
    }
    if requireOneOf.isEmpty { return true }
    for group in requireOneOf where group.allSatisfy(filled) { return true }
    return false
  }
}
