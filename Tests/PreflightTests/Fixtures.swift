import Foundation
@testable import Preflight

/// Builds catalogues on disk and runs the engine on them.
enum Fixtures {
  static let repositoryRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

  /// A fresh folder for one test's files.
  static func directory() -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("preflight-tests-\(UUID().uuidString)")
    try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }

  static func write(_ bytes: [UInt8], name: String = "catalog.csv") -> String {
    let url = directory().appendingPathComponent(name)
    try! Data(bytes).write(to: url)
    return url.path
  }

  static func write(_ text: String, name: String = "catalog.csv") -> String {
    write(Array(text.utf8), name: name)
  }

  static func schema(_ code: String) -> ProductSchema {
    try! SchemaCatalog.builtIn(code)!
  }

  static func check(
    path: String, type: String? = "wallpaper", maxPerCode: Int? = nil, ignored: Set<String> = [], images: String? = nil
  ) -> Report {
    let choice: SchemaChoice = type.map { .given(schema($0)) } ?? .infer(try! SchemaCatalog.all())
    let name = URL(fileURLWithPath: path).lastPathComponent
    return Preflight.run(
      CheckRequest(
        catalogPath: path, catalogName: name, imagesPath: images, schema: choice, maxDiagnosticsPerCode: maxPerCode,
        ignoredCodes: ignored))
  }

  static func check(_ text: String, type: String? = "wallpaper", name: String = "catalog.csv") -> Report {
    check(path: write(text, name: name), type: type)
  }

  static func check(bytes: [UInt8], type: String? = "wallpaper", name: String = "catalog.csv") -> Report {
    check(path: write(bytes, name: name), type: type)
  }
}

extension Report {
  var codes: [String] { diagnostics.map(\.code.id) }
  func diagnostics(_ code: DiagnosticCode) -> [Diagnostic] { diagnostics.filter { $0.code == code } }
}

/// A valid wallpaper catalogue that tests change one cell or column at a time.
struct WallpaperCatalog {
  static let columns = Fixtures.schema("wallpaper").fields.map(\.name)

  var header: [String] = columns
  var rows: [[String: String]]

  init(rowCount: Int = 3) {
    rows = (1...rowCount).map { index in
      [
        "brand_name": "Wizart", "collection_name": "Botanica", "product_name": "Rose \(index)",
        "unique_sku_id": "wp_\(String(format: "%03d", index))", "product_image": "rose_\(index)",
        "product_width": "1.06", "repeat_width": "0.53", "pattern_repeat": "0.64", "pattern_offset": "0",
        "product_link": "https://example.com/rose-\(index)", "wallpaper_roll_length": "10.05", "color": "green, white",
        "reverse": "no", "product_availability": "In stock", "application_surface": "wall, ceiling",
      ]
    }
  }

  /// Sets one cell of a 1-based row.
  mutating func set(_ row: Int, _ field: String, _ value: String) { rows[row - 1][field] = value }

  var csv: String {
    var lines = [header.map(Self.quote).joined(separator: ",")]
    for row in rows { lines.append(header.map { Self.quote(row[$0] ?? "") }.joined(separator: ",")) }
    return lines.joined(separator: "\n") + "\n"
  }

  static func quote(_ value: String) -> String {
    guard value.unicodeScalars.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return value }
    return "\"" + doubledQuotes(value) + "\""
  }
}
