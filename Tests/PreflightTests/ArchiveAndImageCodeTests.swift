import Foundation
import PreflightTestSupport
import Testing
@testable import Preflight

private func catalogReferencing(_ values: [String], type: String = "wallpaper") -> String {
  var catalog = WallpaperCatalog(rowCount: values.count)
  for (index, value) in values.enumerated() { catalog.set(index + 1, "product_image", value) }
  return catalog.csv
}

private let decalsCatalog =
  "brand_name,collection_name,product_name,unique_sku_id,product_image,pattern_width,pattern_length\nW,C,Leaf,d1,leaf,1,1\n"

let imageCases: [ImageCase] = [
  // unpacking_archive
  ImageCase(code: "archive-unreadable", note: "no such file", images: .missing),
  ImageCase(code: "archive-not-zip", note: "a RAR archive", images: .bytes(Array("Rar!".utf8) + [0x1A, 0x07, 0x00, 0, 0])),
  ImageCase(code: "archive-extension", note: "named .dat", images: .zip(GoodImages.files()), imagesName: "images.dat"),
  ImageCase(code: "archive-too-large", note: "2.2 GB (sparse)", images: .sparse(size: 2_200_000_000, prefix: [0x50, 0x4B, 0x03, 0x04])),
  ImageCase(code: "archive-too-large", note: "2.05e9 bytes (sparse): the warning variant", images: .sparse(size: 2_050_000_000, prefix: [0x50, 0x4B, 0x03, 0x04])),
  ImageCase(code: "archive-corrupt", note: "cut before its end record", images: .bytes(Array(RawZip(GoodImages.rawEntries()).bytes().dropLast(30)))),
  ImageCase(code: "archive-empty", note: "no entries", images: .bytes(RawZip([]).bytes())),
  ImageCase(code: "entry-encrypted", note: "password flag", images: .bytes(RawZip(GoodImages.rawEntries(2) + [RawZip.Entry("images/rose_3.png", GoodImages.png, encrypted: true)]).bytes())),
  ImageCase(code: "entry-compression", note: "bzip2", images: .bytes(RawZip(GoodImages.rawEntries() + [RawZip.Entry("extra.txt", [1, 2, 3], method: 12)]).bytes())),
  ImageCase(code: "entry-unsafe-path", note: "zip slip", images: .bytes(RawZip(GoodImages.rawEntries() + [RawZip.Entry("../evil.png", GoodImages.png)]).bytes())),
  ImageCase(code: "entry-unsafe-path", note: "backslash", images: .bytes(RawZip(GoodImages.rawEntries() + [RawZip.Entry("images\\evil.png", GoodImages.png)]).bytes())),
  ImageCase(code: "entry-symlink", note: "UNIX link", images: .bytes(RawZip(GoodImages.rawEntries() + [RawZip.Entry("link.png", Array("/etc/passwd".utf8), unixMode: 0o120777)]).bytes())),
  ImageCase(code: "entry-duplicate", note: "same bytes", images: .bytes(RawZip(GoodImages.rawEntries() + [RawZip.Entry("images/rose_1.png", GoodImages.png)]).bytes())),
  ImageCase(code: "entry-duplicate", note: "same after NFC", images: .bytes(RawZip(GoodImages.rawEntries() + [RawZip.Entry("caf\u{E9}.png", GoodImages.png), RawZip.Entry("cafe\u{301}.png", GoodImages.png)]).bytes())),
  ImageCase(code: "entry-name-encoding", note: "CP437 name", images: .bytes(RawZip(GoodImages.rawEntries() + [RawZip.Entry(raw: Array("Gr".utf8) + [0x81] + Array("n.png".utf8), GoodImages.png)]).bytes())),
  ImageCase(code: "entry-name-nfd", note: "decomposed accent", images: .zip(GoodImages.files().merging(["images/cafe\u{301}.png": GoodImages.png]) { $1 })),
  ImageCase(code: "nested-archive", note: "a zip in the zip", images: .zip(GoodImages.files().merging(["more.zip": RawZip([]).bytes()]) { $1 })),
  ImageCase(code: "junk-entry", note: "__MACOSX", images: .zip(GoodImages.files().merging(["__MACOSX/images/._rose_1.png": [0, 5, 22, 7]]) { $1 })),
  ImageCase(code: "zip-bomb", note: "declared ratio over 100:1", images: .bytes(RawZip(GoodImages.rawEntries(2) + [RawZip.Entry("images/rose_3.png", [UInt8](repeating: 0, count: 1000), method: 8, declaredSize: 50_000_000)]).bytes())),
  ImageCase(code: "entry-crc-mismatch", note: "--deep: checksum lies", images: .bytes(RawZip(GoodImages.rawEntries(2) + [{ var entry = RawZip.Entry("images/rose_3.png", GoodImages.png); entry.crc = 0xDEAD_BEEF; return entry }()]).bytes()), deep: true),
  // checking_images
  ImageCase(code: "image-missing", note: "one of three", images: .zip(GoodImages.files(2))),
  ImageCase(code: "image-prefix-unmatched", note: "oak_", catalog: catalogReferencing(["rose_1", "oak_"]), images: .zip(GoodImages.files(1))),
  ImageCase(code: "image-ambiguous", note: "two folders", images: .zip(GoodImages.files().merging(["other/rose_1.jpg": GoodImages.jpeg]) { $1 })),
  ImageCase(code: "image-unreferenced", note: "an extra image", images: .zip(GoodImages.files(4))),
  ImageCase(code: "image-format", note: "GIF content", images: .zip(GoodImages.files(2).merging(["images/rose_3.png": Array("GIF89a".utf8) + [1, 0, 1, 0, 0, 0, 0]]) { $1 })),
  ImageCase(code: "image-format", note: "JPEG for decals", type: "wall_decals", catalog: decalsCatalog, images: .zip(["leaf.jpg": ImageBytes.jpeg(width: 1200, height: 1200)])),
  ImageCase(code: "image-extension-mismatch", note: "JPEG named .png", images: .zip(GoodImages.files(2).merging(["images/rose_3.png": GoodImages.jpeg]) { $1 })),
  ImageCase(code: "image-unreadable", note: "truncated header", images: .zip(GoodImages.files(2).merging(["images/rose_3.png": Array(GoodImages.png.prefix(20))]) { $1 })),
  ImageCase(code: "image-unreadable", note: "--deep: no IEND", images: .zip(GoodImages.files(2).merging(["images/rose_3.png": ImageBytes.png(width: 600, height: 700, ending: false)]) { $1 }), deep: true),
  ImageCase(code: "image-color-mode", note: "CMYK JPEG", images: .zip(GoodImages.files(2).merging(["images/rose_3.jpg": ImageBytes.jpeg(width: 600, height: 700, components: 4, adobeTransform: 0)]) { $1 })),
  ImageCase(code: "image-color-mode", note: "16-bit PNG: the notice variant", images: .zip(GoodImages.files(2).merging(["images/rose_3.png": ImageBytes.png(width: 600, height: 700, bitDepth: 16)]) { $1 })),
  ImageCase(code: "image-dpi-low", note: "25 dpi", images: .zip(GoodImages.files(2).merging(["images/rose_3.png": ImageBytes.png(width: 600, height: 700, pixelsPerMetre: 1000)]) { $1 })),
  ImageCase(code: "image-dpi-missing", note: "no pHYs", images: .zip(GoodImages.files(2).merging(["images/rose_3.png": ImageBytes.png(width: 600, height: 700, pixelsPerMetre: nil)]) { $1 })),
  ImageCase(code: "image-resolution-low", note: "100 × 100 px for 0.53 × 0.64 m", images: .zip(GoodImages.files(2).merging(["images/rose_3.png": ImageBytes.png(width: 100, height: 100)]) { $1 })),
  ImageCase(code: "image-dimensions-extreme", note: "40,000 px wide", images: .zip(GoodImages.files(2).merging(["images/rose_3.png": ImageBytes.png(width: 40_000, height: 700)]) { $1 })),
  ImageCase(code: "image-alpha-missing", note: "decal without transparency", type: "wall_decals", catalog: decalsCatalog, images: .zip(["leaf.png": ImageBytes.png(width: 1200, height: 1200)])),
]

