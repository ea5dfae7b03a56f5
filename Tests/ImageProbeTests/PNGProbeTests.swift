import ImageProbe
import Testing

@Suite("PNG headers")
struct PNGProbeTests {
  func probe(_ bytes: [UInt8], complete: Bool = true) -> ProbeResult {
    ImageProbe.probe(bytes, isComplete: complete)
  }

  static let validCombos: [(colorType: UInt8, depths: [UInt8])] = [
    (0, [1, 2, 4, 8, 16]), (2, [8, 16]), (3, [1, 2, 4, 8]), (4, [8, 16]), (6, [8, 16]),
  ]

  @Test func crcImplementationMatchesKnownValues() {
    #expect(referenceCRC32(ascii("123456789")) == 0xCBF4_3926)
    #expect(PNG.iend == [0, 0, 0, 0] + ascii("IEND") + [0xAE, 0x42, 0x60, 0x82])
  }

  @Test func rgb8() throws {
    let info = try #require(probe(PNG.file()).info)
    #expect(
      info
        == ImageInfo(
          format: .png, width: 32, height: 16, colorMode: .rgb, bitDepth: 8, components: 3, hasAlpha: false,
          progressive: false, resolution: nil, orientation: nil, adobeTransform: nil))
  }

  @Test func everyValidColourTypeAndDepth() throws {
    let expected: [UInt8: (ColorMode, Int, Bool)] = [
      0: (.grayscale, 1, false), 2: (.rgb, 3, false), 3: (.palette, 1, false), 4: (.grayscaleAlpha, 2, true),
      6: (.rgba, 4, true),
    ]
    for (colorType, depths) in Self.validCombos {
      for depth in depths {
        let plte = colorType == 3 ? PNG.plte(entries: 2) : []
        let info = try #require(probe(PNG.file(ihdr: PNG.ihdr(bitDepth: depth, colorType: colorType), before: plte)).info)
        let (mode, channels, alpha) = try #require(expected[colorType])
        #expect(info.colorMode == mode, "colour type \(colorType)")
        #expect(info.components == channels)
        #expect(info.hasAlpha == alpha)
        #expect(info.bitDepth == Int(depth))
      }
    }
  }

  @Test func everyInvalidColourTypeAndDepth() {
    var checked = 0
    for colorType in UInt8(0)...UInt8(8) {
      for depth: UInt8 in [0, 1, 2, 3, 4, 5, 8, 12, 16, 32, 99] {
        let valid = Self.validCombos.first { $0.colorType == colorType }?.depths.contains(depth) ?? false
        if valid { continue }
        #expect(probe(PNG.file(ihdr: PNG.ihdr(bitDepth: depth, colorType: colorType))).isInvalid)
        checked += 1
      }
    }
    #expect(checked > 70)
  }

  @Test func sixteenBitRGBA() throws {
    let info = try #require(probe(PNG.file(ihdr: PNG.ihdr(bitDepth: 16, colorType: 6))).info)
    #expect(info.bitDepth == 16 && info.colorMode == .rgba && info.hasAlpha)
  }

  @Test func paletteWithTRNS() throws {
    let info = try #require(probe(PNG.rich).info)
    #expect(info.colorMode == .palette && info.components == 1)
    #expect(info.hasAlpha)
    #expect(info.width == 1024 && info.height == 768)
    let r = try #require(info.resolution)
    #expect(abs(r.x - 299.9994) < 1e-9 && r.source == .png)
  }

  @Test func paletteWithoutPLTEIsInvalid() {
    #expect(probe(PNG.file(ihdr: PNG.ihdr(colorType: 3))).reason?.contains("PLTE") == true)
  }

  @Test func tRNSOnGrayAndRGB() throws {
    let gray = try #require(probe(PNG.file(ihdr: PNG.ihdr(colorType: 0), before: PNG.chunk("tRNS", [0, 0]))).info)
    #expect(gray.hasAlpha && gray.colorMode == .grayscale)
    let rgb = try #require(probe(PNG.file(before: PNG.chunk("tRNS", [0, 0, 0, 0, 0, 0]))).info)
    #expect(rgb.hasAlpha && rgb.colorMode == .rgb)
    // Wrong size for the colour type: ignored, like libpng.
    let bad = try #require(probe(PNG.file(before: PNG.chunk("tRNS", [0, 0]))).info)
    #expect(!bad.hasAlpha)
  }

  @Test func withoutPHYs() throws {
    #expect(try #require(probe(PNG.file()).info).resolution == nil)
  }

  @Test func pHYsDPI() throws {
    let r = try #require(probe(PNG.file(before: PNG.phys(x: 2835, y: 3780, unit: 1))).info?.resolution)
    #expect(abs(r.x - 72.009) < 1e-9 && abs(r.y - 96.012) < 1e-9)
    #expect(r.source == .png)
  }

  @Test func pHYsUnitZeroHasNoResolution() throws {
    #expect(try #require(probe(PNG.file(before: PNG.phys(x: 1, y: 1, unit: 0))).info).resolution == nil)
  }

  @Test(arguments: [0, 8, 10])
  func pHYsWrongLengthHasNoResolution(length: Int) throws {
    let chunk = PNG.chunk("pHYs", [UInt8](repeating: 1, count: length))
    #expect(try #require(probe(PNG.file(before: chunk)).info).resolution == nil)
  }

  @Test func interlaced() throws {
    #expect(try #require(probe(PNG.file(ihdr: PNG.ihdr(interlace: 1))).info).progressive)
  }

  @Test func badIHDRFields() {
    #expect(probe(PNG.file(ihdr: PNG.ihdr(interlace: 2))).isInvalid)
    #expect(probe(PNG.file(ihdr: PNG.ihdr(compression: 1))).isInvalid)
    #expect(probe(PNG.file(ihdr: PNG.ihdr(filter: 1))).isInvalid)
    #expect(probe(PNG.file(ihdr: PNG.ihdr(width: 0))).reason?.contains("width 0") == true)
    #expect(probe(PNG.file(ihdr: PNG.ihdr(height: 0))).isInvalid)
    #expect(probe(PNG.file(ihdr: PNG.ihdr(width: 0x8000_0000))).isInvalid)
    #expect(probe(PNG.file(ihdr: PNG.ihdr(width: 0x7FFF_FFFF, height: 0x7FFF_FFFF))).info?.width == 0x7FFF_FFFF)
  }

  @Test func badIHDRCRC() {
    let bytes = PNG.file(ihdr: PNG.ihdr(crc: 0xDEAD_BEEF))
    #expect(probe(bytes).reason?.contains("IHDR chunk CRC") == true)
    #expect(probe(bytes, complete: false).reason?.contains("IHDR chunk CRC") == true)
  }

  @Test func badAncillaryCRC() {
    let bad = PNG.chunk("pHYs", be32(2835) + be32(2835) + [1], crc: 0)
    #expect(probe(PNG.file(before: bad)).reason?.contains("pHYs") == true)
  }

  @Test func ihdrNotFirstOrWrongLength() {
    #expect(probe(PNG.signature + PNG.phys(x: 1, y: 1, unit: 1) + PNG.ihdr() + PNG.idat + PNG.iend).isInvalid)
    let long = PNG.chunk("IHDR", be32(1) + be32(1) + [8, 2, 0, 0, 0, 0])
    #expect(probe(PNG.signature + long + PNG.idat + PNG.iend).reason?.contains("expected 13") == true)
  }

  @Test func damagedSignature() {
    var crlf = PNG.file()
    crlf.insert(0x0D, at: 5)  // CR added before the LF, as an ASCII-mode transfer would
    #expect(ImageProbe.format(of: crlf) == .png)
    #expect(probe(crlf).reason?.contains("signature") == true)
  }

  @Test func iendBeforeIDAT() {
    #expect(probe(PNG.signature + PNG.ihdr() + PNG.iend).reason?.contains("no image data") == true)
  }

  @Test func fileEndsBeforeIDAT() {
    let bytes = PNG.signature + PNG.ihdr() + PNG.phys(x: 1, y: 1, unit: 1)
    #expect(probe(bytes).reason?.contains("no image data") == true)
    #expect(probe(bytes, complete: false) == .needMore)
  }

  @Test func chunkLengthOver2GiB() {
    let bytes = PNG.signature + PNG.ihdr() + be32(0x8000_0000) + ascii("tEXt") + [1, 2, 3]
    #expect(probe(bytes).reason?.contains("2^31") == true)
    #expect(probe(bytes, complete: false).reason?.contains("2^31") == true)
  }

  @Test func hugeDeclaredChunkInTinyFile() {
    // libpng crashers/huge_pHYs_chunk.png style: a 1 GiB chunk in a file of a few dozen bytes.
    let bytes = PNG.signature + PNG.ihdr() + be32(0x3FFF_FFFF) + ascii("pHYs") + [0, 0, 0]
    #expect(probe(bytes).isInvalid)
    #expect(probe(bytes, complete: false).isInvalid)  // beyond the header budget: more bytes cannot help
    // A huge IDAT is fine: its data is never read in header mode.
    let idat = PNG.signature + PNG.ihdr() + be32(0x3FFF_FFFF) + ascii("IDAT")
    #expect(probe(idat).info?.width == 32)
  }

  @Test func invalidChunkType() {
    let bytes = PNG.signature + PNG.ihdr() + PNG.chunk("t3Xt", [1]) + PNG.idat + PNG.iend
    #expect(probe(bytes).isInvalid)
  }
}
