import Foundation
import Testing
import ZipKit

@Suite struct HostileArchiveTests {
  let scratch = Scratch()

  func open(_ zip: ZipBytes, _ name: String = "hostile.zip") throws(ZipError) -> ZipArchive {
    try ZipArchive(path: scratch.write(zip.build(), name))
  }

  @Test func zipSlipNamesAreListedWithTheirRawBytes() throws {
    let names: [[UInt8]] = [
      Array("../x.jpg".utf8), Array("/abs.jpg".utf8), Array("C:\\x.jpg".utf8), Array("a\\b.jpg".utf8),
      Array("../../../../tmp/evil.txt".utf8), [0x61, 0x00, 0x62, 0x2E, 0x6A, 0x70, 0x67],
    ]
    let zip = ZipBytes(names.enumerated().map { RawEntry(raw: $0.element, [UInt8($0.offset)]) })
    let records = try CentralDirectory.read(bytes: zip.build())
    #expect(records.map(\.rawName) == names)

    let archive = try open(zip)
    #expect(archive.entries.map(\.rawName) == names)
    #expect(archive.entries.map(\.name) == ["../x.jpg", "/abs.jpg", "C:\\x.jpg", "a\\b.jpg", "../../../../tmp/evil.txt", "a\u{0}b.jpg"])
    // libzip 1.7.3 turns the NUL into a space in both headers, so even CHECKCONS lets it through:
    // spotting it is up to the caller, from rawName.
    #expect(archive.consistencyProblem == nil)
    #expect(archive.entries[5].rawName.contains(0))
    for entry in archive.entries {
      #expect(try contents(archive, entry) == [UInt8(entry.index)])
    }
  }

  @Test func zipSlipNamesWithoutNULPassLibzipsChecks() throws {
    let archive = try open(ZipBytes([RawEntry("../x.jpg", [1]), RawEntry("/abs.jpg", [2]), RawEntry("C:\\x.jpg", [3])]))
    #expect(archive.consistencyProblem == nil, "libzip does not judge paths; that is our rule")
    #expect(archive.entries.map(\.name) == ["../x.jpg", "/abs.jpg", "C:\\x.jpg"])
  }

  @Test func symlinkEntries() throws {
    var link = RawEntry("images/link.jpg", Array("/etc/passwd".utf8))
    link.externalAttributes = 0o120777 << 16
    var dosLink = RawEntry("images/dos.jpg", [1])
    dosLink.externalAttributes = 0o120777 << 16
    dosLink.versionMadeBy = 0x0014  // MS-DOS: the high attribute bits mean nothing
    var fifo = RawEntry("fifo", [])
    fifo.externalAttributes = 0o010644 << 16
    let archive = try open(ZipBytes([link, dosLink, fifo, RawEntry("plain.jpg", [2])]))
    #expect(archive.entries.map(\.isSymlink) == [true, false, false, false])
    #expect(archive.entries[0].externalAttributes == 0o120777 << 16)
    #expect(try contents(archive, archive.entries[0]) == Array("/etc/passwd".utf8))
  }

  @Test func encryptedEntriesAreNotRead() throws {
    var traditional = RawEntry("secret.jpg", (0..<40).map { UInt8($0 * 3 & 0xFF) })
    traditional.flags = 0x0001
    var aes = RawEntry("aes.jpg", (0..<40).map { UInt8($0) })
    aes.method = 99
    aes.flags = 0x0001
    aes.crc = 0  // AE-2
    var field: [UInt8] = []
    field.le16(0x9901)  // WinZip AES: version 2, "AE", AES-256, real method deflate
    field.le16(7)
    field.le16(2)
    field += Array("AE".utf8)
    field.append(3)
    field.le16(8)
    aes.localExtra = field
    aes.centralExtra = field
    var bareAES = RawEntry("bare-aes.jpg", [1, 2, 3])
    bareAES.method = 99
    let archive = try open(ZipBytes([traditional, aes, RawEntry("open.jpg", [7])]))
    #expect(archive.entries.map(\.isEncrypted) == [true, true, false])
    #expect(archive.consistencyProblem == nil)
    for entry in archive.entries.prefix(2) {
      #expect(kind { try archive.read(entry, limit: 100) { _ in true } } == .encrypted)
      #expect(kind { try archive.verify(entry, limit: 100) } == .encrypted)
    }
    #expect(try contents(archive, archive.entries[2]) == [7])

    // Method 99 without its 0x9901 extra field: our walker still lists it, libzip refuses the archive.
    let bare = ZipBytes([bareAES]).build()
    let records = try CentralDirectory.read(bytes: bare)
    #expect(ZipEntry(index: 0, record: records[0], dataRange: nil).isEncrypted)
    #expect(kind { try ZipArchive(path: scratch.write(bare, "bare.zip")) } == .inconsistent)
  }

