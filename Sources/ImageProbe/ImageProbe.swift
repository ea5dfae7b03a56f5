/// Bounds-checked, allocation-free header parsing for JPEG and PNG, plus magic-byte sniffing.
public enum ImageProbe {
  /// The header budget callers should respect: 4 MiB. A header (JPEG: up to the first SOF; PNG: up to
  /// the first IDAT) that does not end within this many bytes is reported as `.invalid`.
  public static let headerBudget: Int = 4 << 20

  // MARK: Format sniffing

  /// Format by magic bytes (needs at most the first 16 bytes; fewer bytes → .unknown unless decidable).
  public static func format(of prefix: UnsafeRawBufferPointer) -> ImageFormat {
    switch sniff(prefix) {
    case .decided(let format): return format
    case .undecided: return .unknown
    }
  }

  public static func format(of prefix: [UInt8]) -> ImageFormat {
    prefix.withUnsafeBytes { format(of: $0) }
  }

  // MARK: Header probe

  /// Parses the header from the start of the file. `bytes` is a prefix of the file; `isComplete`
  /// says whether it is the whole file. Returns .needMore when more bytes could complete the header.
  public static func probe(_ bytes: UnsafeRawBufferPointer, isComplete: Bool) -> ProbeResult {
    let format: ImageFormat
    switch sniff(bytes) {
    case .decided(let f): format = f
    case .undecided: return isComplete ? .notAnImage(.unknown) : .needMore
    }
    switch format {
    case .jpeg:
      let reader = ByteReader(
        buf: bytes, isComplete: isComplete,
        budgetMessage: "no JPEG frame header (SOF) within the first \(headerBudget >> 20) MiB")
      return run { () throws(ParseStop) in try JPEGParser.parse(reader) }
    case .png:
      let reader = ByteReader(
        buf: bytes, isComplete: isComplete,
        budgetMessage: "no PNG image data (IDAT) within the first \(headerBudget >> 20) MiB")
      return run { () throws(ParseStop) in try PNGParser.parse(reader) }
    default:
      return .notAnImage(format)
    }
  }

  public static func probe(_ bytes: [UInt8], isComplete: Bool) -> ProbeResult {
    bytes.withUnsafeBytes { probe($0, isComplete: isComplete) }
  }

  private static func run(_ body: () throws(ParseStop) -> ImageInfo) -> ProbeResult {
    do throws(ParseStop) {
      return .image(try body())
    } catch {
      switch error {
      case .needMore: return .needMore
      case .invalid(let reason): return .invalid(reason)
      }
    }
  }

  // MARK: End markers

  /// For full-file checks (--deep): true when the file's last bytes end the format properly
  /// (JPEG: EOI FF D9, allowing trailing zero/0xFF padding; PNG: an IEND chunk, 12 bytes).
  /// `tail` = last up to 64 bytes. Other formats → false.
  public static func hasEndMarker(_ format: ImageFormat, tail: [UInt8]) -> Bool {
    switch format {
    case .jpeg:
      var end = tail.count
      while end > 0, tail[end - 1] == 0x00 || tail[end - 1] == 0xFF { end -= 1 }
      return end >= 2 && tail[end - 2] == 0xFF && tail[end - 1] == 0xD9
    case .png:
      return tail.count >= 12 && tail.suffix(12).elementsEqual(PNGParser.iendChunk)
    default:
      return false
    }
  }

  // MARK: Magic table

  enum Sniff: Equatable {
    case decided(ImageFormat)
    /// Too few bytes to tell yet.
    case undecided
  }

  /// `nil` entries are wildcards.
  private typealias Pattern = [UInt8?]

  private static func ascii(_ s: String) -> Pattern { s.utf8.map { Optional($0) } }
  private static let any4: Pattern = [nil, nil, nil, nil]

  /// Checked in order; the first match wins, but an earlier undecided pattern makes the whole answer
  /// undecided (so a longer prefix can never change a decided answer).
  private static let signatures: [(ImageFormat, [Pattern])] = [
    (.jpeg, [[0xFF, 0xD8]]),
    // The first four bytes only: a PNG with a damaged signature tail (CR/LF conversion) is still a
    // PNG, and `probe` reports it as invalid rather than "not an image".
    (.png, [[0x89, 0x50, 0x4E, 0x47]]),
    (.gif, [ascii("GIF87a"), ascii("GIF89a")]),
    (.webp, [ascii("RIFF") + any4 + ascii("WEBP")]),
    (.tiff, [[0x49, 0x49, 0x2A, 0x00], [0x4D, 0x4D, 0x00, 0x2A], [0x49, 0x49, 0x2B, 0x00], [0x4D, 0x4D, 0x00, 0x2B]]),
    (.bmp, [ascii("BM")]),
    (.pdf, [ascii("%PDF")]),
    (.zip, [[0x50, 0x4B, 0x03, 0x04], [0x50, 0x4B, 0x05, 0x06], [0x50, 0x4B, 0x07, 0x08]]),
    (.rar, [ascii("Rar!") + [0x1A, 0x07]]),
    (.sevenZip, [[0x37, 0x7A, 0xBC, 0xAF, 0x27, 0x1C]]),
    (.gzip, [[0x1F, 0x8B]]),
    (.heic, ["heic", "heix", "heim", "heis", "hevc", "hevx", "hevm", "hevs", "mif1", "msf1"].map { any4 + ascii("ftyp") + ascii($0) }),
  ]

  private enum Match { case match, mismatch, undecided }

  private static func match(_ bytes: UnsafeRawBufferPointer, _ pattern: Pattern) -> Match {
    for (i, expected) in pattern.enumerated() where i < bytes.count {
      if let expected, bytes[i] != expected { return .mismatch }
    }
    return bytes.count >= pattern.count ? .match : .undecided
  }

  static func sniff(_ bytes: UnsafeRawBufferPointer) -> Sniff {
    for (format, patterns) in signatures {
      var undecided = false
      for pattern in patterns {
        switch match(bytes, pattern) {
        case .match: return .decided(format)
        case .undecided: undecided = true
        case .mismatch: break
        }
      }
      if undecided { return .undecided }
    }
    return .decided(.unknown)
  }
}
