import Foundation
import Preflight
import Testing
import ZipKit

@testable import PreflightCLI

/// `pack`: the upload ZIP from a folder, exactly the referenced images, the same bytes every time.
@Suite struct PackCommandTests {
  /// The wallpaper sample's images unpacked into a folder, plus what a real folder also holds.
  static func imagesFolder(extras: Bool = true) throws -> (catalog: String, folder: URL) {
    let base = FileManager.default.temporaryDirectory.appendingPathComponent("pack-\(UUID().uuidString)")
    let folder = base.appendingPathComponent("images")
    // Collection folders are kept as they are: the server accepts images in sub-folders.
    try CLI.unpackSampleImages(into: folder) { $0.hasPrefix("botanica_") ? "botanica/\($0)" : $0 }
    if extras {
      try Data("x".utf8).write(to: folder.appendingPathComponent(".DS_Store"))
      try Data([0x89, 0x50]).write(to: folder.appendingPathComponent("old_version.png"))
      try Data("notes".utf8).write(to: folder.appendingPathComponent("notes.txt"))
      try FileManager.default.createSymbolicLink(
        atPath: folder.appendingPathComponent("link.png").path, withDestinationPath: "/etc/passwd")
    }
    let catalog = base.appendingPathComponent("catalog.csv")
    try FileManager.default.copyItem(atPath: CLI.sample("wallpaper/catalog.csv"), toPath: catalog.path)
    return (catalog.path, folder)
  }

  @Test func packsExactlyTheReferencedImagesAndTheResultPassesCheck() throws {
    let (catalog, folder) = try Self.imagesFolder()
    let output = folder.deletingLastPathComponent().appendingPathComponent("upload.zip").path
    let result = CLI.run(["pack", catalog, "--images", folder.path, "-o", output])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.contains("packed 7 images"))
    #expect(result.stdout.contains("left out 1 image no row refers to:\n  old_version.png\n"))
    #expect(result.stdout.contains(".DS_Store") && result.stdout.contains("link.png") && result.stdout.contains("notes.txt"))