  @Test func unsupportedMethods() throws {
    var deflate64 = RawEntry("old.jpg", [1, 2, 3, 4])
    deflate64.method = 9
    deflate64.content = [0, 0, 0, 0, 0, 0]
    var unknown = RawEntry("odd.jpg", [5, 6])
    unknown.method = 200
    let archive = try open(ZipBytes([deflate64, unknown]))
    #expect(archive.entries.map(\.compressionMethod) == [9, 200])
    for entry in archive.entries {
      let error = failure { try archive.read(entry, limit: 100) { _ in true } }
      #expect(error?.kind == .unsupportedMethod)
      #expect(error?.message.contains("method \(entry.compressionMethod)") == true)
    }
  }

  @Test func cp437NamesWithoutTheFlag() throws {
    let raw: [UInt8] = [0x81, 0x62, 0x65, 0x72, 0x2F, 0x8E, 0xE1, 0x9C, 0x2E, 0x6A, 0x70, 0x67]  // über/Äß£.jpg
    let archive = try open(ZipBytes([RawEntry(raw: raw, [1])]))
    let entry = archive.entries[0]
    #expect(!entry.isUTF8Flagged)
    #expect(entry.rawName == raw)
    #expect(entry.name == "über/Äß£.jpg")
    #expect(archive.consistencyProblem == nil)
    #expect(ZipEntry.decodeCP437([0x81]) == "ü")
  }

  @Test func cp437TableIsComplete() {
    let all = CP437.decode((0...255).map { UInt8($0) })
    #expect(all.unicodeScalars.count == 256)
    #expect(Set(all.unicodeScalars).count == 256, "the table is a bijection")
    #expect(ZipEntry.decodeCP437(Array(" ~AZaz09".utf8)) == " ~AZaz09")
    #expect(ZipEntry.decodeCP437([0x00, 0x01, 0x7F, 0xB0, 0xDB, 0xE0, 0xFB, 0xFF]) == "\u{0}☺⌂░█α√\u{A0}")
  }

  @Test func utf8FlaggedNamesThatAreNotUTF8() throws {
    var bad = RawEntry(raw: [0x66, 0xFF, 0xFE, 0x2E, 0x6A, 0x70, 0x67], [1])
    bad.flags = 0x0800
    let zip = ZipBytes([bad, RawEntry("ok.jpg", [2])])
    let records = try CentralDirectory.read(bytes: zip.build())
    let entry = ZipEntry(index: 0, record: records[0], dataRange: nil)
    #expect(entry.isUTF8Flagged)
    #expect(entry.name == "f\u{FFFD}\u{FFFD}.jpg")
    #expect(entry.rawName == [0x66, 0xFF, 0xFE, 0x2E, 0x6A, 0x70, 0x67])
    // libzip 1.7.3 refuses such a name even without CHECKCONS, so ZipArchive cannot open the archive.
    let error = failure { try open(zip) }
    #expect(error?.kind == .inconsistent)
    #expect(error?.message.contains("not valid UTF-8") == true)
  }

  @Test func unicodePathExtraFieldIsKeptBesideTheHeaderName() throws {
    let header: [UInt8] = [0x61, 0x81, 0x2E, 0x6A, 0x70, 0x67]  // "aü.jpg" in CP437
    let unicode = Array("aü.jpg".utf8)
    var field: [UInt8] = []
    field.le16(0x7075)
    field.le16(UInt16(5 + unicode.count))
    field.append(1)
    field.le32(crc32(header))
    field += unicode
    var entry = RawEntry(raw: header, [1])
    entry.centralExtra = field
    entry.localExtra = field
    let archive = try open(ZipBytes([entry]))
    #expect(archive.consistencyProblem == nil)
    #expect(archive.entries[0].rawName == header)
    #expect(archive.entries[0].name == "aü.jpg")
    #expect(archive.entries[0].isUTF8Flagged == false)
    #expect(archive.entries[0].unicodePathName == unicode)

    // Only in the central directory: libzip's strict check compares the substituted central name
    // with the local one and fails; the lenient open lists the entry.
    entry.localExtra = []
    let lenient = try open(ZipBytes([entry]), "central-only.zip")
    #expect(lenient.consistencyProblem != nil)
    #expect(lenient.entries[0].unicodePathName == unicode)

    // A field whose CRC does not match the header name is ignored (by libzip too).
    field[5] ^= 0xFF  // the CRC
    entry.centralExtra = field
    entry.localExtra = field
    let stale = try open(ZipBytes([entry]), "stale.zip")
    #expect(stale.entries[0].unicodePathName == nil)
    #expect(stale.entries[0].name == "aü.jpg")
  }

