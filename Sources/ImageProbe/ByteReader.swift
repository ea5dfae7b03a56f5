/// Why a header walk stopped without a result.
enum ParseStop: Error {
  case needMore
  case invalid(String)
}

/// `a + b`, saturating at `Int.max` instead of trapping (callers compare the result against a count).
@inline(__always)
func addClamped(_ a: Int, _ b: Int) -> Int {
  let (sum, overflow) = a.addingReportingOverflow(b)
  return overflow ? Int.max : sum
}

/// Bounds-checked big/little-endian reads over a byte buffer. Every accessor returns 0 outside the
/// buffer (a second line of defence: callers establish availability with `require` first).
struct ByteReader {
  let buf: UnsafeRawBufferPointer
  let isComplete: Bool
  /// Message used when a read would go past `ImageProbe.headerBudget`.
  let budgetMessage: String

  var count: Int { buf.count }

  /// Throws unless bytes `0..<end` are available. Past the header budget → `.invalid(budgetMessage)`
  /// (checked first, so the answer does not depend on how much of the file was supplied); past the
  /// end of a complete file → `.invalid(truncated)`; past the end of a prefix → `.needMore`.
  func require(_ end: Int, _ truncated: @autoclosure () -> String) throws(ParseStop) {
    if end > ImageProbe.headerBudget { throw .invalid(budgetMessage) }
    if end > buf.count { throw isComplete ? .invalid(truncated()) : .needMore }
  }

  @inline(__always)
  func u8(_ i: Int) -> UInt8 {
    (i >= 0 && i < buf.count) ? buf[i] : 0
  }

  func be16(_ i: Int) -> UInt16 { UInt16(u8(i)) << 8 | UInt16(u8(addClamped(i, 1))) }

  func be32(_ i: Int) -> UInt32 {
    UInt32(u8(i)) << 24 | UInt32(u8(addClamped(i, 1))) << 16 | UInt32(u8(addClamped(i, 2))) << 8
      | UInt32(u8(addClamped(i, 3)))
  }

  /// The bytes in `range`, clamped to the buffer.
  func slice(_ range: Range<Int>) -> UnsafeRawBufferPointer {
    let lower = min(max(range.lowerBound, 0), buf.count)
    let upper = min(max(range.upperBound, lower), buf.count)
    return UnsafeRawBufferPointer(rebasing: buf[lower..<upper])
  }
}

/// Reads with a byte order chosen at run time (TIFF/EXIF), all bounds-checked (0 outside).
struct OrderedReader {
  let buf: UnsafeRawBufferPointer
  let littleEndian: Bool

  var count: Int { buf.count }

  /// True when `offset..<offset+length` lies inside the buffer.
  func contains(_ offset: Int, _ length: Int) -> Bool {
    offset >= 0 && length >= 0 && addClamped(offset, length) <= buf.count
  }

  @inline(__always)
  func u8(_ i: Int) -> UInt8 { (i >= 0 && i < buf.count) ? buf[i] : 0 }

  func u16(_ i: Int) -> UInt16 {
    let a = UInt16(u8(i)), b = UInt16(u8(addClamped(i, 1)))
    return littleEndian ? (b << 8 | a) : (a << 8 | b)
  }

  func u32(_ i: Int) -> UInt32 {
    let a = UInt32(u16(i)), b = UInt32(u16(addClamped(i, 2)))
    return littleEndian ? (b << 16 | a) : (a << 16 | b)
  }
}
