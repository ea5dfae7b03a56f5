#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// ECMA-376 ST_Xstring escapes: characters XML 1.0 cannot carry (control characters such as the
/// carriage return of a Windows line break) are written as `_xHHHH_`, the UTF-16 code unit in hex;
/// a literal `_x` followed by four hex digits and `_` has its underscore escaped as `_x005F_`.
enum XstringEscapes {
  /// Decodes the escapes in `buffer[start...]` in place (decoded text is never longer).
  /// Surrogate pairs written as two escapes become one character; a lone surrogate becomes U+FFFD.
  static func decode(_ buffer: inout [UInt8], from start: Int) {
    let count = buffer.count
    guard count - start >= 7 else { return }
    let found = buffer.withUnsafeBufferPointer { bytes in
      memchr(bytes.baseAddress! + start, Int32(UInt8(ascii: "_")), count - start) != nil
    }
    guard found else { return }
    var read = start
    var write = start
    while read < count {
      if let unit = escape(buffer, at: read) {
        var scalar: UInt32 = UInt32(unit)
        var length = 7
        if (0xD800..<0xDC00).contains(unit) {
          if let low = escape(buffer, at: read + 7), (0xDC00..<0xE000).contains(low) {
            scalar = 0x10000 + (UInt32(unit - 0xD800) << 10) + UInt32(low - 0xDC00)
            length = 14
          } else {
            scalar = 0xFFFD
          }
        } else if (0xDC00..<0xE000).contains(unit) {
          scalar = 0xFFFD
        }
        for byte in utf8(scalar) {
          buffer[write] = byte
          write += 1
        }
        read += length
      } else {
        buffer[write] = buffer[read]
        write += 1
        read += 1
      }
    }
    buffer.removeSubrange(write..<count)
  }

  /// The code unit of an escape `_xHHHH_` starting at `i`, or nil.
  private static func escape(_ buffer: [UInt8], at i: Int) -> UInt16? {
    guard i + 7 <= buffer.count, buffer[i] == UInt8(ascii: "_"), buffer[i + 1] == UInt8(ascii: "x") || buffer[i + 1] == UInt8(ascii: "X"),
      buffer[i + 6] == UInt8(ascii: "_")
    else { return nil }
    var value: UInt16 = 0
    for k in 2..<6 {
      guard let digit = Relationships.hexValue(buffer[i + k]) else { return nil }
      value = value << 4 | UInt16(digit)
    }
    return value
  }

  private static func utf8(_ scalar: UInt32) -> [UInt8] {
    switch scalar {
    case 0..<0x80: return [UInt8(scalar)]
    case 0x80..<0x800: return [UInt8(0xC0 | scalar >> 6), UInt8(0x80 | scalar & 0x3F)]
    case 0x800..<0x10000:
      return [UInt8(0xE0 | scalar >> 12), UInt8(0x80 | scalar >> 6 & 0x3F), UInt8(0x80 | scalar & 0x3F)]
    default:
      return [
        UInt8(0xF0 | scalar >> 18), UInt8(0x80 | scalar >> 12 & 0x3F), UInt8(0x80 | scalar >> 6 & 0x3F),
        UInt8(0x80 | scalar & 0x3F),
      ]
    }
  }
}
