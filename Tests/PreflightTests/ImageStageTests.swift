import Foundation
import ZipKit
import PreflightTestSupport
import Testing
@testable import Preflight

@Suite struct ReferenceTests {
  @Test func referenceFormsAreSplitAndExtensionsStripped() {
    #expect(ReferenceItem.items(in: "rose") == [.name("rose")])
    #expect(ReferenceItem.items(in: "rose.JPG, tulip.png ,lily.jpeg") == [.name("rose"), .name("tulip"), .name("lily")])
    #expect(ReferenceItem.items(in: "oak_natural_") == [.prefix("oak_natural_")])
    #expect(ReferenceItem.items(in: "a,,b") == [.name("a"), .name("b")])
    #expect(ReferenceItem.items(in: "scan.tif") == [.name("scan.tif")])
  }

  @Test func listsPrefixesAndNamesWithExtensionsResolve() throws {
    let catalog = catalogWith(["rose_1.png, rose_2", "oak_", "Lily"])
    let files = GoodImages.files(2).merging(["images/oak_1.png": GoodImages.png, "images/oak_2.png": GoodImages.png, "x/Lily.png": GoodImages.png]) { $1 }
    let report = try ImageCase(code: "", note: "", catalog: catalog, images: .zip(files)).run()
    #expect(report.diagnostics.isEmpty, "\(report.codes)")
    #expect(report.stages[2].stats == ["references": 4, "imagesChecked": 5])
  }

  @Test func namesMatchAfterUnicodeNormalisationButNotAcrossCase() throws {
    let catalog = catalogWith(["caf\u{E9}", "Rose_1"])
    let files = ["images/cafe\u{301}.png": GoodImages.png, "images/rose_1.png": GoodImages.png]
    let report = try ImageCase(code: "", note: "", catalog: catalog, images: .zip(files)).run()
    #expect(Set(report.codes.filter { $0.hasPrefix("image-") }) == ["image-missing", "image-unreferenced"])
    #expect(report.diagnostics(.imageMissing).count == 1, "café in NFC matches the NFD file name")
    let missing = try #require(report.diagnostics(.imageMissing).first)
    #expect(missing.message.contains("\"Rose_1\""))
    #expect(missing.hint?.contains("\"images/rose_1.png\" (other capitals)") == true)
  }

  @Test func missingImagesNameTheirRowAndCloseCandidates() throws {
    let catalog = catalogWith(["rose_1", "rose_01", "tulip"])
    let report = try ImageCase(code: "", note: "", catalog: catalog, images: .zip(GoodImages.files(1))).run()
    let missing = report.diagnostics(.imageMissing)
    #expect(missing.map(\.location.row) == [2, 3])
    #expect(missing[0].location.file == "catalog.csv" && missing[0].location.field == "product_image")
    #expect(missing[0].location.column == 5 && missing[0].location.line == 3)
    #expect(missing[0].hint?.contains("similar name") == true)
    #expect(missing[1].hint == "add the image to the archive or correct the name in the catalogue")
    #expect(report.prediction.failedStage == .checkingImages)
  }

  private func catalogWith(_ references: [String]) -> String {
    var catalog = WallpaperCatalog(rowCount: references.count)
    for (index, reference) in references.enumerated() { catalog.set(index + 1, "product_image", reference) }
    return catalog.csv
  }
}

@Suite struct ImageCheckTests {
  @Test func imageProblemsCarryTheEntryAndTheFirstRowThatUsesIt() throws {
    var catalog = WallpaperCatalog(rowCount: 3)
    catalog.set(3, "product_image", "rose_2")
    let files = ["images/rose_1.png": GoodImages.png, "images/rose_2.jpg": ImageBytes.jpeg(width: 600, height: 700, components: 1)]
    let report = try ImageCase(code: "", note: "", catalog: catalog.csv, images: .zip(files)).run()
    let gray = report.diagnostics(.imageColorMode)
    #expect(gray.count == 1, "reported once per image, not per row")
    #expect(gray.first?.location.entry == "images/rose_2.jpg")
    #expect(gray.first?.location.row == 2 && gray.first?.location.file?.hasSuffix("images.zip") == true)
  }

