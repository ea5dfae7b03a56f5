import ImageProbe
import Testing

@Suite("Magic bytes and end markers")
struct FormatTests {
  static let samples: [(ImageFormat, [UInt8])] = [
    (.gif, ascii("GIF87a") + [1, 0, 1, 0, 0, 0, 0]),
    (.gif, ascii("GIF89a") + [1, 0, 1, 0, 0, 0, 0]),
    (.webp, ascii("RIFF") + [0x24, 0, 0, 0] + ascii("WEBPVP8 ")),
    (.tiff, [0x49, 0x49, 0x2A, 0x00, 8, 0, 0, 0, 0, 0, 0, 0]),
    (.tiff, [0x4D, 0x4D, 0x00, 0x2A, 0, 0, 0, 8, 0, 0, 0, 0]),
    (.bmp, ascii("BM") + [0x46, 0, 0, 0, 0, 0, 0, 0, 0x36, 0, 0, 0]),
    (.heic, [0, 0, 0, 0x18] + ascii("ftypheic") + [0, 0, 0, 0]),
    (.heic, [0, 0, 0, 0x18] + ascii("ftypheix") + [0, 0, 0, 0]),
    (.heic, [0, 0, 0, 0x1C] + ascii("ftypmif1") + [0, 0, 0, 0]),
    (.heic, [0, 0, 0, 0x18] + ascii("ftyphevc") + [0, 0, 0, 0]),
    (.pdf, ascii("%PDF-1.7\n%\u{e2}")),
    (.zip, [0x50, 0x4B, 0x03, 0x04, 0x14, 0, 0, 0, 8, 0, 0, 0]),
    (.zip, [0x50, 0x4B, 0x05, 0x06] + [UInt8](repeating: 0, count: 18)),
    (.rar, ascii("Rar!") + [0x1A, 0x07, 0x01, 0x00, 0, 0, 0, 0]),
    (.rar, ascii("Rar!") + [0x1A, 0x07, 0x00, 0xCF, 0x90, 0x73, 0, 0]),
    (.sevenZip, [0x37, 0x7A, 0xBC, 0xAF, 0x27, 0x1C, 0, 4, 0, 0, 0, 0]),
    (.gzip, [0x1F, 0x8B, 0x08, 0x00, 0, 0, 0, 0, 0, 3, 0, 0]),
    (.unknown, ascii("sku;name;width\n1;Roses;0.53\n")),
    (.unknown, ascii("<!DOCTYPE html><html>")),
    (.unknown, [0, 0, 0, 0x18] + ascii("ftypavif") + [0, 0, 0, 0]),
    (.unknown, ascii("8BPS") + [0, 1, 0, 0, 0, 0, 0, 0, 0, 3]),
  ]

  @Test func everyOtherFormat() {
    for (format, bytes) in Self.samples {
      #expect(ImageProbe.format(of: bytes) == format, "\(bytes.prefix(12))")
      #expect(ImageProbe.probe(bytes, isComplete: true) == .notAnImage(format))
      #expect(ImageProbe.probe(bytes, isComplete: false) == .notAnImage(format))
      bytes.withUnsafeBytes { raw in
        #expect(ImageProbe.format(of: raw) == format)
        #expect(ImageProbe.probe(raw, isComplete: true) == .notAnImage(format))
      }
    }
  }

  @Test func jpegAndPNGMagic() {
    #expect(ImageProbe.format(of: JPEG.file()) == .jpeg)
    #expect(ImageProbe.format(of: PNG.file()) == .png)
    #expect(ImageProbe.format(of: Array(JPEG.file().prefix(16))) == .jpeg)
    #expect(ImageProbe.format(of: Array(PNG.file().prefix(16))) == .png)
  }

