#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Says what a file given as a workbook really is when it is not an .xlsx, so the message can tell
/// a catalogue manager what to do ("save it as .xlsx", "remove the password") instead of "not a ZIP".
enum FileSniffer {
  /// The first bytes of `path` (up to `count`), or an `.unreadable` error.
  static func prefix(_ path: String, count: Int) throws(XLSXError) -> [UInt8] {
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else {
      let code = errno
      let reason = String(cString: strerror(code))
      if code == ENOENT || code == ENOTDIR { throw XLSXError(.unreadable, "\(path): no such file (\(reason))") }
      throw XLSXError(.unreadable, "\(path) cannot be opened (\(reason))")
    }
    defer { close(fd) }
    var info = stat()
    guard fstat(fd, &info) == 0 else {
      throw XLSXError(.unreadable, "\(path) cannot be examined (\(String(cString: strerror(errno))))")
    }
    guard (info.st_mode & S_IFMT) == S_IFREG else {
      let what = (info.st_mode & S_IFMT) == S_IFDIR ? "a folder" : "not a regular file"
      throw XLSXError(.unreadable, "\(path) is \(what), not an Excel workbook")
    }
    return try read(fd, at: 0, count: count, path: path)
  }

  static func read(_ fd: Int32, at offset: Int, count: Int, path: String) throws(XLSXError) -> [UInt8] {
    var bytes = [UInt8](repeating: 0, count: count)
    var done = 0
    var failure: Int32 = 0
    bytes.withUnsafeMutableBytes { buffer in
      while done < count {
        let n = pread(fd, buffer.baseAddress! + done, count - done, off_t(offset + done))
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
      throw XLSXError(.unreadable, "\(path) cannot be read (\(String(cString: strerror(failure))))")
    }
    bytes.removeSubrange(done...)
    return bytes
  }

  static func isZip(_ prefix: [UInt8]) -> Bool {
    prefix.count >= 4 && prefix[0] == 0x50 && prefix[1] == 0x4B
      && [(3, 4), (5, 6), (7, 8)].contains(where: { prefix[2] == $0.0 && prefix[3] == $0.1 })
  }

  static let compoundFileSignature: [UInt8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]

  /// Why a file that is not a ZIP is not a workbook.
  static func notZip(_ path: String, prefix: [UInt8]) -> XLSXError {
    func starts(_ magic: [UInt8]) -> Bool { prefix.count >= magic.count && Array(prefix.prefix(magic.count)) == magic }
    let what: String
    if prefix.isEmpty {
      return XLSXError(.notAWorkbook, "\(path) is empty, not an Excel workbook")
    } else if starts(compoundFileSignature) {
      return compoundFile(path)
    } else if starts(Array("%PDF".utf8)) {
      what = "a PDF document"
    } else if starts([0x1F, 0x8B]) {
      what = "a gzip archive"
    } else if starts(Array("Rar!".utf8)) {
      what = "a RAR archive"
    } else if starts([0x37, 0x7A, 0xBC, 0xAF, 0x27, 0x1C]) {
      what = "a 7-Zip archive"
    } else if let text = textStart(prefix) {
      if text.hasPrefix("<") {
        let lower = String(decoding: prefix, as: UTF8.self).lowercased()
        if lower.contains("urn:schemas-microsoft-com:office:spreadsheet") {
          what = "an Excel 2003 XML spreadsheet, not an .xlsx workbook"
        } else if lower.contains("<html") || lower.contains("<table") {
          what = "a web page (HTML), as some systems export under an Excel name"
        } else {
          what = "an XML text file"
        }
      } else {
        what = "plain text (perhaps a CSV file with an .xlsx name)"
      }
      return XLSXError(.notAWorkbook, "\(path) is \(what); save it from Excel as an Excel Workbook (.xlsx), or give the CSV file as it is")
    } else {
      what = "not a ZIP archive, as every .xlsx workbook is"
    }
    return XLSXError(.notAWorkbook, "\(path) is \(what); an Excel Workbook (.xlsx) is expected")
  }

  /// The prefix as text when it looks like text (UTF-8 without control bytes other than tab and
  /// line breaks), with a BOM and leading whitespace removed.
  static func textStart(_ prefix: [UInt8]) -> String? {
    var bytes = prefix[...]
    if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
    // The prefix may end inside a character: drop up to three trailing bytes before validating.
    for cut in 0...min(3, bytes.count) {
      let candidate = bytes.dropLast(cut)
      if let text = String(validating: candidate, as: UTF8.self) {
        guard !text.unicodeScalars.contains(where: { $0.value < 0x20 && $0 != "\t" && $0 != "\n" && $0 != "\r" }) else { return nil }
        return String(text.drop(while: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }))
      }
    }
    return nil
  }