  @Test func resolutionIsCheckedPerRowAgainstThatRowsSize() throws {
    var catalog = WallpaperCatalog(rowCount: 2)
    catalog.set(2, "product_image", "rose_1")
    catalog.set(2, "repeat_width", "1.06")
    let report = try ImageCase(code: "", note: "", catalog: catalog.csv, images: .zip(GoodImages.files(1))).run()
    let low = report.diagnostics(.imageResolutionLow)
    #expect(low.map(\.location.row) == [2])
    #expect(low.first?.message.contains("1086 px wide for 1.06 m") == true)
  }

  @Test func aFolderIsCheckedLikeAZipAndLinksAreNotFollowed() throws {
    let report = try ImageCase(code: "", note: "", images: .folder(GoodImages.files())).run()
    #expect(report.diagnostics.isEmpty)
    let folder = Fixtures.directory()
    let images = folder.appendingPathComponent("images")
    try FileManager.default.createDirectory(at: images, withIntermediateDirectories: true)
    for (name, bytes) in GoodImages.files(2, folder: "") { try Data(bytes).write(to: images.appendingPathComponent(name)) }
    try FileManager.default.createSymbolicLink(atPath: images.appendingPathComponent("rose_3.png").path, withDestinationPath: "/etc/passwd")
    let catalog = folder.appendingPathComponent("catalog.csv")
    try Data(WallpaperCatalog().csv.utf8).write(to: catalog)
    let linked = Preflight.run(
      CheckRequest(catalogPath: catalog.path, imagesPath: images.path, schema: .given(Fixtures.schema("wallpaper"))))
    #expect(linked.codes.contains("entry-symlink"))
    #expect(linked.codes.contains("image-missing"), "a link is not an image the row can use")
  }

  @Test func theReportIsTheSameWhateverTheNumberOfJobs() throws {
    var files = GoodImages.files(3)
    for index in 4...40 { files["images/rose_\(index).png"] = ImageBytes.png(width: 100 + index, height: 700) }
    let catalog = WallpaperCatalog(rowCount: 40).csv
    let folder = Fixtures.directory()
    let zipPath = folder.appendingPathComponent("images.zip").path
    try ZipWriterFixture.write(files, to: zipPath)
    let catalogPath = folder.appendingPathComponent("catalog.csv").path
    try Data(catalog.utf8).write(to: URL(fileURLWithPath: catalogPath))
    let reports = [1, 2, 7].map { jobs in
      JSONReporter.render(
        Preflight.run(
          CheckRequest(
            catalogPath: catalogPath, catalogName: "catalog.csv", imagesPath: zipPath, schema: .given(Fixtures.schema("wallpaper")),
            jobs: jobs)))
    }
    #expect(reports[0] == reports[1] && reports[1] == reports[2])
    #expect(reports[0].contains("image-resolution-low"))
  }

  @Test func bombEntriesAreNeverDecompressed() throws {
    let bomb = RawZip.Entry("images/rose_3.png", [UInt8](repeating: 0xFF, count: 200), method: 8, declaredSize: 400_000_000)
    let report = try ImageCase(code: "", note: "", images: .bytes(RawZip(GoodImages.rawEntries(2) + [bomb]).bytes())).run()
    #expect(report.codes.contains("zip-bomb"))
    #expect(!report.codes.contains("image-unreadable"), "the bomb was not read, so not found unreadable either")
    #expect(report.stages[2].stats["imagesChecked"] == 2)
  }
}

enum ZipWriterFixture {
  static func write(_ files: [String: [UInt8]], to path: String) throws {
    try ZipWriter.write(files.keys.sorted().map { ZipWriter.Item(name: $0, data: files[$0]!) }, to: path)
  }
}
