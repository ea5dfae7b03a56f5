import ImageProbe
import Testing

/// Truncation, prefix-consistency and mutation tests: any input returns a result without trapping.
@Suite("Robustness")
struct RobustnessTests {
  static let validFiles: [(String, [UInt8])] = [
    ("camera JPEG", JPEG.camera),
    ("progressive YCCK JPEG", JPEG.file(prefix: JPEG.adobe(transform: 2), sofMarker: 0xC2, components: 4)),
    ("EXIF big-endian JPEG", JPEG.file(prefix: JPEG.exif(littleEndian: false, xRes: (300, 1), yRes: (300, 1), unit: 2, orientation: 6))),
    ("palette PNG", PNG.rich),
    ("16-bit RGBA PNG", PNG.file(ihdr: PNG.ihdr(bitDepth: 16, colorType: 6), before: PNG.phys(x: 3780, y: 3780, unit: 1))),
  ]

  /// A prefix can only answer `.needMore` or what the whole file answers.
  static func checkPrefixConsistency(_ bytes: [UInt8], full: ProbeResult, step: Int = 1) -> Int {
    var mismatches = 0
    var n = 0
    while n < bytes.count {
      let r = ImageProbe.probe(Array(bytes.prefix(n)), isComplete: false)
      if r != .needMore && r != full { mismatches += 1 }
      n += step
    }
    return mismatches
  }

  @Test(arguments: 0..<5)
  func truncationAtEveryOffset(index: Int) throws {
    let (name, file) = Self.validFiles[index]
    let full = ImageProbe.probe(file, isComplete: true)
    let info = try #require(full.info, "\(name)")
    for n in 0..<file.count {
      let prefix = Array(file.prefix(n))
      let complete = ImageProbe.probe(prefix, isComplete: true)
      switch complete {
      case .image(let i): #expect(i == info, "\(name) cut at \(n)")
      case .invalid: break
      case .notAnImage(let f): #expect(n < 4 && f == .unknown, "\(name) cut at \(n)")
      case .needMore: Issue.record("\(name) cut at \(n): needMore although complete")
      }
      let partial = ImageProbe.probe(prefix, isComplete: false)
      #expect(partial == .needMore || partial == full, "\(name) prefix \(n)")
    }
  }

  @Test func truncatedFilesAreInvalidBeforeTheHeaderEnds() {
    // JPEG: cut anywhere before the end of the main SOF → invalid.
    let jpeg = JPEG.camera
    let sofEnd = jpeg.count - (JPEG.dht + JPEG.sos(components: 3) + JPEG.scanData + JPEG.eoi).count
    for n in 2..<sofEnd {
      #expect(ImageProbe.probe(Array(jpeg.prefix(n)), isComplete: true).isInvalid, "JPEG cut at \(n)")
    }
    #expect(ImageProbe.probe(Array(jpeg.prefix(sofEnd)), isComplete: true).info?.width == 4000)
    // PNG: cut anywhere before the IDAT chunk header is complete → invalid.
    let png = PNG.rich
    let idatHeaderEnd = png.count - (PNG.idat.count + PNG.iend.count) + 8
    for n in 4..<idatHeaderEnd {
      #expect(ImageProbe.probe(Array(png.prefix(n)), isComplete: true).isInvalid, "PNG cut at \(n)")
    }
    #expect(ImageProbe.probe(Array(png.prefix(idatHeaderEnd)), isComplete: true).info != nil)
  }

  @Test(arguments: 0..<5)
  func randomMutationsAlwaysReturn(index: Int) {
    let (name, file) = Self.validFiles[index]
    var rng = SplitMix64(seed: 0x5EED_0000 + UInt64(index))
    var outcomes = [0, 0, 0, 0]
    for round in 0..<1500 {
      var bytes = file
      let edits = Int.random(in: 1...4, using: &rng)
      for _ in 0..<edits {
        let i = Int.random(in: 0..<bytes.count, using: &rng)
        switch Int.random(in: 0..<6, using: &rng) {
        case 0: bytes[i] = UInt8.random(in: 0...255, using: &rng)
        case 1: bytes[i] ^= 1 << UInt8.random(in: 0..<8, using: &rng)
        case 2: bytes[i] = [0x00, 0xFF, 0x7F, 0x80][Int.random(in: 0..<4, using: &rng)]
        case 3: bytes.remove(at: i)
        case 4: bytes.insert(UInt8.random(in: 0...255, using: &rng), at: i)
        default: bytes = Array(bytes.prefix(i))
        }
        if bytes.isEmpty { bytes = [0] }
      }
      let full = ImageProbe.probe(bytes, isComplete: true)
      switch full {
      case .image(let info):
        outcomes[0] += 1
        #expect(info.width > 0 && info.height > 0)
        #expect([1, 2, 3, 4].contains(info.components))
      case .invalid: outcomes[1] += 1
      case .notAnImage: outcomes[2] += 1
      case .needMore: Issue.record("\(name) round \(round): needMore for a complete file")
      }
      let partial = ImageProbe.probe(bytes, isComplete: false)
      #expect(partial == .needMore || partial == full, "\(name) round \(round)")
      // Every 10th mutant: every prefix agrees with the whole file.
      if round % 10 == 0 {
        let full = ImageProbe.probe(bytes, isComplete: true)
        #expect(Self.checkPrefixConsistency(bytes, full: full, step: 3) == 0, "\(name) round \(round)")
      }
    }
    // The mutations exercised both good and broken paths.
    #expect(outcomes[0] > 0 && outcomes[1] > 0)
  }

  @Test func randomBytesAfterMagic() {
    var rng = SplitMix64(seed: 42)
    for round in 0..<2000 {
      let magic: [UInt8] = round % 2 == 0 ? JPEG.soi : PNG.signature
      let tail = (0..<Int.random(in: 0..<200, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) }
      let bytes = magic + tail
      for complete in [true, false] {
        let r = ImageProbe.probe(bytes, isComplete: complete)
        if complete { #expect(r != .needMore) }
        if case .notAnImage = r { Issue.record("magic lost: \(r)") }
      }
    }
  }

  @Test func markerSoupDoesNotLoop() {
    // Dense FF/marker bytes with lengths that point everywhere.
    var rng = SplitMix64(seed: 7)
    let alphabet: [UInt8] = [0xFF, 0xFF, 0xD8, 0xD0, 0x01, 0x00, 0x02, 0xE1, 0xC0, 0xDA, 0xD9]
    for _ in 0..<2000 {
      let bytes = JPEG.soi + (0..<64).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &rng)] }
      let r = ImageProbe.probe(bytes, isComplete: true)
      #expect(r != .needMore)
    }
  }

  @Test func allFFAndAllZero() {
    for fill: UInt8 in [0x00, 0xFF] {
      let jpeg = JPEG.soi + [UInt8](repeating: fill, count: 100_000)
      #expect(ImageProbe.probe(jpeg, isComplete: true).isInvalid)
      #expect(ImageProbe.probe(jpeg, isComplete: false) == .needMore)
      let png = PNG.signature + PNG.ihdr() + [UInt8](repeating: fill, count: 1000)
      #expect(ImageProbe.probe(png, isComplete: true).isInvalid)
    }
  }
}
