/// What `fix` may change in one column, from the field's kind in the schema.
enum ColumnRepair: Equatable {
  /// Text, choices, lists of words, unknown columns: surrounding spaces only.
  case text
  case number
  case boolean
  /// A list of numbers whose separator is not the comma: each item is a number cell.
  /// (With a comma separator an item cannot hold a decimal comma, so such lists are text.)
  case numberItems(separator: UInt8)

  init(field: Field?) {
    guard let field else {
      self = .text
      return
    }
    if let list = field.list {
      self = list.itemKind == .number && list.separator != 0x2C ? .numberItems(separator: list.separator) : .text
    } else if field.kind == .number {
      self = .number
    } else if field.kind == .boolean {
      self = .boolean
    } else {
      self = .text
    }
  }
}
