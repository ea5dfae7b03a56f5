import Foundation
import Testing
import XLSXKit
import ZipKit

/// Files given as a workbook that are something else: each gets a message saying what it is.
@Suite struct NotAWorkbookTests {
  let scratch = Scratch()

  func opening(_ path: String) -> XLSXError? {
    failure { try XLSXWorkbook(path: path) }
  }

  /// A minimal OLE2 compound file (512-byte sectors: header, one FAT sector, one directory sector)
  /// whose directory lists `streams` after the root entry.
  static func compoundFile(_ streams: [String]) -> [UInt8] {
    func le16(_ v: Int) -> [UInt8] { [UInt8(v & 0xFF), UInt8(v >> 8 & 0xFF)] }
    func le32(_ v: UInt32) -> [UInt8] { [UInt8(v & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v >> 16 & 0xFF), UInt8(v >> 24)] }
    var header = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] + [UInt8](repeating: 0, count: 16)
    header += le16(0x3E) + le16(3) + le16(0xFFFE) + le16(9) + le16(6) + [UInt8](repeating: 0, count: 6)
    header += le32(0) + le32(1) + le32(1) + le32(0) + le32(4096) + le32(0xFFFF_FFFE) + le32(0) + le32(0xFFFF_FFFE) + le32(0)
    header += le32(0)  // DIFAT[0]: the FAT is sector 0
    for _ in 1..<109 { header += le32(0xFFFF_FFFF) }
    var fat = le32(0xFFFF_FFFD) + le32(0xFFFF_FFFE)
    fat += [UInt8](repeating: 0xFF, count: 512 - fat.count)
    var directory: [UInt8] = []
    for (index, name) in (["Root Entry"] + streams).enumerated() {
      var entry = [UInt8](repeating: 0, count: 128)
      let units = Array(name.utf16) + [0]
      for (i, unit) in units.enumerated() {
        entry[2 * i] = UInt8(unit & 0xFF)
        entry[2 * i + 1] = UInt8(unit >> 8)
      }
      entry[0x40] = UInt8(units.count * 2)
      entry[0x42] = index == 0 ? 5 : 2
      directory += entry
    }
    directory += [UInt8](repeating: 0, count: 512 - directory.count)
    return header + fat + directory
  }

  @Test func compoundFilesAreNamed() {
    let cases: [([String], String)] = [
      (["\u{6}DataSpaces", "EncryptionInfo", "EncryptedPackage"], "password-protected Excel workbook"),
      (["Workbook", "\u{5}SummaryInformation"], "Excel 97–2003 workbook (.xls)"),
      (["Book"], "Excel 97–2003 workbook (.xls)"),
      (["WordDocument", "1Table"], "Word 97–2003 document"),
      (["Something"], "OLE2 compound file"),
    ]
    for (streams, what) in cases {
      let error = opening(scratch.write(Self.compoundFile(streams), "ole-\(streams[0].utf8.count).xlsx"))
      #expect(error?.kind == .notAWorkbook)
      #expect(error?.message.contains(what) == true, "\(error?.message ?? "")")
    }
    // A truncated compound file header: still an OLE2 file, still named.
    let cut = opening(scratch.write(Array(Self.compoundFile(["Workbook"]).prefix(100)), "ole-cut.xlsx"))
    #expect(cut?.kind == .notAWorkbook)
    #expect(cut?.message.contains("OLE2") == true)
  }

  @Test func otherFormatsAreNamed() throws {
    let cases: [([UInt8], String)] = [
      (Array("sku,name\n1,Wallpaper\n".utf8), "plain text"),
      (Array("\u{FEFF}sku;name\n".utf8), "plain text"),
      (Array("<html><body><table><tr><td>1</td></tr></table></body></html>".utf8), "web page"),
      (Array(#"<?xml version="1.0"?><Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"/>"#.utf8), "Excel 2003 XML spreadsheet"),
      (Array("%PDF-1.7\n".utf8), "PDF"),
      ([0x1F, 0x8B, 0x08, 0x00], "gzip"),
      ([0x00, 0x01, 0x02, 0x03, 0xFF], "not a ZIP archive"),
      ([], "is empty"),
    ]
    for (index, (bytes, what)) in cases.enumerated() {
      let error = opening(scratch.write(bytes, "other-\(index).xlsx"))
      #expect(error?.kind == .notAWorkbook)
      #expect(error?.message.contains(what) == true, "\(error?.message ?? "")")
    }
  }

  @Test func zipsWithoutAWorkbookAreNamed() throws {
    let cases: [([ZipWriter.Item], String)] = [
      ([.init(name: "[Content_Types].xml", data: [1]), .init(name: "xl/workbook.bin", data: [1])], "Excel Binary Workbook (.xlsb)"),
      (
        [.init(name: "mimetype", data: Array("application/vnd.oasis.opendocument.spreadsheet".utf8), method: .stored), .init(name: "content.xml", data: [1])],
        "OpenDocument spreadsheet (.ods)"
      ),
      ([.init(name: "[Content_Types].xml", data: [1]), .init(name: "word/document.xml", data: [1])], "Word document"),
      ([.init(name: "photo.jpg", data: [1, 2, 3])], "a ZIP archive, not an Excel workbook"),
      ([.init(name: "[Content_Types].xml", data: [1])], "without a workbook"),
    ]
    for (index, (items, what)) in cases.enumerated() {
      let path = scratch.path("zip-\(index).xlsx")
      try ZipWriter.write(items, to: path)
      let error = opening(path)
      #expect(error?.kind == .notAWorkbook)
      #expect(error?.message.contains(what) == true, "\(error?.message ?? "")")
    }
    // An .xlsb found through its package relationship.
    let xlsb = scratch.path("rel.xlsb")
    try ZipWriter.write(
      [.init(name: "_rels/.rels", data: Array(#"<Relationships xmlns="\#(XLSXFixture.packageRelationships)"><Relationship Id="rId1" Type="\#(XLSXFixture.typeBase)officeDocument" Target="xl/workbook.bin"/></Relationships>"#.utf8))],
      to: xlsb)
    #expect(opening(xlsb)?.message.contains(".xlsb") == true)
  }

  @Test func truncatedAndMissingFilesAreUnreadable() throws {
    let path = try XLSXFixture(rows: #"<row r="1"><c><v>1</v></c></row>"#).write(to: scratch.next())
    let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
    for cut in [bytes.count / 2, bytes.count - 10, 30] {
      let error = opening(scratch.write(Array(bytes.prefix(cut)), "cut-\(cut).xlsx"))
      #expect(error?.kind == .unreadable, "cut at \(cut): \(error?.message ?? "")")
      #expect(error?.message.contains("truncated") == true || error?.message.contains("damaged") == true)
    }
    let missing = opening(scratch.path("nowhere.xlsx"))
    #expect(missing?.kind == .unreadable)
    #expect(missing?.message.contains("no such file") == true)
    let folder = opening(scratch.url.path)
    #expect(folder?.kind == .unreadable)
    #expect(folder?.message.contains("folder") == true)
  }
}