  /// OLE2 compound files: .xls workbooks, and also password-protected .xlsx workbooks (Excel
  /// encrypts the whole package into an OLE2 container with EncryptionInfo + EncryptedPackage).
  static func compoundFile(_ path: String) -> XLSXError {
    let names = (try? compoundFileStreams(path)) ?? []
    if names.contains("EncryptedPackage") || names.contains("EncryptionInfo") {
      return XLSXError(
        .notAWorkbook,
        "\(path) is a password-protected Excel workbook; its contents are encrypted. Open it in Excel, remove the password (File › Info › Protect Workbook › Encrypt with Password) and save it again")
    }
    if names.contains("Workbook") || names.contains("Book") {
      return XLSXError(
        .notAWorkbook,
        "\(path) is an Excel 97–2003 workbook (.xls); open it in Excel and save it as Excel Workbook (.xlsx)")
    }
    let kind: String
    if names.contains("WordDocument") {
      kind = "a Word 97–2003 document"
    } else if names.contains("PowerPoint Document") {
      kind = "a PowerPoint 97–2003 presentation"
    } else {
      kind = "an OLE2 compound file (an old Office format)"
    }
    return XLSXError(.notAWorkbook, "\(path) is \(kind), not an Excel workbook (.xlsx)")
  }

  /// The names in a compound file's directory, read through the header's FAT sectors only, with
  /// every offset bounds-checked and the chain walk capped (a looping chain stops there).
  static func compoundFileStreams(_ path: String) throws(XLSXError) -> [String] {
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { return [] }
    defer { close(fd) }
    let header = try read(fd, at: 0, count: 512, path: path)
    guard header.count == 512 else { return [] }
    func le16(_ b: [UInt8], _ i: Int) -> Int { Int(b[i]) | Int(b[i + 1]) << 8 }
    func le32(_ b: [UInt8], _ i: Int) -> UInt32 { UInt32(le16(b, i)) | UInt32(le16(b, i + 2)) << 16 }
    let shift = le16(header, 0x1E)
    guard shift == 9 || shift == 12 else { return [] }
    let sectorSize = 1 << shift
    let fatSectors = (0..<109).map { le32(header, 0x4C + 4 * $0) }
    var fatCache: [Int: [UInt8]] = [:]
    func sector(_ index: UInt32) throws(XLSXError) -> [UInt8]? {
      guard index < 0xFFFF_FFFA else { return nil }
      let bytes = try read(fd, at: (Int(index) + 1) << shift, count: sectorSize, path: path)
      return bytes.count == sectorSize ? bytes : nil
    }
    func nextSector(_ current: UInt32) throws(XLSXError) -> UInt32? {
      let perSector = sectorSize / 4
      let fatIndex = Int(current) / perSector
      guard fatIndex < fatSectors.count else { return nil }
      if fatCache[fatIndex] == nil {
        guard let fat = try sector(fatSectors[fatIndex]) else { return nil }
        fatCache[fatIndex] = fat
      }
      return le32(fatCache[fatIndex]!, (Int(current) % perSector) * 4)
    }
    var names: [String] = []
    var current = le32(header, 0x30)
    var visited = 0
    while visited < 64, let bytes = try sector(current) {
      visited += 1
      for offset in stride(from: 0, to: sectorSize, by: 128) {
        let length = min(64, le16(bytes, offset + 0x40))
        guard length >= 2, bytes[offset + 0x42] != 0 else { continue }
        let units = (0..<(length / 2 - 1)).map { UInt16(le16(bytes, offset + 2 * $0)) }
        names.append(String(decoding: units, as: UTF16.self))
      }
      guard let next = try nextSector(current) else { break }
      current = next
    }
    return names
  }
}
