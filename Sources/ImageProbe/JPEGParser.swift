/// Walks a JPEG marker stream by segment lengths up to the first frame header (SOFn).
///
/// Like libjpeg, bytes between segments that are not a marker (junk, or `FF 00`) are skipped up to
/// the next `FF`, and runs of `FF` fill bytes before a marker are allowed. APPn/COM and all other
/// length-prefixed segments are skipped by their length, so an EXIF thumbnail inside APP1 is never
/// mistaken for the main image.
enum JPEGParser {
  static func parse(_ r: ByteReader) throws(ParseStop) -> ImageInfo {
    try r.require(2, "file too short for a JPEG start-of-image marker")
    guard r.u8(0) == 0xFF, r.u8(1) == 0xD8 else {
      throw .invalid("missing JPEG start-of-image marker (FF D8)")
    }
    var state = State()
    var pos = 2
    while true {
      // Find the next marker: skip junk up to an FF, then any FF fill bytes.
      while true {
        try r.require(addClamped(pos, 1), "JPEG ends before the frame header (no SOF marker)")
        if r.u8(pos) == 0xFF { break }
        pos += 1
      }
      var marker: UInt8 = 0xFF
      while marker == 0xFF {
        try r.require(addClamped(pos, 2), "JPEG ends before the frame header (no SOF marker)")
        marker = r.u8(pos + 1)
        if marker == 0xFF { pos += 1 }
      }
      pos += 2
      let name = "FF" + hex(marker)
      switch marker {
      case 0x00:
        continue  // a stuffed FF 00 outside entropy-coded data: junk, keep scanning
      case 0x01, 0xD0...0xD7:
        continue  // TEM, RSTn: no length
      case 0xD8:
        throw .invalid("second start-of-image marker (FF D8) before the frame header")
      case 0xD9:
        throw .invalid("end-of-image marker (FF D9) before any frame header (SOF)")
      case 0xDA:
        throw .invalid("start-of-scan marker (FF DA) before any frame header (SOF)")
      case 0x02...0xBF:
        throw .invalid("unknown JPEG marker \(name) before the frame header")
      default:
        break
      }
      // A length-prefixed segment: C0–CF, DB–DF, E0–EF (APPn), F0–FE (JPGn, COM).
      try r.require(addClamped(pos, 2), "JPEG ends inside the length of segment \(name)")
      let length = Int(r.be16(pos))
      guard length >= 2 else {
        throw .invalid("segment \(name) declares length \(length), less than the minimum of 2")
      }
      let end = addClamped(pos, length)
      try r.require(end, "segment \(name) (\(length) bytes) runs past the end of the file")
      let payload = r.slice(pos + 2..<end)
      switch marker {
      case 0xC0...0xCF where marker != 0xC4 && marker != 0xC8 && marker != 0xCC:
        return try frame(marker: marker, name: name, payload: payload, state: state)
      case 0xE0:
        if state.jfif == nil { state.jfif = jfif(payload) }
      case 0xE1:
        if state.exif == nil { state.exif = EXIFParser.parseAPP1(payload) }
      case 0xEE:
        if state.adobeTransform == nil { state.adobeTransform = adobeTransform(payload) }
      default:
        break
      }
      pos = end
    }
  }

  /// What the segments before the frame header said.
  struct State {
    /// nil = no JFIF APP0 seen; .some(nil) = JFIF seen without an absolute density.
    var jfif: Resolution?? = nil
    var exif: EXIFParser.Result? = nil
    var adobeTransform: Int? = nil
  }

  static func frame(marker: UInt8, name: String, payload p: UnsafeRawBufferPointer, state: State)
    throws(ParseStop) -> ImageInfo
  {
    guard p.count >= 6 else {
      throw .invalid("frame header \(name) is too short (\(p.count + 2) bytes)")
    }
    let precision = Int(p[0])
    let height = Int(p[1]) << 8 | Int(p[2])
    let width = Int(p[3]) << 8 | Int(p[4])
    let components = Int(p[5])
    guard components == 1 || components == 3 || components == 4 else {
      throw .invalid("frame header declares \(components) colour components (expected 1, 3 or 4)")
    }
    guard p.count >= 6 + 3 * components else {
      throw .invalid("frame header \(name) is too short for \(components) components")
    }
    guard width > 0 else { throw .invalid("frame header declares a width of 0") }
    guard height > 0 else {
      throw .invalid("frame header declares a height of 0 (height defined later by DNL is not supported)")
    }
    guard (1...16).contains(precision) else {
      throw .invalid("frame header declares a sample precision of \(precision) bits")
    }
    let colorMode: ColorMode
    switch components {
    case 1: colorMode = .grayscale
    case 3: colorMode = .rgb
    default: colorMode = state.adobeTransform == 2 ? .ycck : .cmyk
    }
    let resolution: Resolution?
    if case .some(.some(let r)) = state.jfif {
      resolution = r
    } else {
      resolution = state.exif?.resolution
    }
    return ImageInfo(
      format: .jpeg, width: width, height: height, colorMode: colorMode, bitDepth: precision,
      components: components, hasAlpha: false,
      progressive: marker == 0xC2 || marker == 0xC6 || marker == 0xCA || marker == 0xCE,
      resolution: resolution, orientation: state.exif?.orientation, adobeTransform: state.adobeTransform)
  }

