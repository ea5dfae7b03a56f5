extension DiagnosticCode {
  public static let outOfRange = DiagnosticCode(
    id: "out-of-range", stage: .validatingCSV, effect: .skipsRow,
    summary: "A number is outside the range the field allows.",
    explanation: "Wizart documents limits per field (a wallpaper roll is 0.01–15 m wide, flooring up to 5 m…). A value outside them is rejected for that row: the server skips it. Sizes are in metres, so 106 usually means centimetres were entered.",
    fix: "Check the unit (metres) and the value; correct it to lie within the range given in the message.",
    example: (bad: "product_width = 106", good: "product_width = 1.06"))
}

enum OutOfRangeCheck {
  static func finding(at location: Location, field: Field, value: String, number: Double) -> Finding {
    var bounds: [String] = []
    if let exclusive = field.exclusiveMinimum { bounds.append("greater than \(format(exclusive))") }
    if let minimum = field.minimum { bounds.append("at least \(format(minimum))") }
    if let maximum = field.maximum { bounds.append("at most \(format(maximum))") }
    var hint = "the value must be \(bounds.joined(separator: " and "))"
    if let maximum = field.maximum, number >= maximum * 2, number / 100 <= maximum,
      number / 100 >= (field.minimum ?? 0), looksLikeLength(field.name)
    {
      hint += "; sizes are in metres: did you mean \(format(number / 100))?"
    }
    return Finding(
      .outOfRange, "\(field.name): \(value) is out of range", hint: hint, at: location, value: value)
  }

  static func format(_ number: Double) -> String {
    if number == number.rounded() && abs(number) < 1e15 { return String(Int(number)) }
    return String(number)
  }

  private static func looksLikeLength(_ name: String) -> Bool {
    name.hasSuffix("width") || name.hasSuffix("length") || name.hasSuffix("repeat") || name.hasSuffix("thickness") || name.hasSuffix("height")
  }
}
