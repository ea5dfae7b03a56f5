#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Random access to the bytes of an archive: a file (pread) or an in-memory buffer.
protocol ByteSource {
  var size: UInt64 { get }
  /// Up to `count` bytes at `offset` (fewer only at the end of the source).
  func read(at offset: UInt64, count: Int) throws(ZipError) -> [UInt8]
}

struct MemoryBytes: ByteSource {
  let bytes: [UInt8]
  var size: UInt64 { UInt64(bytes.count) }

  func read(at offset: UInt64, count: Int) throws(ZipError) -> [UInt8] {
    guard offset < size, count > 0 else { return [] }
    let start = Int(offset)
    let end = start + min(count, bytes.count - start)
    return Array(bytes[start..<end])
  }
}

/// A read-only regular file, read with pread. Closed on deinit.
final class FileBytes: ByteSource {
  let path: String
  let size: UInt64
  private let fd: Int32

  init(path: String) throws(ZipError) {
    self.path = path
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else {
      let code = errno
      let reason = String(cString: strerror(code))
      if code == ENOENT || code == ENOTDIR {
        throw ZipError(.notFound, "\(path): no such file (\(reason))")
      }
      throw ZipError(.unreadable, "\(path): cannot be opened (\(reason))")
    }
    var info = stat()
    guard fstat(fd, &info) == 0 else {
      let reason = String(cString: strerror(errno))
      close(fd)
      throw ZipError(.unreadable, "\(path): cannot be examined (\(reason))")
    }
    guard (info.st_mode & S_IFMT) == S_IFREG else {
      close(fd)
      let what = (info.st_mode & S_IFMT) == S_IFDIR ? "a directory" : "not a regular file"
      throw ZipError(.unreadable, "\(path): is \(what), not an archive")
    }
    self.fd = fd
    self.size = UInt64(max(0, info.st_size))
  }

  deinit { close(fd) }

  func read(at offset: UInt64, count: Int) throws(ZipError) -> [UInt8] {
    guard offset < size, count > 0 else { return [] }
    let wanted = Int(min(UInt64(count), size - offset))
    var result = [UInt8](repeating: 0, count: wanted)
    var done = 0
    var failure: Int32 = 0
    result.withUnsafeMutableBytes { buffer in
      while done < wanted {
        let n = pread(fd, buffer.baseAddress! + done, wanted - done, off_t(offset) + off_t(done))
        if n > 0 {
          done += n
        } else if n == 0 {
          break
        } else if errno != EINTR {
          failure = errno
          break
        }
      }
    }
    if failure != 0 {
      throw ZipError(.unreadable, "\(path): read error at byte \(offset) (\(String(cString: strerror(failure))))")
    }
    if done < wanted { result.removeSubrange(done...) }
    return result
  }
}

/// Little-endian field access into a byte array; callers check bounds first.
extension Array where Element == UInt8 {
  @inline(__always) func le16(_ i: Int) -> UInt16 { UInt16(self[i]) | UInt16(self[i + 1]) << 8 }
  @inline(__always) func le32(_ i: Int) -> UInt32 { UInt32(le16(i)) | UInt32(le16(i + 2)) << 16 }
  @inline(__always) func le64(_ i: Int) -> UInt64 { UInt64(le32(i)) | UInt64(le32(i + 4)) << 32 }
  @inline(__always) func hasSignature(_ i: Int, _ a: UInt8, _ b: UInt8) -> Bool {
    i >= 0 && i + 4 <= count && self[i] == 0x50 && self[i + 1] == 0x4B && self[i + 2] == a && self[i + 3] == b
  }
}
