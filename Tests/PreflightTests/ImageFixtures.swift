import Testing
import Foundation
import PreflightTestSupport
import ZipKit
@testable import Preflight

/// A catalogue plus images on disk, checked with --images.
struct ImageCase: CustomTestStringConvertible, Sendable {
  enum Images: Sendable {
    /// Entries written by ZipWriter (deflate).
    case zip([String: [UInt8]])
    /// Hand-made ZIP bytes.
    case bytes([UInt8])
    /// A folder with these files.
    case folder([String: [UInt8]])
    /// A sparse file of this size starting with these bytes.
    case sparse(size: UInt64, prefix: [UInt8])
    case missing
  }

  var code: String
  var note: String
  var type = "wallpaper"
  var catalog = WallpaperCatalog().csv
  var images: Images
  var imagesName = "images.zip"
  var deep = false

  var testDescription: String { "\(code): \(note)" }

  /// Writes the files and runs the check.
  func run() throws -> Report {
    let folder = Fixtures.directory()
    let catalogPath = folder.appendingPathComponent("catalog.csv").path
    try Data(catalog.utf8).write(to: URL(fileURLWithPath: catalogPath))
    let imagesPath = folder.appendingPathComponent(imagesName).path
    switch images {
    case .zip(let files):
      try ZipWriter.write(files.keys.sorted().map { ZipWriter.Item(name: $0, data: files[$0]!) }, to: imagesPath)
    case .bytes(let bytes):
      try Data(bytes).write(to: URL(fileURLWithPath: imagesPath))
    case .folder(let files):
      for (path, bytes) in files {
        let url = URL(fileURLWithPath: imagesPath).appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: url)
      }
    case .sparse(let size, let prefix):
      FileManager.default.createFile(atPath: imagesPath, contents: Data(prefix))
      let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: imagesPath))
      try handle.truncate(atOffset: size)
      try handle.close()
    case .missing:
      break
    }
    return Preflight.run(
      CheckRequest(
        catalogPath: catalogPath, catalogName: "catalog.csv", imagesPath: imagesPath, schema: .given(Fixtures.schema(type)),
        maxDiagnosticsPerCode: nil, jobs: 2, deep: deep))
  }
}

/// Images that satisfy the wallpaper rows of `WallpaperCatalog` (0.53 m × 0.64 m → 543 × 656 px).
enum GoodImages {
  static let png = ImageBytes.png(width: 600, height: 700)
  static let jpeg = ImageBytes.jpeg(width: 600, height: 700)

  static func files(_ count: Int = 3, folder: String = "images/") -> [String: [UInt8]] {
    Dictionary(uniqueKeysWithValues: (1...count).map { ("\(folder)rose_\($0).png", png) })
  }

  static func rawEntries(_ count: Int = 3) -> [RawZip.Entry] {
    (1...count).map { RawZip.Entry("images/rose_\($0).png", png) }
  }
}
