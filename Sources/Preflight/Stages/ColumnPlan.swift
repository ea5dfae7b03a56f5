/// What to check in one column, prepared once from the header so the row loop only reads it.
struct ColumnPlan {
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

  var column: Int
  var field: Field
  /// Header name as written in the file (what locations show).
  var headerName: String
  var check: Check

  init(column: Int, field: Field, headerName: String) {
    self.column = column
    self.field = field
    self.headerName = headerName
    func lowered(_ values: [String]) -> [[UInt8]] { values.map { Array($0.lowercased().utf8) } }
    if let list = field.list {
      check = .list(ListPlan(separator: list.separator, numbers: list.itemKind == .number, lowered: list.allowed.map(lowered)))
    } else {
      switch field.kind {
      case .number: check = .number
      case .boolean: check = .boolean
      case .text:
        if let allowed = field.allowed {
          check = .choice(lowered: lowered(allowed))
        } else {
          check = .text(maxLength: field.maxLength, formulaCheck: true)
        }
      }
    }
  }
}
