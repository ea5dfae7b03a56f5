/// Numbers as Excel shows them in the General format, without the binary noise of the stored
/// double: Excel writes 1.06 as `1.0600000000000001` (17 significant digits, enough to round-trip
/// any double) but shows "1.06". We give the shortest decimal that reads back as the same double.
enum NumberText {
  /// The magnitudes written as plain decimals; beyond them Swift's exponent form is kept.
  static let plainRange = 1e-6..<1e15

  /// A cell's stored number (`<v>` of a number cell): the double and its text, or nil when the
  /// bytes are not a decimal number (XML Schema `xsd:double` lexical form without INF/NaN).
  static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> (value: Double, text: String)? {
    let trimmed = trim(bytes)
    guard let shape = Shape(trimmed) else { return nil }
    if shape.isCanonical {
      // Already the shortest form: up to 15 significant digits always round-trip, and no shorter
      // decimal can name the same double.
      let text = String(decoding: trimmed, as: UTF8.self)
      guard let value = Double(text) else { return nil }
      return (value, text)
    }
    guard let value = Double(String(decoding: trimmed, as: UTF8.self)), value.isFinite else { return nil }
    return (value, format(value))
  }

  /// The shortest round-trip decimal of `value`: "1060", "1.06", "-0.5", "0.000001"; "0" for -0.
  /// Outside `plainRange` in Swift's exponent form, "1.2345678901234568e+17", "1e-07" (also for
  /// 1e15 ..< 2^53, which Swift itself would write as "1000000000000000.0").
  static func format(_ value: Double) -> String {
    if value == 0 { return "0" }
    let swift = value.description
    // Swift's description is shortest round-trip, as "1060.0", "1.06" or "1e-05": take its digits
    // and decimal exponent and lay them out.
    var digits: [UInt8] = []
    var exponent = 0
    var pointSeen = false
    var integerDigits = 0
    var bytes = Array(swift.utf8)
    let negative = bytes.first == UInt8(ascii: "-")
    if negative { bytes.removeFirst() }
    var i = 0
    while i < bytes.count {
      let byte = bytes[i]
      if byte == UInt8(ascii: ".") {
        pointSeen = true
      } else if byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E") {
        exponent = Int(String(decoding: bytes[(i + 1)...], as: UTF8.self)) ?? 0
        break
      } else {
        digits.append(byte)
        if !pointSeen { integerDigits += 1 }
      }
      i += 1
    }
    // value = 0.d1d2d3… × 10^(integerDigits + exponent)
    var point = integerDigits + exponent
    while digits.first == UInt8(ascii: "0") {
      digits.removeFirst()
      point -= 1
    }
    while digits.last == UInt8(ascii: "0") { digits.removeLast() }
    var out: [UInt8] = negative ? [UInt8(ascii: "-")] : []
    guard plainRange.contains(value.magnitude) else {
      // d.ddd e±XX, the exponent with at least two digits, as Swift writes it.
      out.append(digits[0])
      if digits.count > 1 { out += [UInt8(ascii: ".")] + digits[1...] }
      let power = point - 1
      let magnitude = String(abs(power))
      out += Array("e\(power < 0 ? "-" : "+")\(magnitude.count < 2 ? "0" : "")\(magnitude)".utf8)
      return String(decoding: out, as: UTF8.self)
    }
    if point <= 0 {
      out += Array("0.".utf8) + [UInt8](repeating: UInt8(ascii: "0"), count: -point) + digits
    } else if point >= digits.count {
      out += digits + [UInt8](repeating: UInt8(ascii: "0"), count: point - digits.count)
    } else {
      out += digits[..<point] + [UInt8(ascii: ".")] + digits[point...]
    }
    return String(decoding: out, as: UTF8.self)
  }

  static func trim(_ bytes: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
    var start = 0
    var end = bytes.count
    while start < end, isSpace(bytes[start]) { start += 1 }
    while end > start, isSpace(bytes[end - 1]) { end -= 1 }
    return UnsafeBufferPointer(rebasing: bytes[start..<end])
  }

  @inline(__always) static func isSpace(_ byte: UInt8) -> Bool {
    byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
  }

  /// The syntax of a decimal number: `-?digits(.digits)?([eE][+-]?digits)?`, with a leading "." or
  /// trailing "." allowed as strtod does.
  struct Shape {
    var isCanonical: Bool

    init?(_ bytes: UnsafeBufferPointer<UInt8>) {
      var i = 0
      let n = bytes.count
      func isDigit(_ k: Int) -> Bool { k < n && bytes[k] >= UInt8(ascii: "0") && bytes[k] <= UInt8(ascii: "9") }
      let negative = n > 0 && bytes[0] == UInt8(ascii: "-")
      if n > 0 && (bytes[0] == UInt8(ascii: "-") || bytes[0] == UInt8(ascii: "+")) { i += 1 }
      let integerStart = i
      while isDigit(i) { i += 1 }
      let integerEnd = i
      var fractionStart = i
      var fractionEnd = i
      var hasPoint = false
      if i < n && bytes[i] == UInt8(ascii: ".") {
        hasPoint = true
        i += 1
        fractionStart = i
        while isDigit(i) { i += 1 }
        fractionEnd = i
      }
      guard integerEnd > integerStart || fractionEnd > fractionStart else { return nil }
      var hasExponent = false
      if i < n && (bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E")) {
        hasExponent = true
        i += 1
        if i < n && (bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-")) { i += 1 }
        guard isDigit(i) else { return nil }
        while isDigit(i) { i += 1 }
      }
      guard i == n else { return nil }

      // Canonical: "0", or "-"? then an integer part without leading zeros, an optional fraction
      // that does not end in 0, at most 15 significant digits, and a magnitude in plainRange.
      let integerCount = integerEnd - integerStart
      let fractionCount = fractionEnd - fractionStart
      guard !hasExponent, bytes[0] != UInt8(ascii: "+"), integerCount >= 1,
        !hasPoint || (fractionCount >= 1 && bytes[fractionEnd - 1] != UInt8(ascii: "0"))
      else {
        isCanonical = false
        return
      }
      if bytes[integerStart] == UInt8(ascii: "0") {
        // "0" or "0.000123": up to five zeros after the point keep it ≥ 1e-6.
        guard integerCount == 1 else {
          isCanonical = false
          return
        }
        if !hasPoint {
          isCanonical = !negative  // "-0" is "0"
          return
        }
        var zeros = 0
        while fractionStart + zeros < fractionEnd, bytes[fractionStart + zeros] == UInt8(ascii: "0") { zeros += 1 }
        isCanonical = zeros <= 5 && fractionCount - zeros <= 15
      } else {
        isCanonical = integerCount <= 15 && integerCount + fractionCount <= 15
      }
    }
  }
}
