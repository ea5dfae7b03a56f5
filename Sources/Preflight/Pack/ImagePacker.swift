import Foundation
import ZipKit

/// One image file that goes into the upload ZIP.
public struct PackEntry: Sendable, Equatable {
  /// Path relative to the images folder, `/`-separated: the name inside the ZIP.
  public var path: String
  public var size: UInt64
}

/// What `pack` would put into the upload ZIP, and what it leaves out.
public struct PackPlan: Sendable {
  /// The images folder, as given.
  public var folder: String
  /// The product type the catalogue was read as.
  public var productType: String
  /// Files some catalogue row refers to, sorted by their bytes.
  public var entries: [PackEntry]
  /// Images no row refers to.
  public var unreferenced: [String]
  /// Everything else left out: system files, links, nested archives, other files.
  public var leftOut: [String]
  /// References that match no image file, as "NAME (row N)" (with the files of that name that are no image).
  public var missing: [String]
  /// Sum of the packed files' sizes.
  public var totalBytes: UInt64
  /// The ZIP's size: the files (stored) plus their local and central headers.
  public var archiveBytes: UInt64
}

public struct PackError: Error, Sendable, CustomStringConvertible {
  public var message: String
  public var description: String { message }
  init(_ message: String) { self.message = message }
}

/// Builds the upload ZIP from a folder of images: exactly the images the catalogue refers to,
/// stored without recompression, in a fixed order with fixed timestamps (same input, same bytes).
public enum ImagePacker {
  /// Wizart's upload limit for the archive (rules.md): 2 GiB.
  public static let sizeLimit: UInt64 = UnpackingArchive.hardLimit

  /// Reads the catalogue's image references and matches them against the folder's files the way
  /// checking_images does (base names, `prefix_`, comma lists, NFC), keeping the image files.
  public static func plan(catalogPath: String, folder: String, schema: SchemaChoice, sheet: String? = nil) throws(PackError)
    -> PackPlan
  {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory) else {
      throw PackError("\(folder): no such folder")
    }
    guard isDirectory.boolValue else {
      throw PackError("\(folder) is a file, not a folder: pack builds the ZIP from a folder of images")
    }
    var scratch = FindingCollector(maxPerCode: 1, ignored: [])
    var stage = ValidatingCSV(path: catalogPath, file: catalogPath, choice: schema)
    stage.collectImages = true
    stage.sheet = sheet
    let catalog = stage.run(into: &scratch)
    if catalog.unreadable {
      let reason = scratch.kept.first { $0.code == .inputUnreadable }?.message ?? "it cannot be read"
      throw PackError("\(catalogPath): \(reason)")
    }
    guard let schema = catalog.schema else {
      throw PackError("\(catalogPath): the product type cannot be told from the header; pass --type CODE")
    }
    guard let images = catalog.images else {
      throw PackError("\(catalogPath): the \(schema.code) catalogue has no image column (\(schema.imageField ?? "none")) to pack images for")
    }
    let listing = UnpackingArchive(path: folder, file: folder).run(into: &scratch)
    guard let source = listing.source, !listing.unreadable else {
      let reason = scratch.kept.first { $0.code == .archiveUnreadable }?.message ?? "it cannot be listed"
      throw PackError("\(folder): \(reason)")
    }

    let index = ImageIndex(entries: source.entries)
    var referenced = Set<Int>()
    var missing: [String] = []
    for reference in images.references {
      for (item, written) in ReferenceItem.writtenItems(in: reference.value) {
        let matched: [Int]
        switch item {
        case .name(let name): matched = index.matches(name: name)
        case .prefix(let prefix): matched = index.matches(prefix: prefix)
        }
        // Files that share an image's name but are no image (rose.xmp, rose.psd, rose.txt beside
        // rose.jpg) stay out: the server would read them as images and fail on them.
        let pictures = matched.filter { source.entries[$0].hasImageExtension }
        if pictures.isEmpty {
          let others = matched.map { "\"\(source.entries[$0].path)\"" }
          missing.append(
            "\(written) (row \(reference.row))" + (others.isEmpty ? "" : ": only \(others.joined(separator: ", ")), not an image"))
        }
        referenced.formUnion(pictures)
      }
    }
    var entries: [PackEntry] = []
    var unreferenced: [String] = []
    var leftOut: [String] = []
    for entry in source.entries where !entry.isDirectory {
      if referenced.contains(entry.index) {
        entries.append(PackEntry(path: entry.path, size: entry.size))
      } else if !entry.isJunk && !entry.isSymlink && entry.hasImageExtension {
        unreferenced.append(entry.path)
      } else {
        leftOut.append(entry.path)
      }
    }
    let total = entries.reduce(UInt64(0)) { $0 + $1.size }
    // Local header (30) and central header (46) per entry, each with the name, plus the end record.
    let headers = entries.reduce(UInt64(22)) { $0 + 76 + 2 * UInt64($1.path.utf8.count) }
    return PackPlan(
      folder: folder, productType: schema.code, entries: entries, unreferenced: unreferenced, leftOut: leftOut,
      missing: missing, totalBytes: total, archiveBytes: total + headers)
  }

  /// Writes the planned ZIP atomically; `progress` gets (bytes written, total bytes).
  public static func write(_ plan: PackPlan, to path: String, progress: (@Sendable (Int, Int) -> Void)? = nil) throws(PackError) {
    guard plan.archiveBytes <= sizeLimit else {
      throw PackError(
        "the ZIP would hold \(String(format: "%.2f GB (%llu bytes)", Double(plan.archiveBytes) / 1e9, plan.archiveBytes)), more than Wizart's upload limit of 2 GiB; split the catalogue into several imports")
    }
    let root = URL(fileURLWithPath: plan.folder)
    let items = plan.entries.map { ZipWriter.Item(name: $0.path, file: root.appendingPathComponent($0.path).path) }
    let total = Int(clamping: plan.totalBytes)
    do {
      try ZipWriter.write(items, to: path, progress: progress.map { report in { report(Int(Double(total) * $0), total) } })
    } catch {
      throw PackError(error.message)
    }
  }
}
