/// Small but well-formed PNG and JPEG files for tests: headers as real encoders write them,
/// with pixel data that only needs to be present, not decodable.
public enum ImageBytes {
  /// PNG colour types: 0 gray, 2 RGB, 3 palette, 4 gray+alpha, 6 RGBA.
  public static func png(
    width: Int, height: Int, colorType: UInt8 = 2, bitDepth: UInt8 = 8, pixelsPerMetre: UInt32? = 11811,
    transparency: Bool = false, ending: Bool = true
  ) -> [UInt8] {
    var bytes: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
    var header: [UInt8] = []
    header.appendBigEndian32(UInt32(width))
    header.appendBigEndian32(UInt32(height))
    header += [bitDepth, colorType, 0, 0, 0]
    chunk("IHDR", header, into: &bytes)
    if let pixelsPerMetre {
      var physical: [UInt8] = []
      physical.appendBigEndian32(pixelsPerMetre)
      physical.appendBigEndian32(pixelsPerMetre)
      physical.append(1)
      chunk("pHYs", physical, into: &bytes)
    }
    if colorType == 3 { chunk("PLTE", [0, 0, 0, 255, 255, 255], into: &bytes) }
    if transparency { chunk("tRNS", [0], into: &bytes) }
    chunk("IDAT", [0x78, 0x9C, 0x63, 0x60, 0x00, 0x00, 0x00, 0x02, 0x00, 0x01], into: &bytes)
    if ending { chunk("IEND", [], into: &bytes) }
    return bytes
  }

  /// A baseline (or progressive) JPEG with a JFIF density, optional Adobe APP14 transform.
  public static func jpeg(
    width: Int, height: Int, components: UInt8 = 3, dpi: UInt16? = 300, adobeTransform: UInt8? = nil,
    progressive: Bool = false, ending: Bool = true
  ) -> [UInt8] {
    var bytes: [UInt8] = [0xFF, 0xD8]
    var jfif: [UInt8] = Array("JFIF".utf8) + [0, 1, 1]
    if let dpi {
      jfif.append(1)
      jfif.appendBigEndian16(dpi)
      jfif.appendBigEndian16(dpi)
    } else {
      jfif += [0, 0, 1, 0, 1]
    }
    jfif += [0, 0]
    segment(0xE0, jfif, into: &bytes)
    if let adobeTransform {
      segment(0xEE, Array("Adobe".utf8) + [0, 100, 0, 0, 0, 0, adobeTransform], into: &bytes)
    }
    var frame: [UInt8] = [8]
    frame.appendBigEndian16(UInt16(height))
    frame.appendBigEndian16(UInt16(width))
    frame.append(components)
    for id in 1...components { frame += [id, 0x11, 0] }
    segment(progressive ? 0xC2 : 0xC0, frame, into: &bytes)
    var scan: [UInt8] = [components]
    for id in 1...components { scan += [id, 0] }
    scan += [0, 63, 0]
    segment(0xDA, scan, into: &bytes)
    bytes += [0x12, 0x34, 0x56, 0x78]
    if ending { bytes += [0xFF, 0xD9] }
    return bytes
  }

  private static func chunk(_ type: String, _ data: [UInt8], into bytes: inout [UInt8]) {
    bytes.appendBigEndian32(UInt32(data.count))
    let typed = Array(type.utf8) + data
    bytes += typed
    bytes.appendBigEndian32(FixtureCRC32.checksum(typed))
  }

  private static func segment(_ marker: UInt8, _ data: [UInt8], into bytes: inout [UInt8]) {
    bytes += [0xFF, marker]
    bytes.appendBigEndian16(UInt16(data.count + 2))
    bytes += data
  }
}
