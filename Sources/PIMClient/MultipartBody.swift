import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// A `multipart/form-data` body written to a temporary file, so that a 2 GB archive is copied
/// in 1 MiB chunks and streamed by URLSession from disk, never held in memory (FoundationNetworking
/// has no multipart builder and no streaming body other than a file).
struct MultipartBody {
  struct Part {
    var name: String
    var fileName: String
    var contentType: String
    var path: String
  }

  static let chunkSize = 1 << 20

  let path: String
  let boundary: String
  let length: UInt64

  var contentType: String { "multipart/form-data; boundary=\(boundary)" }

  /// Writes the parts to a new 0600 file in `directory`. The file is removed again when writing
  /// fails; otherwise the caller removes it (`remove()`).
  ///
  /// The boundary is random (128 bits); if it happens to occur in a file all the same, the body
  /// is written again with a new one.
  static func write(
    _ parts: [Part], in directory: String, progress: ((UInt64, UInt64) -> Void)? = nil,
    makeBoundary: () -> String = randomBoundary
  ) throws(PIMError) -> MultipartBody {
    var sizes: [UInt64] = []
    for part in parts {
      // Attributes of what a link points to: a linked catalogue is a file like any other.
      let resolved = URL(fileURLWithPath: part.path).resolvingSymlinksInPath().path
      guard let attributes = try? FileManager.default.attributesOfItem(atPath: resolved),
        (attributes[.type] as? FileAttributeType) == .typeRegular, let size = attributes[.size] as? NSNumber
      else {
        throw PIMError(.localFile, "cannot read \(part.path): it is not a readable file")
      }
      sizes.append(size.uint64Value)
    }
    let total = sizes.reduce(0, +)
    for _ in 0..<3 {
      let boundary = makeBoundary()
      let path = (directory as NSString).appendingPathComponent("wizart-upload-\(UUID().uuidString).multipart")
      let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
      guard descriptor >= 0 else {
        throw PIMError(.localFile, "cannot create a temporary file in \(directory): \(String(cString: strerror(errno))) (set TMPDIR to another folder)")
      }
      let output = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
      do {
        let length = try writeBody(parts, boundary: boundary, to: output, path: path, total: total, progress: progress)
        try? output.close()
        guard let length else {
          // The boundary occurred in a file: try again with another.
          unlink(path)
          continue
        }
        return MultipartBody(path: path, boundary: boundary, length: length)
      } catch {
        try? output.close()
        unlink(path)
        throw error
      }
    }
    throw PIMError(.localFile, "cannot find a multipart boundary that does not occur in the files")
  }

  /// The bytes written, or nil when the boundary was found inside a file.
  private static func writeBody(
    _ parts: [Part], boundary: String, to output: FileHandle, path: String, total: UInt64,
    progress: ((UInt64, UInt64) -> Void)?
  ) throws(PIMError) -> UInt64? {
    var length: UInt64 = 0
    var copied: UInt64 = 0
    let needle = Array(boundary.utf8)
    func emit(_ bytes: [UInt8]) throws(PIMError) {
      do {
        try output.write(contentsOf: bytes)
      } catch {
        throw PIMError(.localFile, "cannot write the upload's temporary file \(path): \(error.localizedDescription) (is the disk full? set TMPDIR to another folder)")
      }
      length += UInt64(bytes.count)
    }
    for part in parts {
      var head = "--\(boundary)\r\n"
      head += "Content-Disposition: form-data; name=\"\(escaped(part.name))\"; filename=\"\(escaped(part.fileName))\"\r\n"
      head += "Content-Type: \(part.contentType)\r\n\r\n"
      try emit(Array(head.utf8))
      guard let input = FileHandle(forReadingAtPath: part.path) else {
        throw PIMError(.localFile, "cannot read \(part.path)")
      }
      defer { try? input.close() }
      // The last bytes of the previous chunk, so a boundary split across two chunks is seen.
      var tail: [UInt8] = []
      while true {
        let chunk: Data
        do {
          chunk = try input.read(upToCount: chunkSize) ?? Data()
        } catch {
          throw PIMError(.localFile, "cannot read \(part.path): \(error.localizedDescription)")
        }
        if chunk.isEmpty { break }
        let bytes = [UInt8](chunk)
        if contains(bytes, needle) || contains(tail + bytes.prefix(needle.count - 1), needle) { return nil }
        tail = Array((tail + bytes.suffix(needle.count - 1)).suffix(needle.count - 1))
        try emit(bytes)
        copied += UInt64(bytes.count)
        progress?(copied, total)
      }
      try emit(Array("\r\n".utf8))
    }
    try emit(Array("--\(boundary)--\r\n".utf8))
    return length
  }

  func remove() { unlink(path) }

  static func randomBoundary() -> String {
    var generator = SystemRandomNumberGenerator()
    let hex = Array("0123456789abcdef")
    return "wizart-preflight-" + String((0..<32).map { _ in hex[Int(generator.next() % 16)] })
  }

  /// A file name inside a quoted header parameter: `"`, CR and LF are percent-encoded, as the
  /// HTML standard's form encoding does.
  static func escaped(_ text: String) -> String {
    var out = ""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"": out += "%22"
      case "\r": out += "%0D"
      case "\n": out += "%0A"
      default: out.unicodeScalars.append(scalar)
      }
    }
    return out
  }

  private static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
    guard !needle.isEmpty, haystack.count >= needle.count else { return false }
    return haystack.withUnsafeBufferPointer { hay in
      let first = needle[0]
      var start = 0
      let last = hay.count - needle.count
      while start <= last {
        if hay[start] == first {
          var matched = 1
          while matched < needle.count, hay[start + matched] == needle[matched] { matched += 1 }
          if matched == needle.count { return true }
        }
        start += 1
      }
      return false
    }
  }
}