  @Test func shortPrefixes() {
    #expect(ImageProbe.format(of: []) == .unknown)
    #expect(ImageProbe.format(of: [0xFF]) == .unknown)
    #expect(ImageProbe.format(of: [0xFF, 0xD8]) == .jpeg)
    #expect(ImageProbe.format(of: [0x89, 0x50, 0x4E]) == .unknown)
    #expect(ImageProbe.format(of: [0x1F, 0x8B]) == .gzip)
    #expect(ImageProbe.probe([], isComplete: true) == .notAnImage(.unknown))
    #expect(ImageProbe.probe([], isComplete: false) == .needMore)
    #expect(ImageProbe.probe([0x89, 0x50], isComplete: false) == .needMore)
    #expect(ImageProbe.probe(ascii("GIF8"), isComplete: false) == .needMore)
    #expect(ImageProbe.probe(ascii("GIF8"), isComplete: true) == .notAnImage(.unknown))
  }

  @Test func formatOfLongerPrefixNeverChangesADecidedAnswer() {
    for (_, bytes) in Self.samples + [(.jpeg, JPEG.camera), (.png, PNG.rich)] {
      let full = ImageProbe.format(of: bytes)
      for n in 0...min(16, bytes.count) {
        let f = ImageProbe.format(of: Array(bytes.prefix(n)))
        #expect(f == full || f == .unknown)
      }
    }
  }

  @Test func rawAndArrayOverloadsAgree() {
    for bytes in [JPEG.camera, PNG.rich, Array(JPEG.camera.prefix(100)), Array(PNG.rich.prefix(40))] {
      for complete in [true, false] {
        let viaRaw = bytes.withUnsafeBytes { ImageProbe.probe($0, isComplete: complete) }
        #expect(viaRaw == ImageProbe.probe(bytes, isComplete: complete))
      }
    }
  }

  @Test func headerBudget() {
    #expect(ImageProbe.headerBudget == 4 * 1024 * 1024)
  }

  // MARK: hasEndMarker

  @Test func jpegEndMarker() {
    let file = JPEG.camera
    #expect(ImageProbe.hasEndMarker(.jpeg, tail: Array(file.suffix(64))))
    #expect(ImageProbe.hasEndMarker(.jpeg, tail: Array(file.suffix(2))))
    #expect(ImageProbe.hasEndMarker(.jpeg, tail: Array(file.suffix(64)) + [0, 0, 0, 0]))
    #expect(ImageProbe.hasEndMarker(.jpeg, tail: Array(file.suffix(64)) + [0xFF, 0xFF, 0x00]))
    #expect(!ImageProbe.hasEndMarker(.jpeg, tail: Array(file.dropLast(1).suffix(64))))
    #expect(!ImageProbe.hasEndMarker(.jpeg, tail: Array(file.dropLast(2).suffix(64))))
    #expect(!ImageProbe.hasEndMarker(.jpeg, tail: Array(file.suffix(64)) + [0x12]))
    #expect(!ImageProbe.hasEndMarker(.jpeg, tail: []))
    #expect(!ImageProbe.hasEndMarker(.jpeg, tail: [0xD9]))
    #expect(!ImageProbe.hasEndMarker(.jpeg, tail: [0xFF, 0xFF, 0xFF]))
  }

  @Test func pngEndMarker() {
    let file = PNG.rich
    #expect(ImageProbe.hasEndMarker(.png, tail: Array(file.suffix(64))))
    #expect(ImageProbe.hasEndMarker(.png, tail: Array(file.suffix(12))))
    #expect(!ImageProbe.hasEndMarker(.png, tail: Array(file.suffix(11))))
    #expect(!ImageProbe.hasEndMarker(.png, tail: Array(file.dropLast(1).suffix(64))))
    #expect(!ImageProbe.hasEndMarker(.png, tail: Array(file.dropLast(12).suffix(64))))
    var badCRC = Array(file.suffix(64))
    badCRC[badCRC.count - 1] ^= 1
    #expect(!ImageProbe.hasEndMarker(.png, tail: badCRC))
    #expect(!ImageProbe.hasEndMarker(.png, tail: []))
  }

  @Test func endMarkerOfOtherFormats() {
    #expect(!ImageProbe.hasEndMarker(.gif, tail: [0x3B]))
    #expect(!ImageProbe.hasEndMarker(.unknown, tail: JPEG.eoi))
  }
}