  /// JFIF APP0: "JFIF\0", version (2), units (1), Xdensity (2), Ydensity (2), ...
  /// nil = not a JFIF segment; .some(nil) = JFIF without an absolute density.
  static func jfif(_ p: UnsafeRawBufferPointer) -> Resolution?? {
    guard p.count >= 12, p[0] == 0x4A, p[1] == 0x46, p[2] == 0x49, p[3] == 0x46, p[4] == 0 else {
      return nil
    }
    let units = p[7]
    let x = Double(Int(p[8]) << 8 | Int(p[9]))
    let y = Double(Int(p[10]) << 8 | Int(p[11]))
    guard x > 0, y > 0 else { return .some(nil) }
    switch units {
    case 1: return .some(Resolution(x: x, y: y, source: .jfif))
    case 2: return .some(Resolution(x: x * 2.54, y: y * 2.54, source: .jfif))
    default: return .some(nil)
    }
  }

  /// Adobe APP14: "Adobe", version (2), flags0 (2), flags1 (2), transform (1).
  static func adobeTransform(_ p: UnsafeRawBufferPointer) -> Int? {
    guard p.count >= 12, p[0] == 0x41, p[1] == 0x64, p[2] == 0x6F, p[3] == 0x62, p[4] == 0x65 else {
      return nil
    }
    return Int(p[11])
  }

  static func hex(_ b: UInt8) -> String {
    let digits: [Character] = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "A", "B", "C", "D", "E", "F"]
    return String([digits[Int(b >> 4)], digits[Int(b & 0xF)]])
  }
}

/// Reads IFD0 of the TIFF structure inside an EXIF APP1 segment: resolution and orientation.
/// Only IFD0 is read and the IFD chain is never followed, so offset loops cannot occur.
enum EXIFParser {
  struct Result: Equatable {
    var resolution: Resolution?
    var orientation: Int?
  }

  /// At most this many IFD0 entries are examined.
  static let maxEntries = 1024

  /// `p` = APP1 payload. nil when it is not an EXIF segment (e.g. XMP).
  static func parseAPP1(_ p: UnsafeRawBufferPointer) -> Result? {
    // "Exif\0" followed by a pad byte (normally 0).
    guard p.count >= 6, p[0] == 0x45, p[1] == 0x78, p[2] == 0x69, p[3] == 0x66, p[4] == 0 else { return nil }
    return parseTIFF(UnsafeRawBufferPointer(rebasing: p[6...]))
  }

  static func parseTIFF(_ t: UnsafeRawBufferPointer) -> Result {
    var result = Result()
    guard t.count >= 8 else { return result }
    let littleEndian: Bool
    switch (t[0], t[1]) {
    case (0x49, 0x49): littleEndian = true
    case (0x4D, 0x4D): littleEndian = false
    default: return result
    }
    let r = OrderedReader(buf: t, littleEndian: littleEndian)
    guard r.u16(2) == 42, let ifd = Int(exactly: r.u32(4)), ifd >= 8, r.contains(ifd, 2) else { return result }
    let declared = Int(r.u16(ifd))
    let fitting = (t.count - ifd - 2) / 12
    let entries = min(declared, fitting, maxEntries)

    var xRes: Double?, yRes: Double?, unit: Int?
    var seen = Set<UInt16>()
    for i in 0..<entries {
      let e = ifd + 2 + 12 * i
      let tag = r.u16(e)
      guard seen.insert(tag).inserted else { continue }  // first occurrence wins
      let type = r.u16(e + 2)
      let count = r.u32(e + 4)
      guard count >= 1 else { continue }
      switch tag {
      case 0x0112:
        if let v = integer(r, entry: e, type: type), (1...8).contains(v) { result.orientation = v }
      case 0x0128:
        unit = integer(r, entry: e, type: type)
      case 0x011A:
        xRes = rational(r, entry: e, type: type)
      case 0x011B:
        yRes = rational(r, entry: e, type: type)
      default:
        break
      }
    }
    if let x = xRes {
      let y = yRes ?? x
      switch unit ?? 2 {  // TIFF default unit: inch
      case 2: result.resolution = Resolution(x: x, y: y, source: .exif)
      case 3: result.resolution = Resolution(x: x * 2.54, y: y * 2.54, source: .exif)
      default: break  // 1 = no absolute unit; anything else is unknown
      }
    }
    return result
  }

  /// SHORT (3) or LONG (4) value stored inline.
  static func integer(_ r: OrderedReader, entry e: Int, type: UInt16) -> Int? {
    switch type {
    case 3: return Int(r.u16(e + 8))
    case 4: return Int(exactly: r.u32(e + 8))
    default: return nil
    }
  }

  /// RATIONAL (5) or SRATIONAL (10) at the offset stored in the entry; nil when out of bounds,
  /// the denominator is 0, or the value is not a positive finite number.
  static func rational(_ r: OrderedReader, entry e: Int, type: UInt16) -> Double? {
    guard type == 5 || type == 10, let offset = Int(exactly: r.u32(e + 8)), r.contains(offset, 8) else {
      return nil
    }
    let num = r.u32(offset), den = r.u32(offset + 4)
    let value: Double
    if type == 5 {
      guard den != 0 else { return nil }
      value = Double(num) / Double(den)
    } else {
      let n = Int32(bitPattern: num), d = Int32(bitPattern: den)
      guard d != 0 else { return nil }
      value = Double(n) / Double(d)
    }
    guard value.isFinite, value > 0 else { return nil }
    return value
  }
}