  @Test func duplicateNamesOpenLeniently() throws {
    let zip = ZipBytes([RawEntry("IMG_001.jpg", [1]), RawEntry("IMG_001.jpg", [2]), RawEntry("other.jpg", [3])])
    let archive = try open(zip)
    #expect(archive.entries.map(\.name) == ["IMG_001.jpg", "IMG_001.jpg", "other.jpg"])
    let problem = try #require(archive.consistencyProblem)
    #expect(problem.contains("same name"))
    // Both duplicates stay readable by index.
    #expect(try contents(archive, archive.entries[0]) == [1])
    #expect(try contents(archive, archive.entries[1]) == [2])
  }

  @Test func overlappingEntriesAreFound() throws {
    // "Quoted overlap": entry B's local header and data sit inside entry A's stored data.
    var b = RawEntry("b.jpg", sampleText(500))
    b.writeLocal = false
    let quoted = ZipBytes.localHeader(b) + b.stored
    let a = RawEntry("a.jpg", Array(repeating: 0x20, count: 10) + quoted + Array(repeating: 0x20, count: 10))
    b.offsetOverride = UInt64(30 + a.name.count + 10)
    let archive = try open(ZipBytes([a, b]))
    #expect(archive.consistencyProblem == nil, "libzip's CHECKCONS does not look for overlaps")
    let ranges = archive.entries.map(\.dataRange)
    #expect(ranges[1]!.lowerBound > ranges[0]!.lowerBound && ranges[1]!.upperBound < ranges[0]!.upperBound)
    let pairs = CentralDirectory.overlaps(ranges, fileSize: archive.fileSize)
    #expect(pairs.count == 1 && pairs[0] == (0, 1))
    #expect(try contents(archive, archive.entries[1]) == sampleText(500))

    // Full overlap: two central records point at one local header.
    var twin = RawEntry("a.jpg", [])
    twin.writeLocal = false
    twin.offsetOverride = 0
    twin.stored = a.stored
    let full = try open(ZipBytes([a, twin]), "full.zip")
    let fullPairs = CentralDirectory.overlaps(full.entries.map(\.dataRange), fileSize: full.fileSize)
    #expect(fullPairs.count == 1 && fullPairs[0] == (0, 1))
  }

  @Test func dataRangeIsNilWithoutALocalHeader() throws {
    var lost = RawEntry("lost.jpg", [1, 2, 3])
    lost.writeLocal = false
    lost.offsetOverride = 3  // inside the first entry's header
    let records = try CentralDirectory.read(bytes: ZipBytes([RawEntry("a.jpg", [9]), lost]).build())
    #expect(records[1].localHeaderOffset == 3)
    // libzip's strict open rejects it (as "Not a zip archive"); the lenient one lists it.
    let archive = try open(ZipBytes([RawEntry("a.jpg", [9]), lost]))
    #expect(archive.entries[0].dataRange != nil)
    #expect(archive.entries[1].dataRange == nil)
    #expect(archive.consistencyProblem?.contains("consistency check") == true)
    #expect(kind { try contents(archive, archive.entries[1]) } == .readFailed)
  }

  @Test func zeroBombIsReadOnlyUpToTheLimit() throws {
    let count = 300 * 1024 * 1024
    var bomb = RawEntry("zeros.jpg", deflatedZeros(count))
    bomb.method = 8
    bomb.uncompressedSize = UInt64(count)
    bomb.crc = crc32OfZeros(UInt64(count))
    let zip = ZipBytes([bomb])
    let archive = try open(zip)
    let entry = archive.entries[0]
    #expect(entry.uncompressedSize == UInt64(count))
    #expect(entry.compressedSize < 3 << 20)
    var zeros = true
    var seen = 0
    let delivered = try archive.read(entry, limit: 1 << 20) { chunk in
      seen += chunk.count
      zeros = zeros && !chunk.contains { $0 != 0 }
      return true
    }
    #expect(delivered == 1 << 20 && seen == 1 << 20 && zeros)
    #expect(kind { try archive.verify(entry, limit: 1 << 20) } == .readFailed)
  }

