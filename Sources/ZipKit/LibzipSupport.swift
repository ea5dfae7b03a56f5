internal import CLibzip
import Synchronization

/// Process-wide serialization of `zip_open`: libzip 1.7.3 (Debian 12) races on static state there
/// (nih-at/libzip#289, fixed only in 2022). Each `zip_t` is otherwise confined to one thread.
enum LibzipOpen {
  static let lock = Mutex<Void>(())

  /// `zip_open` under the lock: the handle, or nil and libzip's error code.
  static func open(_ path: String, flags: Int32) -> (handle: OpaquePointer?, code: Int32) {
    lock.withLock { _ in
      var code: Int32 = 0
      let handle = zip_open(path, flags, &code)
      return (handle, code)
    }
  }
}

/// libzip's text for an error code (`zip_error_strerror`).
func libzipMessage(_ code: Int32) -> String {
  var error = zip_error_t()
  zip_error_init_with_code(&error, code)
  defer { zip_error_fini(&error) }
  return String(cString: zip_error_strerror(&error))
}

/// Human name of a ZIP compression method.
func compressionMethodName(_ method: UInt16) -> String {
  switch method {
  case 0: return "stored"
  case 1: return "shrunk"
  case 2, 3, 4, 5: return "reduced"
  case 6: return "imploded"
  case 8: return "deflate"
  case 9: return "Deflate64"
  case 10: return "PKWARE imploding"
  case 12: return "bzip2"
  case 14: return "LZMA"
  case 18: return "IBM TERSE"
  case 19: return "IBM LZ77"
  case 93: return "Zstandard"
  case 95: return "XZ"
  case 96: return "JPEG"
  case 97: return "WavPack"
  case 98: return "PPMd"
  case 99: return "WinZip AES"
  default: return "unknown"
  }
}

/// A name made safe for messages: control characters, NUL and bidi overrides become `\u{…}`.
func displayName(_ name: String) -> String {
  var out = ""
  for scalar in name.unicodeScalars {
    switch scalar.value {
    case 0x00...0x1F, 0x7F...0x9F, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069:
      out += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
    default:
      out.unicodeScalars.append(scalar)
    }
  }
  return out
}

/// Raw name bytes for messages: UTF-8 when valid, else CP437, then `displayName`.
func displayName(raw: [UInt8]) -> String {
  displayName(String(validating: raw, as: UTF8.self) ?? CP437.decode(raw))
}
