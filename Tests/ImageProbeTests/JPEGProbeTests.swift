import ImageProbe
import Testing

@Suite("JPEG headers")
struct JPEGProbeTests {
  func probe(_ bytes: [UInt8], complete: Bool = true) -> ProbeResult {
    ImageProbe.probe(bytes, isComplete: complete)
  }

  @Test func baselineRGB() throws {
    let info = try #require(probe(JPEG.file(width: 640, height: 480, components: 3)).info)
    #expect(
      info
        == ImageInfo(
          format: .jpeg, width: 640, height: 480, colorMode: .rgb, bitDepth: 8, components: 3, hasAlpha: false,
          progressive: false, resolution: nil, orientation: nil, adobeTransform: nil))
  }

  @Test func grayscale() throws {
    let info = try #require(probe(JPEG.file(components: 1)).info)
    #expect(info.colorMode == .grayscale)
    #expect(info.components == 1)
  }

  @Test func cmykWithoutAdobe() throws {
    let info = try #require(probe(JPEG.file(components: 4)).info)
    #expect(info.colorMode == .cmyk)
    #expect(info.components == 4)
    #expect(info.adobeTransform == nil)
  }

  @Test func cmykWithAdobeTransform0() throws {
    let info = try #require(probe(JPEG.file(prefix: JPEG.adobe(transform: 0), components: 4)).info)
    #expect(info.colorMode == .cmyk)
    #expect(info.adobeTransform == 0)
  }

  @Test func ycck() throws {
    let info = try #require(probe(JPEG.file(prefix: JPEG.adobe(transform: 2), components: 4)).info)
    #expect(info.colorMode == .ycck)
    #expect(info.adobeTransform == 2)
  }

  @Test func adobeYCbCrThreeComponents() throws {
    let info = try #require(probe(JPEG.file(prefix: JPEG.adobe(transform: 1), components: 3)).info)
    #expect(info.colorMode == .rgb)
    #expect(info.adobeTransform == 1)
  }

  @Test func shortAdobeSegmentLeavesTransformUnknown() throws {
    let short = JPEG.segment(0xEE, ascii("Adobe") + [0, 100])
    let info = try #require(probe(JPEG.file(prefix: short, components: 4)).info)
    #expect(info.adobeTransform == nil)
    #expect(info.colorMode == .cmyk)
  }

  @Test func twelveBitPrecision() throws {
    let info = try #require(probe(JPEG.file(sofMarker: 0xC1, precision: 12)).info)
    #expect(info.bitDepth == 12)
    #expect(!info.progressive)
  }

  @Test(arguments: Array(0xC0...0xCF).filter { $0 != 0xC4 && $0 != 0xC8 && $0 != 0xCC })
  func everySOFMarker(marker: Int) throws {
    let info = try #require(probe(JPEG.file(sofMarker: UInt8(marker), width: 33, height: 17)).info)
    #expect(info.width == 33 && info.height == 17)
    #expect(info.progressive == [0xC2, 0xC6, 0xCA, 0xCE].contains(marker))
  }

  // MARK: Density

  @Test func jfifDPI() throws {
    let info = try #require(probe(JPEG.file(prefix: JPEG.jfif(units: 1, x: 300, y: 150))).info)
    #expect(info.resolution == Resolution(x: 300, y: 150, source: .jfif))
  }

  @Test func jfifDotsPerCentimetre() throws {
    let info = try #require(probe(JPEG.file(prefix: JPEG.jfif(units: 2, x: 118, y: 118))).info)
    let r = try #require(info.resolution)
    #expect(abs(r.x - 299.72) < 1e-9 && abs(r.y - 299.72) < 1e-9)
    #expect(r.source == .jfif)
  }

  @Test func jfifAspectOnlyHasNoResolution() throws {
    let info = try #require(probe(JPEG.file(prefix: JPEG.jfif(units: 0, x: 1, y: 1))).info)
    #expect(info.resolution == nil)
  }

  @Test func jfifZeroDensityHasNoResolution() throws {
    let info = try #require(probe(JPEG.file(prefix: JPEG.jfif(units: 1, x: 0, y: 0))).info)
    #expect(info.resolution == nil)
  }

  @Test(arguments: [true, false])
  func exifDPIAndOrientation(littleEndian: Bool) throws {
    let exif = JPEG.exif(littleEndian: littleEndian, xRes: (2_000_000, 10_000), yRes: (3_000_000, 10_000), unit: 2, orientation: 8)
    let info = try #require(probe(JPEG.file(prefix: exif, width: 200, height: 100)).info)
    #expect(info.resolution == Resolution(x: 200, y: 300, source: .exif))
    #expect(info.orientation == 8)
    #expect(info.width == 200 && info.height == 100)
    #expect(info.displayWidth == 100 && info.displayHeight == 200)
  }

  @Test func exifCentimetres() throws {
    let exif = JPEG.exif(littleEndian: false, xRes: (200, 1), yRes: (200, 1), unit: 3)
    let r = try #require(probe(JPEG.file(prefix: exif)).info?.resolution)
    #expect(abs(r.x - 508) < 1e-9 && abs(r.y - 508) < 1e-9)
    #expect(r.source == .exif)
  }

  @Test func exifWithoutUnitDefaultsToInch() throws {
    let r = try #require(probe(JPEG.file(prefix: JPEG.exif(xRes: (96, 1), yRes: (96, 1)))).info?.resolution)
    #expect(r == Resolution(x: 96, y: 96, source: .exif))
  }

  @Test func exifUnitNoneHasNoResolution() throws {
    let info = try #require(probe(JPEG.file(prefix: JPEG.exif(xRes: (96, 1), yRes: (96, 1), unit: 1))).info)
    #expect(info.resolution == nil)
  }

  @Test func exifZeroDenominatorIsIgnored() throws {
    let exif = JPEG.exif(xRes: (72, 0), yRes: (72, 0), unit: 2, orientation: 3)
    let info = try #require(probe(JPEG.file(prefix: exif)).info)
    #expect(info.resolution == nil)
    #expect(info.orientation == 3)
  }

  @Test func exifZeroNumeratorIsIgnored() throws {
    let info = try #require(probe(JPEG.file(prefix: JPEG.exif(xRes: (0, 1), yRes: (0, 1)))).info)
    #expect(info.resolution == nil)
  }

  @Test func exifMissingXResolutionIsIgnored() throws {
    let info = try #require(probe(JPEG.file(prefix: JPEG.exif(yRes: (300, 1), unit: 2))).info)
    #expect(info.resolution == nil)
  }

  @Test func exifOrientationOutOfRangeIsIgnored() throws {
    let info = try #require(probe(JPEG.file(prefix: JPEG.exif(orientation: 9))).info)
    #expect(info.orientation == nil)
  }

  @Test func exifRationalOffsetOutOfBoundsIsIgnored() throws {
    let entry = JPEG.IFDEntry(tag: 0x011A, type: 5, count: 1, inline: [0xFF, 0xFF, 0xFF, 0x7F], data: nil)
    let tiff = JPEG.tiff(littleEndian: true, entries: [entry])
    let seg = JPEG.segment(0xE1, ascii("Exif") + [0, 0] + tiff)
    let info = try #require(probe(JPEG.file(prefix: seg)).info)
    #expect(info.resolution == nil)
  }

  @Test func exifHugeEntryCountAndBadIFDOffsetAreHarmless() throws {
    // IFD0 claims 65535 entries but the segment holds two.
    var tiff = JPEG.tiff(littleEndian: true, entries: JPEG.exifEntries(littleEndian: true, xRes: (300, 1), orientation: 6))
    tiff[8] = 0xFF
    tiff[9] = 0xFF
    let info = try #require(probe(JPEG.file(prefix: JPEG.segment(0xE1, ascii("Exif") + [0, 0] + tiff))).info)
    #expect(info.orientation == 6)
    // IFD0 offset pointing far outside the data.
    var bad = tiff
    bad[4] = 0xF0
    bad[7] = 0x7F
    let info2 = try #require(probe(JPEG.file(prefix: JPEG.segment(0xE1, ascii("Exif") + [0, 0] + bad))).info)
    #expect(info2.resolution == nil && info2.orientation == nil)
  }

  @Test func jfifDensityWinsOverEXIF() throws {
    let prefix = JPEG.jfif(units: 1, x: 300, y: 300) + JPEG.exif(xRes: (72, 1), yRes: (72, 1), unit: 2)
    #expect(probe(JPEG.file(prefix: prefix)).info?.resolution == Resolution(x: 300, y: 300, source: .jfif))
  }

  @Test func exifUsedWhenJFIFIsAspectOnly() throws {
    let prefix = JPEG.jfif(units: 0, x: 1, y: 1) + JPEG.exif(xRes: (240, 1), yRes: (240, 1), unit: 2)
    #expect(probe(JPEG.file(prefix: prefix)).info?.resolution == Resolution(x: 240, y: 240, source: .exif))
  }

  @Test func xmpAPP1IsNotEXIF() throws {
    let xmp = JPEG.segment(0xE1, ascii("http://ns.adobe.com/xap/1.0/") + [0] + ascii("<x:xmpmeta/>"))
    let info = try #require(probe(JPEG.file(prefix: xmp + JPEG.exif(xRes: (150, 1)))).info)
    #expect(info.resolution == Resolution(x: 150, y: 150, source: .exif))
  }

  // MARK: Traps

  @Test func exifThumbnailIsNotTheMainFrame() throws {
    let info = try #require(probe(JPEG.camera).info)
    #expect(info.width == 4000 && info.height == 3000)
    #expect(info.orientation == 6)
    #expect(info.resolution == Resolution(x: 300, y: 300, source: .jfif))
    // Sanity check of the fixture: the thumbnail's own SOF comes first in the byte stream.
    let firstC0 = try #require(JPEG.camera.indices.first { JPEG.camera[$0] == 0xFF && JPEG.camera[$0 + 1] == 0xC0 })
    #expect(Array(JPEG.camera[firstC0 + 5..<firstC0 + 9]) == be16(120) + be16(160))
  }

  @Test func fillBytesAndStandaloneMarkers() throws {
    // FF FF fill bytes before markers, TEM and RST markers, junk bytes and a stray FF 00 between segments.
    let bytes =
      JPEG.soi + [0xFF, 0xFF, 0xFF] + JPEG.jfif(units: 1, x: 72, y: 72) + [0xFF, 0x01, 0xFF, 0xD3]
      + [0x00, 0x12, 0xFF, 0x00] + [0xFF, 0xFF] + JPEG.sof(width: 10, height: 20, components: 3)
      + JPEG.sos(components: 3) + JPEG.scanData + JPEG.eoi
    let info = try #require(probe(bytes).info)
    #expect(info.width == 10 && info.height == 20)
    #expect(info.resolution?.x == 72)
  }

  @Test func declaredHugeDimensions() throws {
    let info = try #require(probe(JPEG.file(width: 65535, height: 65535)).info)
    #expect(info.width == 65535 && info.height == 65535)
    #expect(info.pixelCount == 65535 * 65535)
  }

  // MARK: Broken headers

  @Test func sosBeforeSOF() {
    let bytes = JPEG.soi + JPEG.dqt + JPEG.sos(components: 3) + JPEG.scanData + JPEG.eoi
    #expect(probe(bytes).reason?.contains("start-of-scan") == true)
  }

  @Test func eoiBeforeSOF() {
    #expect(probe(JPEG.soi + JPEG.dqt + JPEG.eoi).reason?.contains("end-of-image") == true)
  }

  @Test func secondSOIBeforeSOF() {
    #expect(probe(JPEG.soi + JPEG.soi + JPEG.file()).isInvalid)
  }

  @Test func unknownMarker() {
    #expect(probe(JPEG.soi + [0xFF, 0x50, 0x00, 0x04, 0, 0] + Array(JPEG.file().dropFirst(2))).isInvalid)
  }

  @Test(arguments: [0, 1])
  func segmentLengthBelowTwo(length: Int) {
    let bytes = JPEG.soi + [0xFF, 0xE0] + be16(length) + Array(JPEG.file().dropFirst(2))
    for complete in [true, false] {
      #expect(probe(bytes, complete: complete).reason?.contains("less than the minimum of 2") == true)
    }
  }

  @Test func segmentLengthPastEnd() {
    let bytes = JPEG.soi + [0xFF, 0xE1, 0xFF, 0xF0] + ascii("Exif") + [0, 0] + JPEG.sof(width: 1, height: 1, components: 3)
    #expect(probe(bytes).reason?.contains("runs past the end") == true)
    #expect(probe(bytes, complete: false) == .needMore)
  }

  @Test func zeroWidthAndHeight() {
    #expect(probe(JPEG.file(width: 0, height: 10)).reason?.contains("width of 0") == true)
    #expect(probe(JPEG.file(width: 10, height: 0)).reason?.contains("height of 0") == true)
  }

  @Test(arguments: [0, 2, 5, 17, 255])
  func badComponentCount(components: Int) {
    #expect(probe(JPEG.file(components: components)).reason?.contains("colour components") == true)
  }

  @Test func sofTooShortForComponents() {
    let sof = JPEG.segment(0xC0, [8] + be16(10) + be16(10) + [3, 1, 0x22, 0])
    #expect(probe(JPEG.soi + sof + JPEG.eoi).isInvalid)
  }

  @Test func zeroPrecision() {
    #expect(probe(JPEG.file(precision: 0)).isInvalid)
  }

  @Test func onlySOI() {
    #expect(probe(JPEG.soi).isInvalid)
    #expect(probe(JPEG.soi, complete: false) == .needMore)
  }

  @Test func headerBeyondBudget() {
    // 70 APP segments of ~64 KiB push the SOF past 4 MiB.
    let app = JPEG.segment(0xE2, [UInt8](repeating: 0x41, count: 65_000))
    var bytes = JPEG.soi
    for _ in 0..<70 { bytes += app }
    bytes += JPEG.sof(width: 8, height: 8, components: 3) + JPEG.eoi
    #expect(bytes.count > ImageProbe.headerBudget)
    let complete = probe(bytes)
    #expect(complete.reason?.contains("4 MiB") == true)
    // Same answer from a prefix longer than the budget, whether or not it is the whole file.
    let prefix = Array(bytes.prefix(ImageProbe.headerBudget + 10))
    #expect(probe(prefix, complete: false) == complete)
    #expect(probe(Array(bytes.prefix(1 << 20)), complete: false) == .needMore)
  }
}