  @Test func crcAndSizeMismatches() throws {
    let text = sampleText(5000)
    var badCRC = RawEntry("crc.jpg", text)
    badCRC.crc = crc32(text) ^ 0x0101_0101
    let packed = try deflated(text, scratch: scratch)
    var deflatedBadCRC = RawEntry("crc-deflate.jpg", packed)
    deflatedBadCRC.method = 8
    deflatedBadCRC.content = text
    deflatedBadCRC.crc = 0x1234_5678
    var short = RawEntry("short.jpg", packed)  // declares more than the data inflates to
    short.method = 8
    short.content = text
    short.uncompressedSize = 6000
    var long = RawEntry("long.jpg", packed)  // declares less
    long.method = 8
    long.content = text
    long.uncompressedSize = 4000
    var storedShort = RawEntry("stored-short.jpg", text)
    storedShort.uncompressedSize = 5010
    let archive = try open(ZipBytes([badCRC, deflatedBadCRC, short, long, RawEntry("fine.jpg", text), storedShort]))
    #expect(archive.consistencyProblem == nil, "libzip 1.7.3 does not compare sizes with the data at open")
    #expect(kind { try archive.verify(archive.entries[5], limit: 1 << 20) } == .sizeMismatch)
    #expect(kind { try archive.verify(archive.entries[0], limit: 1 << 20) } == .crcMismatch)
    #expect(kind { try archive.verify(archive.entries[1], limit: 1 << 20) } == .crcMismatch)
    #expect(kind { try archive.verify(archive.entries[2], limit: 1 << 20) } == .sizeMismatch)
    #expect(kind { try archive.verify(archive.entries[3], limit: 1 << 20) } == .sizeMismatch)
    #expect(try archive.verify(archive.entries[4], limit: 1 << 20) == Array(text.suffix(64)))
    // A header-sized read does not reach the end, so it does not notice.
    #expect(try archive.read(archive.entries[0], limit: 100) { _ in true } == 100)
    // Reading to the end does: libzip reports its CRC error.
    #expect(kind { try contents(archive, archive.entries[0]) } == .readFailed)
  }

