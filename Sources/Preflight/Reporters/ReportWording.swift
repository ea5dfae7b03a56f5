import Foundation

/// Paths as the CI-facing reporters write them: relative to the working directory when possible,
/// forward slashes, no "./", and for SARIF percent-encoded as an RFC 3986 URI reference.
enum ReportPaths {
  /// `path` with "." and empty components dropped; an absolute path inside `currentDirectory` made
  /// relative to it. ".." is kept as written (resolving it could cross a symbolic link).
  static func relative(_ path: String, currentDirectory: String) -> String {
    let components = Self.components(path)
    if path.hasPrefix("/") {
      let base = Self.components(currentDirectory)
      if currentDirectory.hasPrefix("/"), components.count > base.count, Array(components.prefix(base.count)) == base {
        return components.dropFirst(base.count).joined(separator: "/")
      }
      return "/" + components.joined(separator: "/")
    }
    return components.isEmpty ? "." : components.joined(separator: "/")
  }

  /// A relative path as a percent-encoded relative reference (`my%20catalog.csv`); a path outside
  /// the working directory as a `file://` URI.
  static func uri(_ path: String, currentDirectory: String) -> String {
    let relative = relative(path, currentDirectory: currentDirectory)
    return relative.hasPrefix("/") ? "file://" + percentEncoded(relative) : percentEncoded(relative)
  }

  /// Every byte outside RFC 3986's unreserved set, except "/", as %XX. Encoding ":" too keeps a
  /// first segment like "c:catalog.csv" from reading as a scheme.
  static func percentEncoded(_ path: String) -> String {
    let hex = Array("0123456789ABCDEF".utf8)
    var out: [UInt8] = []
    for byte in path.utf8 {
      switch byte {
      case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
        UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "/"):
        out.append(byte)
      default:
        out.append(contentsOf: [UInt8(ascii: "%"), hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]])
      }
    }
    return String(decoding: out, as: UTF8.self)
  }

  private static func components(_ path: String) -> [Substring] {
    path.split(separator: "/", omittingEmptySubsequences: true).filter { $0 != "." }
  }
}

/// Messages and places in the words every reporter shares.
enum ReportWording {
  /// The message, with an archive entry named first ("in images.zip: images/rose.jpg — …") and the
  /// catalogue row that led to it last.
  static func message(_ diagnostic: Diagnostic) -> String {
    let location = diagnostic.location
    guard let entry = location.entry else { return diagnostic.message }
    var text = "in \(location.file ?? "the images"): \(entry) — \(diagnostic.message)"
    if let row = location.row { text += " (catalogue row \(row))" }
    return text
  }

  /// Where the problem is, for a person: "catalog.csv, line 13, row 12, column 6 (product_width)".
  static func place(_ diagnostic: Diagnostic) -> String {
    let location = diagnostic.location
    var parts: [String] = []
    if let file = location.file { parts.append(file) }
    if let entry = location.entry { parts.append("entry \(entry)") }
    if let sheet = location.sheet { parts.append("sheet \(sheet)\(location.cell.map { ", cell " + $0 } ?? "")") }
    if let line = location.line { parts.append(location.entry == nil ? "line \(line)" : "catalogue line \(line)") }
    if let row = location.row { parts.append("row \(row)") }
    if let column = location.column {
      parts.append("column \(column)" + (location.field.map { " (\($0))" } ?? ""))
    } else if let field = location.field {
      parts.append("field \(field)")
    }
    return parts.joined(separator: ", ")
  }

  /// The predicted server answer in one sentence.
  static func outcome(_ report: Report) -> String {
    let prediction = report.prediction
    let total = TextReporter.count(prediction.rowsTotal, "row")
    switch prediction.outcome {
    case .failure:
      return "the server would stop at \(prediction.failedStage?.rawValue ?? "an unknown stage")"
    case .warning where prediction.rowsSkipped >= prediction.rowsTotal:
      return "the server would skip all \(total): nothing would be imported"
    case .warning:
      return "the server would skip \(TextReporter.count(prediction.rowsSkipped, "row")) of \(TextReporter.count(prediction.rowsTotal)) and import the rest"
    case .success:
      return "the server would import all \(total)"
    }
  }

  /// "stage a, stage b" of the stages that did not run, or nil.
  static func notChecked(_ report: Report) -> String? {
    let skipped = report.stages.filter { $0.status == .skipped }.map(\.stage.rawValue)
    return skipped.isEmpty ? nil : skipped.joined(separator: ", ")
  }
}
