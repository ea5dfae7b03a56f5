#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Looks at every byte of a part before libxml2 does, and stops the part at the first sign of an
/// attack on the parser rather than trusting the parser to survive it:
///
/// - `<!` that does not open a comment or a CDATA section: a DOCTYPE or another DTD declaration.
///   OOXML never has one, and the DTD is where billion-laughs and external-entity (XXE) payloads live,
///   so libxml2 never even sees its declarations.
/// - more than `maxAttributes` attributes on one element (libxml2 2.9 compares them pairwise).
/// - a byte-order mark or first bytes of UTF-16 or UTF-32: parts are read as UTF-8 only (what Excel
///   writes), so the byte patterns above cannot hide in another encoding.
///
/// A small lexer over well-formed XML: text, tags (with quoted attribute values, where `>` and `=`
/// are plain characters), comments, CDATA sections and processing instructions. On malformed XML it
/// may lose its place; libxml2 then reports the damage.
struct XMLByteScreen {
  enum Problem: Equatable {
    case declaration
    case tooManyAttributes
    /// The encoding the first bytes show.
    case notUTF8(String)
  }

  private enum State {
    case text
    /// Just after `<`.
    case open
    /// Just after `<!`.
    case bang
    /// After `<!-`.
    case commentOpen
    /// Inside `<!-- … -->`: `run` counts trailing dashes.
    case comment(run: Int)
    /// Inside `<![CDATA[ … ]]>`: `run` counts trailing brackets.
    case cdata(run: Int)
    /// Inside `<? … ?>`: `question` is true after a `?`.
    case instruction(question: Bool)
    case tag
    case quoted(UInt8)
  }

  let maxAttributes: Int
  private var state = State.text
  private var attributes = 0
  private var started = false

  init(maxAttributes: Int) {
    self.maxAttributes = maxAttributes
  }

  /// Screens the next bytes of the part; nil while everything is fine.
  mutating func screen(_ bytes: UnsafeRawBufferPointer) -> Problem? {
    guard let base = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self), !bytes.isEmpty else { return nil }
    if !started {
      started = true
      if let encoding = Self.foreignEncoding(UnsafeBufferPointer(start: base, count: bytes.count)) {
        return .notUTF8(encoding)
      }
    }
    // Local copies the optimiser can keep in registers; written back on every way out.
    var state = self.state
    var attributes = self.attributes
    defer {
      self.state = state
      self.attributes = attributes
    }
    let maxAttributes = self.maxAttributes
    let end = base + bytes.count
    var p = base
    while p < end {
      switch state {
      case .text:
        // Plain loops, not memchr: the runs between tags of a sheet are a few bytes long.
        while p < end && p.pointee != UInt8(ascii: "<") { p += 1 }
        if p == end { return nil }
        state = .open
      case .open:
        switch p.pointee {
        case UInt8(ascii: "!"): state = .bang
        case UInt8(ascii: "?"): state = .instruction(question: false)
        default:
          state = .tag
          attributes = 0
          continue  // the byte belongs to the tag (a name, `/`, or `>`)
        }
      case .bang:
        switch p.pointee {
        case UInt8(ascii: "-"): state = .commentOpen
        // `<![CDATA[`; anything else after `<![` is malformed and libxml2 says so.
        case UInt8(ascii: "["): state = .cdata(run: 0)
        default: return .declaration
        }
      case .commentOpen:
        state = .comment(run: 0)
        if p.pointee != UInt8(ascii: "-") { continue }
      case .comment(let run):
        let byte = p.pointee
        if byte == UInt8(ascii: ">") && run >= 2 {
          state = .text
        } else {
          state = .comment(run: byte == UInt8(ascii: "-") ? run + 1 : 0)
        }
      case .cdata(let run):
        let byte = p.pointee
        if byte == UInt8(ascii: ">") && run >= 2 {
          state = .text
        } else {
          state = .cdata(run: byte == UInt8(ascii: "]") ? run + 1 : 0)
        }
      case .instruction(let question):
        let byte = p.pointee
        if byte == UInt8(ascii: ">") && question {
          state = .text
        } else {
          state = .instruction(question: byte == UInt8(ascii: "?"))
        }
      case .tag:
        // The hot loop: most bytes of a sheet are inside tags.
        while p < end {
          let byte = p.pointee
          if byte == UInt8(ascii: ">") {
            state = .text
            break
          } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
            state = .quoted(byte)
            break
          } else if byte == UInt8(ascii: "=") {
            attributes += 1
            if attributes > maxAttributes { return .tooManyAttributes }
          }
          p += 1
        }
        if p == end { return nil }
      case .quoted(let quote):
        while p < end && p.pointee != quote { p += 1 }
        if p == end { return nil }
        state = .tag
      }
      p += 1
    }
    return nil
  }

  /// The encoding the first bytes announce, when it is not UTF-8 (with or without its BOM).
  static func foreignEncoding(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
    let b = Array(bytes.prefix(4))
    func starts(_ prefix: [UInt8]) -> Bool { b.count >= prefix.count && Array(b.prefix(prefix.count)) == prefix }
    if starts([0x00, 0x00, 0xFE, 0xFF]) || starts([0xFF, 0xFE, 0x00, 0x00]) || starts([0x00, 0x00, 0x00, 0x3C])
      || starts([0x3C, 0x00, 0x00, 0x00])
    {
      return "UTF-32"
    }
    if starts([0xFE, 0xFF]) || starts([0xFF, 0xFE]) || starts([0x00, 0x3C]) || starts([0x3C, 0x00]) {
      return "UTF-16"
    }
    if starts([0x4C, 0x6F, 0xA7, 0x94]) { return "EBCDIC" }
    return nil
  }
}