  @Test func truncatedArchivesNeverCrash() throws {
    let path = scratch.path("whole.zip")
    try ZipWriter.write(
      [.init(name: "a/", data: []), .init(name: "a/one.txt", data: sampleText(300), method: .stored),
       .init(name: "a/two.txt", data: sampleText(200, seed: 2), method: .stored)], to: path)
    let whole = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
    for cut in 0..<whole.count {
      let bytes = Array(whole.prefix(cut))
      let expected: ZipError.Kind = cut < 4 ? .notAZip : .truncated
      #expect(kind { try CentralDirectory.read(bytes: bytes) } == expected, "cut at \(cut)")
      if cut % 7 == 0 || cut > whole.count - 30 {
        let error = failure { try ZipArchive(path: scratch.write(bytes, "cut.zip")) }
        #expect(error?.kind == expected, "cut at \(cut)")
        if cut > 30 { #expect(error?.message.contains("libzip") == true) }
      }
    }
  }

  @Test func garbageIsNotAZip() throws {
    var generator = SplitMix64(seed: 42)
    let garbage = (0..<4096).map { _ in UInt8.random(in: 0...255, using: &generator) }
    #expect(kind { try ZipArchive(path: scratch.write(garbage, "garbage.zip")) } == .notAZip)
    let rar: [UInt8] = [0x52, 0x61, 0x72, 0x21, 0x1A, 0x07, 0x01, 0x00] + Array(repeating: 0, count: 100)
    let error = failure { try CentralDirectory.read(bytes: rar) }
    #expect(error?.kind == .notAZip && error?.message.contains("RAR") == true)
    #expect(kind { try CentralDirectory.read(bytes: Array("hello, world".utf8)) } == .notAZip)
  }

  @Test func absurdEntryCountsAreRejected() throws {
    var claims = ZipBytes([])
    claims.countOverride = 65_535
    #expect(kind { try CentralDirectory.read(bytes: claims.build()) } == .inconsistent)
    #expect(kind { try ZipArchive(path: scratch.write(claims.build(), "claims.zip")) } == .inconsistent)

    var big = ZipBytes([RawEntry("a.jpg", [1])])
    big.countOverride = 65_535
    big.directorySizeOverride = 65_535 * 46
    #expect(kind { try CentralDirectory.read(bytes: big.build()) } == .inconsistent)

    var pastEnd = ZipBytes([RawEntry("a.jpg", [1])])
    pastEnd.directoryOffsetOverride = 0xFFFF_FFF0
    #expect(kind { try CentralDirectory.read(bytes: pastEnd.build()) } == .inconsistent)

    var zip64 = ZipBytes([RawEntry("a.jpg", [1])])
    zip64.zip64EndRecord = true
    zip64.zip64CountOverride = 200_000
    #expect(kind { try CentralDirectory.read(bytes: zip64.build()) } == .tooManyEntries)
    #expect(kind { try ZipArchive(path: scratch.write(zip64.build(), "many.zip")) } == .tooManyEntries)

    zip64.zip64CountOverride = UInt64.max
    #expect(kind { try CentralDirectory.read(bytes: zip64.build()) } == .tooManyEntries)

    var fewer = ZipBytes([RawEntry("a.jpg", [1]), RawEntry("b.jpg", [2])])
    fewer.countOverride = 3
    #expect(kind { try CentralDirectory.read(bytes: fewer.build()) } == .inconsistent)
  }

  @Test func zip64FieldsAreFollowed() throws {
    var first = RawEntry("big-one.jpg", sampleText(1000))
    first.zip64 = true
    var second = RawEntry("big-two.jpg", sampleText(700, seed: 9))
    second.zip64 = true
    var zip = ZipBytes([first, second, RawEntry("small.jpg", [1, 2])])
    zip.zip64EndRecord = true
    let bytes = zip.build()
    let records = try CentralDirectory.read(bytes: bytes)
    #expect(records.count == 3)
    #expect(records.map(\.uncompressedSize) == [1000, 700, 2])
    #expect(records.map(\.compressedSize) == [1000, 700, 2])
    #expect(records[0].localHeaderOffset == 0)
    #expect(records[1].localHeaderOffset == UInt64(30 + first.name.count + 20 + 1000))

    let archive = try ZipArchive(path: scratch.write(bytes, "zip64.zip"))
    #expect(archive.entries.map(\.name) == ["big-one.jpg", "big-two.jpg", "small.jpg"])
    #expect(try archive.verify(archive.entries[1], limit: 1 << 20) == Array(sampleText(700, seed: 9).suffix(64)))
    let start = records[1].localHeaderOffset + 30 + 11 + 20  // header, name, Zip64 extra
    #expect(archive.entries[1].dataRange == (start..<start + 700))

    // A locator pointing nowhere is an inconsistency, not a crash.
    var broken = bytes
    let locator = bytes.count - 22 - 20
    broken[locator + 8] = 0xEE
    broken[locator + 12] = 0x7F
    #expect(kind { try CentralDirectory.read(bytes: broken) } == .inconsistent)
  }

  @Test func commentsAndTrailingBytes() throws {
    var commented = ZipBytes([RawEntry("a.jpg", [1])])
    commented.comment = Array("made by hand PK\u{5}\u{6} with a fake signature inside".utf8)
    let records = try CentralDirectory.read(bytes: commented.build())
    #expect(records.map(\.rawName) == [Array("a.jpg".utf8)])
    #expect(try open(commented).entries.count == 1)

    var trailing = ZipBytes([RawEntry("a.jpg", [1])])
    trailing.trailing = Array("appended payload".utf8)
    #expect(try CentralDirectory.read(bytes: trailing.build()).count == 1)
    // libzip's CHECKCONS notices the bytes after the end record.
    let withTrailing = try open(trailing, "trailing.zip")
    #expect(withTrailing.consistencyProblem != nil)
    #expect(try contents(withTrailing, withTrailing.entries[0]) == [1])

    // Bytes before the first entry, offsets absolute (as `zip -A` leaves a self-extractor).
    var prefixed = ZipBytes([RawEntry("a.jpg", [1])])
    prefixed.prefix = Array("MZ self-extractor stub".utf8)
    let prefixedRecords = try CentralDirectory.read(bytes: prefixed.build())
    #expect(prefixedRecords[0].localHeaderOffset == 22)
    let withPrefix = try open(prefixed, "prefixed.zip")
    #expect(withPrefix.entries[0].dataRange == (57..<58))
  }

  @Test func splitArchivesAreRefused() throws {
    var bytes = ZipBytes([RawEntry("a.jpg", [1])]).build()
    bytes[bytes.count - 22 + 4] = 1  // this disk = 1
    #expect(kind { try CentralDirectory.read(bytes: bytes) } == .inconsistent)
  }
}