@Suite struct ArchiveAndImageCodeTests {
  /// diagnostics.md gives these codes a milder variant: the code stays, the severity changes.
  @Test func oneCodeTwoSeverities() throws {
    let near = try ImageCase(code: "", note: "", images: .sparse(size: 2_050_000_000, prefix: [0x50, 0x4B, 0x03, 0x04])).run()
    #expect(near.diagnostics(.archiveTooLarge).map(\.severity) == [.warning])
    let over = try ImageCase(code: "", note: "", images: .sparse(size: 2_200_000_000, prefix: [0x50, 0x4B, 0x03, 0x04])).run()
    #expect(over.diagnostics(.archiveTooLarge).map(\.severity) == [.error])
    let files = GoodImages.files(2).merging(["images/rose_3.png": ImageBytes.png(width: 600, height: 700, bitDepth: 16)]) { $1 }
    let deep = try ImageCase(code: "", note: "", images: .zip(files)).run()
    #expect(deep.diagnostics(.imageColorMode).map(\.severity) == [.notice])
    #expect(deep.diagnostics(.imageColorMode).map(\.effect) == [.info])
    let gray = GoodImages.files(2).merging(["images/rose_3.jpg": ImageBytes.jpeg(width: 600, height: 700, components: 1)]) { $1 }
    #expect(try ImageCase(code: "", note: "", images: .zip(gray)).run().diagnostics(.imageColorMode).map(\.severity) == [.warning])
  }

  @Test(arguments: imageCases)
  func eachCodeIsProducedByItsInput(_ example: ImageCase) throws {
    let report = try example.run()
    #expect(report.codes.contains(example.code), "got \(report.codes)")
  }

  @Test(arguments: [
    ("zip", ImageCase.Images.zip(GoodImages.files())),
    ("folder", ImageCase.Images.folder(GoodImages.files())),
    ("hand-made zip", ImageCase.Images.bytes(RawZip(GoodImages.rawEntries()).bytes())),
  ])
  func goodImagesGiveNoDiagnosticsAndAllStagesPass(_ name: String, _ images: ImageCase.Images) throws {
    for deep in [false, true] {
      let report = try ImageCase(code: "", note: name, images: images, deep: deep).run()
      #expect(report.diagnostics.isEmpty, "\(name): \(report.diagnostics.map { "\($0.code): \($0.message)" })")
      #expect(report.stages.map(\.status) == [.passed, .passed, .passed])
      #expect(report.prediction.complete && report.prediction.outcome == .success)
      #expect(report.stages[2].stats == ["references": 3, "imagesChecked": 3])
    }
  }
}
