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
  /// Allowed values (choice, or list items) as a range of `AllowedValues.spans`; empty = any.
  var allowedStart = 0
  var allowedEnd = 0

  init(plan: ColumnPlan, index: Int, isSKU: Bool, allowed: inout AllowedValues) {
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
    case .choice(let lowered):
      kind = .choice
      (allowedStart, allowedEnd) = allowed.add(lowered)
    case .list(let list):
      kind = .list
      if let lowered = list.lowered { (allowedStart, allowedEnd) = allowed.add(lowered) }
    }
  }

  /// Inclusive bounds, plus the strict lower bound of dimensions.
  func inRange(_ number: Double) -> Bool {
    number > exclusiveMinimum && number >= minimum && number <= maximum
  }
}

/// Every column's allowed values, lower-cased, in one byte pool: comparing a cell against them
/// touches no reference-counted storage.
struct AllowedValues {
  var pool: [UInt8] = []
  var spans: [Range<Int>] = []

  mutating func add(_ values: [[UInt8]]) -> (Int, Int) {
    let first = spans.count
    for value in values {
      spans.append(pool.count..<pool.count + value.count)
      pool.append(contentsOf: value)
    }
    return (first, spans.count)
  }
}

/// Read-only views of `AllowedValues` for the row loop.
struct AllowedView {
  var pool: UnsafeBufferPointer<UInt8>
  var spans: UnsafeBufferPointer<Range<Int>>

  /// Case-insensitive (ASCII) membership; any value is allowed when the rule lists none.
  func allows(_ value: UnsafeRawBufferPointer, _ rule: CellRule) -> Bool {
    guard rule.allowedStart < rule.allowedEnd else { return true }
    for index in rule.allowedStart..<rule.allowedEnd {
      let span = spans[index]
      guard span.count == value.count else { continue }
      var equal = true
      for offset in 0..<span.count {
        var byte = value[offset]
        if byte >= 0x41 && byte <= 0x5A { byte |= 0x20 }
        if byte != pool[span.lowerBound + offset] {
          equal = false
          break
        }
      }
      if equal { return true }
    }
    return false
  }

  /// True when every item of a list cell is non-empty and valid: the common case, decided
  /// without strings so that only a problem takes the slow path.
  func listIsClean(_ value: UnsafeRawBufferPointer, _ rule: CellRule) -> Bool {
    var start = 0
    var index = 0
    let count = value.count
    while index <= count {
      if index == count || value[index] == rule.listSeparator {
        let item = ByteText.trimmed(UnsafeRawBufferPointer(rebasing: value[start..<index]))
        if item.count == 0 { return false }
        if rule.listNumbers {
          guard let number = DecimalNumber.parse(item), rule.inRange(number) else { return false }
        } else if !allows(item, rule) {
          return false
        }
        start = index + 1
      }
      index += 1
    }
    return true
  }
}

/// The schema's dimension rule with its fields turned into column indices (nil: no such column).
/// A class: the row loop reads it for every row and must not copy its arrays.
final class DimensionPlan {
  let requireOneOf: [[Int?]]
  let completePairs: [[Int?]]
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