    let archive = try ZipArchive(path: output)
    #expect(archive.consistencyProblem == nil)
    #expect(
      archive.entries.map(\.name) == [
        "botanica/botanica_fern.png", "botanica/botanica_ivy.png", "botanica/botanica_rose.png", "geometry_diamond.png",
        "geometry_hex_01.png", "geometry_hex_02.png", "geometry_stripe.png",
      ])
    #expect(archive.entries.allSatisfy { $0.compressionMethod == 0 && $0.compressedSize == $0.uncompressedSize })
    for entry in archive.entries {
      let original = try Data(contentsOf: folder.appendingPathComponent(entry.name))
      var packed = Data()
      try archive.read(entry, limit: 1 << 20) { chunk in
        packed.append(contentsOf: chunk)
        return true
      }
      #expect(packed == original, "\(entry.name)")
    }

    let check = CLI.run(["check", catalog, "--images", output])
    #expect(check.status == 0, "\(check.stdout)")
    #expect(check.stdout.contains("0 errors, 0 warnings"))

    if FileManager.default.isExecutableFile(atPath: "/usr/bin/unzip") {
      let unzip = try CLI.spawnTool("/usr/bin/unzip", ["-tq", output])
      #expect(unzip.status == 0, "\(unzip.stdout)")
    }
  }

  /// Sidecars and masters beside an image (rose.xmp, rose.psd, rose.txt) share its base name:
  /// they are no image, stay out of the ZIP, and alone they do not make a reference resolve.
  @Test func filesThatShareAnImagesNameButAreNoImageStayOut() throws {
    let (catalog, folder) = try Self.imagesFolder(extras: false)
    for name in ["botanica/botanica_rose.xmp", "botanica/botanica_rose.psd", "geometry_stripe.txt"] {
      try Data("not an image".utf8).write(to: folder.appendingPathComponent(name))
    }
    let output = folder.deletingLastPathComponent().appendingPathComponent("upload.zip").path
    let packed = CLI.run(["pack", catalog, "--images", folder.path, "-o", output])
    #expect(packed.status == 0, "\(packed.stderr)")
    #expect(packed.stdout.contains("packed 7 images"))
    #expect(packed.stdout.contains("left out 3 other files"))
    let names = try ZipArchive(path: output).entries.map(\.name)
    #expect(!names.contains { $0.hasSuffix(".xmp") || $0.hasSuffix(".psd") || $0.hasSuffix(".txt") }, "\(names)")
    let check = CLI.run(["check", catalog, "--images", output])
    #expect(check.status == 0 && check.stdout.contains("0 errors, 0 warnings"), "\(check.stdout)")

    try FileManager.default.removeItem(at: folder.appendingPathComponent("geometry_stripe.png"))
    try FileManager.default.removeItem(atPath: output)
    let refused = CLI.run(["pack", catalog, "--images", folder.path, "-o", output])
    #expect(refused.status == 1)
    #expect(refused.stderr.contains("geometry_stripe (row 5): only \"geometry_stripe.txt\", not an image"), "\(refused.stderr)")
    #expect(!FileManager.default.fileExists(atPath: output))
  }

  /// The 2 GiB refusal rests on the planned size: it must be the ZIP's real size (names are
  /// counted in UTF-8 bytes, twice; libzip adds no extra fields to stored files).
  @Test func thePlannedSizeIsTheWrittenSize() throws {
    let (catalog, folder) = try Self.imagesFolder(extras: false)
    try FileManager.default.moveItem(
      at: folder.appendingPathComponent("geometry_stripe.png"), to: folder.appendingPathComponent("géometry_stripe.png"))
    let csv = try String(contentsOfFile: catalog, encoding: .utf8).replacingOccurrences(of: ",geometry_stripe,", with: ",géometry_stripe,")
    try Data(csv.utf8).write(to: URL(fileURLWithPath: catalog))
    let plan = try ImagePacker.plan(catalogPath: catalog, folder: folder.path, schema: .infer(SchemaCatalog.all()))
    #expect(plan.entries.count == 7 && plan.missing.isEmpty)
    let output = folder.deletingLastPathComponent().appendingPathComponent("upload.zip").path
    try ImagePacker.write(plan, to: output)
    let written = try FileManager.default.attributesOfItem(atPath: output)[.size] as? Int
    #expect(written.map(UInt64.init) == plan.archiveBytes)
  }

  @Test func theSameFolderGivesTheSameBytes() throws {
    let (catalog, folder) = try Self.imagesFolder(extras: false)
    let first = folder.deletingLastPathComponent().appendingPathComponent("a.zip").path
    let second = folder.deletingLastPathComponent().appendingPathComponent("b.zip").path
    #expect(CLI.run(["pack", catalog, "--images", folder.path, "-o", first]).status == 0)
    // Another modification time must not change a byte.
    try FileManager.default.setAttributes(
      [.modificationDate: Date(timeIntervalSince1970: 86_400)],
      ofItemAtPath: folder.appendingPathComponent("geometry_stripe.png").path)
    #expect(CLI.run(["pack", catalog, "--images", folder.path, "-o", second]).status == 0)
    #expect(try Data(contentsOf: URL(fileURLWithPath: first)) == Data(contentsOf: URL(fileURLWithPath: second)))
  }

  @Test func aMissingImageIsRefusedWithItsRowAndNothingIsWritten() throws {
    let (catalog, folder) = try Self.imagesFolder(extras: false)
    try FileManager.default.removeItem(at: folder.appendingPathComponent("botanica/botanica_ivy.png"))
    let output = folder.deletingLastPathComponent().appendingPathComponent("upload.zip").path
    let result = CLI.run(["pack", catalog, "--images", folder.path, "-o", output])
    #expect(result.status == 1)
    #expect(result.stderr.contains("1 image reference of"))
    #expect(result.stderr.contains("botanica_ivy (row 2)"))
    #expect(result.stderr.contains("nothing was written"))
    #expect(!FileManager.default.fileExists(atPath: output))
  }

  @Test func aFolderOverTheUploadLimitIsRefusedBeforeWriting() throws {
    let (catalog, folder) = try Self.imagesFolder(extras: false)
    // A sparse file: 2.2 GB of size, no blocks on disk; pack reads sizes before any byte.
    let huge = folder.appendingPathComponent("geometry_stripe.png").path
    #expect(truncate(huge, 2_200_000_000) == 0)
    let output = folder.deletingLastPathComponent().appendingPathComponent("upload.zip").path
    let result = CLI.run(["pack", catalog, "--images", folder.path, "-o", output])
    #expect(result.status == 1)
    #expect(result.stderr.contains("more than Wizart's upload limit of 2 GiB"))
    #expect(!FileManager.default.fileExists(atPath: output))
  }

  @Test func outputsThatWouldHurtAreRefused() throws {
    let (catalog, folder) = try Self.imagesFolder(extras: false)
    let inside = CLI.run(["pack", catalog, "--images", folder.path, "-o", folder.appendingPathComponent("x.zip").path])
    #expect(inside.status == 2)
    #expect(inside.stderr.contains("inside the images folder"))
    let overCatalog = CLI.run(["pack", catalog, "--images", folder.path, "-o", catalog])
    #expect(overCatalog.status == 2)
    #expect(overCatalog.stderr.contains("it is the catalogue"))
    #expect(try String(contentsOfFile: catalog, encoding: .utf8).hasPrefix("brand_name,"))
    let schema = folder.deletingLastPathComponent().appendingPathComponent("wallpaper.json").path
    try FileManager.default.copyItem(atPath: CLI.repositoryRoot.appendingPathComponent("schemas/wallpaper.json").path, toPath: schema)
    let overSchema = CLI.run(["pack", catalog, "--images", folder.path, "--schema", schema, "-o", schema])
    #expect(overSchema.status == 2)
    #expect(overSchema.stderr.contains("it is the schema"))
    #expect(try String(contentsOfFile: schema, encoding: .utf8).hasPrefix("{"))
    let base = folder.deletingLastPathComponent()
    let toFolder = CLI.run(["pack", catalog, "--images", folder.path, "-o", base.path])
    #expect(toFolder.status == 2)
    #expect(toFolder.stderr.contains("it is a folder"), "\(toFolder.stderr)")
    let nowhere = CLI.run(["pack", catalog, "--images", folder.path, "-o", base.appendingPathComponent("gone/upload.zip").path])
    #expect(nowhere.status == 2)
    #expect(nowhere.stderr.contains("gone does not exist") && !nowhere.stderr.contains(".tmp-"), "\(nowhere.stderr)")
    #expect(try FileManager.default.contentsOfDirectory(atPath: base.path).sorted() == ["catalog.csv", "images", "wallpaper.json"])
  }

  @Test func wrongArgumentsAndUnreadableInputs() throws {
    let (catalog, folder) = try Self.imagesFolder(extras: false)
    let output = folder.deletingLastPathComponent().appendingPathComponent("upload.zip").path
    #expect(CLI.run(["pack", catalog, "-o", output]).status == 64)
    #expect(CLI.run(["pack", catalog, "--images", folder.path]).status == 64)
    #expect(CLI.run(["pack", "--images", folder.path, "-o", output]).status == 64)
    let sheetOfCSV = CLI.run(["pack", catalog, "--images", folder.path, "-o", output, "--sheet", "Products"])
    #expect(sheetOfCSV.status == 64 && sheetOfCSV.stderr.contains("is not one"), "\(sheetOfCSV.stderr)")
    #expect(CLI.run(["pack", catalog, "--images", folder.path, "-o", output, "--type", "wallpapr"]).stderr.contains("did you mean 'wallpaper'"))
    let zipGiven = CLI.run(["pack", catalog, "--images", CLI.sample("wallpaper/images.zip"), "-o", output])
    #expect(zipGiven.status == 2)
    #expect(zipGiven.stderr.contains("is a file, not a folder"))
    let noFolder = CLI.run(["pack", catalog, "--images", folder.path + "-gone", "-o", output])
    #expect(noFolder.status == 2)
    #expect(noFolder.stderr.contains("no such folder"))
    let noCatalog = CLI.run(["pack", catalog + ".gone", "--images", folder.path, "-o", output])
    #expect(noCatalog.status == 2)
    #expect(!FileManager.default.fileExists(atPath: output))
    let help = CLI.run(["pack", "--help"])
    #expect(help.status == 0 && help.stdout.contains("exactly the images the catalogue refers to"))
  }
}
