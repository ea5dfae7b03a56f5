import Foundation
import PreflightTestSupport
import Testing
import ZipKit
@testable import Preflight

/// Cases from the review of the image stages: each once crashed, hung, or disagreed with rules.md.
@Suite struct ImageEdgeCaseTests {
  @Test func anAbsurdSizeCellDoesNotCrashTheResolutionRule() throws {
    var catalog = WallpaperCatalog()
    catalog.set(1, "repeat_width", "100000000000000000000000")
    let report = try ImageCase(code: "", note: "", catalog: catalog.csv, images: .zip(GoodImages.files())).run()
    #expect(report.codes.contains("image-resolution-low"))
  }

  @Test func aPipeInTheImagesFolderIsReportedNotOpened() throws {
    let folder = Fixtures.directory()
    let images = folder.appendingPathComponent("images")
    try FileManager.default.createDirectory(at: images, withIntermediateDirectories: true)
    for (name, bytes) in GoodImages.files(2, folder: "") { try Data(bytes).write(to: images.appendingPathComponent(name)) }
    #expect(mkfifo(images.appendingPathComponent("rose_3.png").path, 0o644) == 0)
    let catalog = folder.appendingPathComponent("catalog.csv")
    try Data(WallpaperCatalog().csv.utf8).write(to: catalog)
    let report = Preflight.run(CheckRequest(catalogPath: catalog.path, imagesPath: images.path, schema: .given(Fixtures.schema("wallpaper"))))
    #expect(report.diagnostics(.entrySymlink).first?.message.contains("not a regular file") == true)
  }

  @Test func anImagesFolderGivenThroughALinkIsFollowedOnce() throws {
    let folder = Fixtures.directory()
    let images = folder.appendingPathComponent("real")
    try FileManager.default.createDirectory(at: images, withIntermediateDirectories: true)
    for (name, bytes) in GoodImages.files(3, folder: "") { try Data(bytes).write(to: images.appendingPathComponent(name)) }
    let link = folder.appendingPathComponent("images")
    try FileManager.default.createSymbolicLink(at: link, withDestinationURL: images)
    let catalog = folder.appendingPathComponent("catalog.csv")
    try Data(WallpaperCatalog().csv.utf8).write(to: catalog)
    let report = Preflight.run(CheckRequest(catalogPath: catalog.path, imagesPath: link.path, schema: .given(Fixtures.schema("wallpaper"))))
    #expect(report.diagnostics.isEmpty, "\(report.codes)")
  }

  @Test func deepChecksUnreferencedImagesToo() throws {
    var bad = RawZip.Entry("images/other.png", GoodImages.png)
    bad.crc = 0x1234_5678
    let report = try ImageCase(code: "", note: "", images: .bytes(RawZip(GoodImages.rawEntries() + [bad]).bytes()), deep: true).run()
    #expect(report.diagnostics(.entryCRCMismatch).map(\.location.entry) == ["images/other.png"])
    #expect(report.diagnostics(.entryCRCMismatch).first?.location.row == nil)
  }

  @Test func anUnsupportedMethodIsAWarningNotAnUnreadableImage() throws {
    let lzma = RawZip.Entry("images/rose_3.png", GoodImages.png, method: 14)
    let report = try ImageCase(code: "", note: "", images: .bytes(RawZip(GoodImages.rawEntries(2) + [lzma]).bytes())).run()
    #expect(report.codes.contains("entry-compression"))
    #expect(!report.codes.contains("image-unreadable"))
    #expect(report.prediction.outcome != .failure)
  }

  @Test func aRatioJustAbove100IsABomb() throws {
    let entry = RawZip.Entry("images/rose_3.png", [UInt8](repeating: 1, count: 1000), method: 8, declaredSize: 100_450)
    let report = try ImageCase(code: "", note: "", images: .bytes(RawZip(GoodImages.rawEntries(2) + [entry]).bytes())).run()
    #expect(report.codes.contains("zip-bomb"))
  }

  @Test func otherFormatsUnderAnImageNameAlsoHaveTheWrongExtension() throws {
    let gif = Array("GIF89a".utf8) + [1, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0]
    let report = try ImageCase(code: "", note: "", images: .zip(GoodImages.files(2).merging(["images/rose_3.png": gif]) { $1 })).run()
    #expect(Set(report.codes).isSuperset(of: ["image-format", "image-extension-mismatch"]))
  }

  @Test func anEmptyImageFileIsUnreadable() throws {
    let report = try ImageCase(code: "", note: "", images: .zip(GoodImages.files(2).merging(["images/rose_3.png": []]) { $1 })).run()
    #expect(report.diagnostics(.imageUnreadable).first?.message.contains("empty") == true)
    #expect(!report.codes.contains("image-format"))
  }

  @Test func aRepeatedReferenceInOneCellIsCheckedOnce() throws {
    var catalog = WallpaperCatalog(rowCount: 1)
    catalog.set(1, "product_image", "small, small")
    let report = try ImageCase(code: "", note: "", catalog: catalog.csv, images: .zip(["small.png": ImageBytes.png(width: 10, height: 10)])).run()
    #expect(report.diagnostics(.imageResolutionLow).count == 1)
  }

  @Test func anUnreadableCatalogueSkipsTheImageChecks() throws {
    let folder = Fixtures.directory()
    let zip = folder.appendingPathComponent("images.zip").path
    try ZipWriterFixture.write(GoodImages.files(), to: zip)
    let report = Preflight.run(
      CheckRequest(catalogPath: "/nonexistent.csv", imagesPath: zip, schema: .given(Fixtures.schema("wallpaper"))))
    #expect(report.stages.map(\.status) == [.failed, .passed, .skipped])
    #expect(!report.codes.contains("image-unreferenced"))
  }

  @Test func dataPastTheEndIsCorruptionNotABomb() throws {
    var bytes = RawZip(GoodImages.rawEntries()).bytes()
    // Claim a larger compressed size for the last entry in the central directory (offset 20 in its record).
    let directory = bytes.count - 22 - (46 + "images/rose_3.png".utf8.count)
    bytes[directory + 20] = 0xFF
    bytes[directory + 21] = 0xFF
    bytes[directory + 22] = 0x0F
    let report = try ImageCase(code: "", note: "", images: .bytes(bytes)).run()
    #expect(report.codes.contains("archive-corrupt") || report.codes.contains("zip-bomb"))
    #expect(!(report.diagnostics(.zipBomb).contains { $0.message.contains("past the end") }))
  }

  @Test func missingReferencesAreQuotedAsWritten() throws {
    var catalog = WallpaperCatalog(rowCount: 1)
    catalog.set(1, "product_image", "lily.jpg.jpg")
    let report = try ImageCase(code: "", note: "", catalog: catalog.csv, images: .zip(["lily.jpg": GoodImages.jpeg])).run()
    #expect(report.diagnostics(.imageMissing).first?.message.contains("\"lily.jpg.jpg\"") == true)
  }

  @Test func onlyASCIILettersAreDriveLetters() {
    #expect(EntryUnsafePathCheck.problem("C:/x.png", raw: Array("C:/x.png".utf8)) != nil)
    #expect(EntryUnsafePathCheck.problem("é:x.png", raw: Array("é:x.png".utf8)) == nil)
  }
}
