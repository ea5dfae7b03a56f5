#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Turns UTF-16 or a Windows code page into UTF-8, one chunk at a time: a character split
/// between two chunks (half a UTF-16 unit, a surrogate pair) is carried to the next one.
/// Nothing is guessed: a byte the code page does not define, or a lone surrogate, is an error.
struct TextTranscoder {
  let encoding: TextEncoding
  private let table: [UInt32]
  /// Input bytes not decoded yet (at most one byte of a UTF-16 unit).
  private var pendingByte: UInt8?
  /// A high surrogate waiting for its low half.
  private var pendingHigh: UInt32?
  /// Line of the input reached so far (1-based), for error messages.
  private(set) var line = 1
  /// Input bytes consumed so far.
  private(set) var offset = 0

  init(encoding: TextEncoding) {
    self.encoding = encoding
    table = encoding.codePage ?? []
  }

  /// Appends the UTF-8 form of `input` to `output`. `final` says no more input follows.
  mutating func decode(_ input: UnsafeRawBufferPointer, into output: inout [UInt8], final: Bool) throws(InputReadError) {
    switch encoding {
    case .utf8:
      output.append(contentsOf: input)
      offset += input.count
    case .windows1252, .windows1251:
      try decodeCodePage(input, into: &output)
    case .utf16LittleEndian, .utf16BigEndian:
      try decodeUTF16(input, into: &output)
    }
    if final {
      if pendingByte != nil {
        throw InputReadError(message: "the file ends in the middle of a UTF-16 character (an odd number of bytes)")
      }
      if pendingHigh != nil {
        throw InputReadError(message: "the file ends in the middle of a UTF-16 character (a lone surrogate at line \(line))")
      }
    }
  }

  private mutating func decodeCodePage(_ input: UnsafeRawBufferPointer, into output: inout [UInt8]) throws(InputReadError) {
    output.reserveCapacity(output.count + input.count * 2)
    for byte in input {
      offset += 1
      if byte < 0x80 {
        if byte == 0x0A { line += 1 }
        output.append(byte)
        continue
      }
      let scalar = table[Int(byte) - 0x80]
      guard scalar != 0 else {
        throw InputReadError(
          message: "byte 0x\(Self.hex(byte)) at line \(line) is not a character in \(encoding.displayName): the file is in another encoding")
      }
      Self.appendUTF8(scalar, to: &output)
    }
  }

  private mutating func decodeUTF16(_ input: UnsafeRawBufferPointer, into output: inout [UInt8]) throws(InputReadError) {
    output.reserveCapacity(output.count + input.count * 3 / 2)
    let bigEndian = encoding == .utf16BigEndian
    var index = 0
    func unit(_ first: UInt8, _ second: UInt8) -> UInt32 {
      bigEndian ? UInt32(first) << 8 | UInt32(second) : UInt32(second) << 8 | UInt32(first)
    }
    while index < input.count {
      let value: UInt32
      if let first = pendingByte {
        pendingByte = nil
        value = unit(first, input[index])
        index += 1
      } else if index + 1 < input.count {
        value = unit(input[index], input[index + 1])
        index += 2
      } else {
        pendingByte = input[index]
        index += 1
        break
      }
      offset += 2
      if let high = pendingHigh {
        guard value >= 0xDC00 && value <= 0xDFFF else {
          throw InputReadError(message: "not valid UTF-16: a lone high surrogate at line \(line)")
        }
        pendingHigh = nil
        Self.appendUTF8(0x10000 + ((high - 0xD800) << 10) + (value - 0xDC00), to: &output)
        continue
      }
      switch value {
      case 0xD800...0xDBFF:
        pendingHigh = value
      case 0xDC00...0xDFFF:
        throw InputReadError(message: "not valid UTF-16: a lone low surrogate at line \(line)")
      default:
        if value == 0x0A { line += 1 }
        Self.appendUTF8(value, to: &output)
      }
    }
  }

  static func appendUTF8(_ scalar: UInt32, to output: inout [UInt8]) {
    switch scalar {
    case 0..<0x80:
      output.append(UInt8(scalar))
    case 0x80..<0x800:
      output.append(UInt8(0xC0 | scalar >> 6))
      output.append(UInt8(0x80 | scalar & 0x3F))
    case 0x800..<0x10000:
      output.append(UInt8(0xE0 | scalar >> 12))
      output.append(UInt8(0x80 | scalar >> 6 & 0x3F))
      output.append(UInt8(0x80 | scalar & 0x3F))
    default:
      output.append(UInt8(0xF0 | scalar >> 18))
      output.append(UInt8(0x80 | scalar >> 12 & 0x3F))
      output.append(UInt8(0x80 | scalar >> 6 & 0x3F))
      output.append(UInt8(0x80 | scalar & 0x3F))
    }
  }

  static func hex(_ byte: UInt8) -> String {
    let digits = Array("0123456789ABCDEF")
    return String([digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]])
  }
}

/// Reads a file as UTF-8 whatever its encoding: a `ByteReader` for the tokenizer. Memory is one
/// input chunk and its decoded form, whatever the file's size.
final class DecodingReader {
  private let descriptor: Int32
  private var transcoder: TextTranscoder
  private let chunkSize: Int
  private let input: UnsafeMutableRawPointer
  private var decoded: [UInt8] = []
  private var decodedStart = 0
  private var finished = false
  /// Bytes of the file read so far (for progress).
  private(set) var bytesRead = 0

  /// `skip` bytes at the start (a byte-order mark) are read and dropped.
  init(descriptor: Int32, encoding: TextEncoding, skip: Int, chunkSize: Int = 256 << 10) {
    self.descriptor = descriptor
    self.transcoder = TextTranscoder(encoding: encoding)
    self.chunkSize = max(16, chunkSize)
    self.input = UnsafeMutableRawPointer.allocate(byteCount: self.chunkSize, alignment: 8)
    _ = lseek(descriptor, off_t(skip), SEEK_SET)
    bytesRead = skip
  }

  deinit { input.deallocate() }

  func read(into buffer: UnsafeMutableRawPointer, count: Int) throws(InputReadError) -> Int {
    if transcoder.encoding == .utf8 { return try readRaw(into: buffer, count: count) }
    while decodedStart == decoded.count {
      if finished { return 0 }
      decoded.removeAll(keepingCapacity: true)
      decodedStart = 0
      let got = try readRaw(into: input, count: chunkSize)
      if got == 0 { finished = true }
      try transcoder.decode(UnsafeRawBufferPointer(start: input, count: got), into: &decoded, final: got == 0)
    }
    let available = min(count, decoded.count - decodedStart)
    decoded.withUnsafeBytes { bytes in
      buffer.copyMemory(from: bytes.baseAddress! + decodedStart, byteCount: available)
    }
    decodedStart += available
    return available
  }

  private func readRaw(into buffer: UnsafeMutableRawPointer, count: Int) throws(InputReadError) -> Int {
    while true {
      let got = systemRead(descriptor, buffer, count)
      if got >= 0 {
        bytesRead += got
        return got
      }
      if errno == EINTR { continue }
      throw InputReadError(message: String(cString: strerror(errno)))
    }
  }
}

/// `read(2)` under a name that the reader's own `read` method does not hide.
private func systemRead(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
  read(descriptor, buffer, count)
}
