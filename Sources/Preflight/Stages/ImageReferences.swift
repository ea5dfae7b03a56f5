import Foundation

/// One row's image reference and the physical size its images must cover, kept by the CSV
/// stage for checking_images (only when images are checked at all).
struct ImageReference: Sendable {
  var row: Int
  var line: Int
  /// The cell as written, trimmed.
  var value: String
  var widthMetres: Double?
  var lengthMetres: Double?
}

/// Everything checking_images needs from the catalogue.
struct CatalogImages: Sendable {
  /// The image column's header name as written, and its 1-based position.
  var field: String
  var column: Int
  var references: [ImageReference]
}

/// A `product_image` cell split into what it names (rules.md, Image references).
enum ReferenceItem: Equatable, Sendable {
  /// A base name, with a trailing .jpg/.jpeg/.png removed.
  case name(String)
  /// A prefix ending in `_`: every image whose base name starts with it.
  case prefix(String)

  static func items(in value: String) -> [ReferenceItem] { writtenItems(in: value).map(\.item) }

  /// Each item with the text it was written as (messages quote what the cell says).
  static func writtenItems(in value: String) -> [(item: ReferenceItem, written: String)] {
    value.split(separator: ",").compactMap { part in
      let item = part.trimmingCharacters(in: .whitespaces)
      guard !item.isEmpty else { return nil }
      if item.hasSuffix("_") { return (.prefix(item), item) }
      return (.name(strippingImageExtension(item)), item)
    }
  }

  static func strippingImageExtension(_ name: String) -> String {
    let lower = name.lowercased()
    for suffix in [".jpg", ".jpeg", ".png"] where lower.hasSuffix(suffix) && lower.count > suffix.count {
      return String(name.unicodeScalars.dropLast(suffix.unicodeScalars.count).reduce(into: "") { $0.unicodeScalars.append($1) })
    }
    return name
  }
}
