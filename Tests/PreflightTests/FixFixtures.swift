import Foundation
@testable import Preflight

/// Catalogue exports as Excel writes them when it is not asked for "CSV UTF-8": other
/// delimiters, line breaks, quoting everything, code pages, UTF-16.
enum MessyExport {
  /// The catalogue's text with a delimiter and line break; a cell is quoted when it holds the
  /// delimiter, a quote or a line break (or always, with `quoteAll`).
  static func text(_ catalog: WallpaperCatalog, delimiter: String = ",", lineBreak: String = "\n", quoteAll: Bool = false) -> String {
    func cell(_ value: String) -> String {
      let needs = quoteAll || value.contains(delimiter) || value.contains("\"") || value.contains("\n") || value.contains("\r")
      return needs ? "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : value
    }
    var lines = [catalog.header.map(cell).joined(separator: delimiter)]
    for row in catalog.rows { lines.append(catalog.header.map { cell(row[$0] ?? "") }.joined(separator: delimiter)) }
    return lines.joined(separator: lineBreak) + lineBreak
  }

  /// The few Windows-1252 characters the tests use, with their bytes from the code page chart.
  static let windows1252: [Character: UInt8] = [
    "é": 0xE9, "è": 0xE8, "à": 0xE0, "ü": 0xFC, "ö": 0xF6, "ß": 0xDF, "€": 0x80, "–": 0x96, "’": 0x92, "Š": 0x8A,
  ]

  /// Windows-1251: А–я are 0xC0–0xFF in alphabet order; Ё, ё, №, « and » sit below.
  static let windows1251: [Character: UInt8] = {
    var table: [Character: UInt8] = ["Ё": 0xA8, "ё": 0xB8, "№": 0xB9, "«": 0xAB, "»": 0xBB]
    for (index, letter) in "АБВГДЕЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯабвгдежзийклмнопрстуфхцчшщъыьэюя".enumerated() {
      table[letter] = UInt8(0xC0 + index)
    }
    return table
  }()

  static func encode(_ text: String, _ table: [Character: UInt8]) -> [UInt8] {
    var bytes: [UInt8] = []
    for character in text {
      if let byte = table[character] {
        bytes.append(byte)
      } else {
        precondition(character.isASCII, "no test byte for \(character)")
        bytes.append(contentsOf: character.utf8)
      }
    }
    return bytes
  }

  static func utf16LittleEndian(_ text: String, bom: Bool = true) -> [UInt8] {
    var bytes: [UInt8] = bom ? [0xFF, 0xFE] : []
    for unit in text.utf16 { bytes += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
    return bytes
  }

  static func utf16BigEndian(_ text: String, bom: Bool = true) -> [UInt8] {
    var bytes: [UInt8] = bom ? [0xFE, 0xFF] : []
    for unit in text.utf16 { bytes += [UInt8(unit >> 8), UInt8(unit & 0xFF)] }
    return bytes
  }
}

/// Runs the fixer on files in a fresh folder.
enum FixRun {
  struct Result {
    var summary: FixSummary
    var input: String
    var output: String
    var folder: String
    var outputBytes: [UInt8]? { FileManager.default.contents(atPath: output).map { [UInt8]($0) } }
    var outputText: String? { outputBytes.map { String(decoding: $0, as: UTF8.self) } }
    /// Files in the folder besides the input: the output, and nothing half-written.
    var folderContents: [String] {
      ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).sorted()
    }
    func item(_ kind: FixKind) -> FixItem? {
      (summary.changes + summary.leftForYou + summary.refusals).first { $0.kind == kind }
    }
    var kinds: [FixKind] { (summary.changes + summary.leftForYou + summary.refusals).map(\.kind) }
  }

  static func run(
    _ bytes: [UInt8], type: String? = "wallpaper", name: String = "export.csv", configure: (inout FixRequest) -> Void = { _ in }
  ) -> Result {
    let input = Fixtures.write(bytes, name: name)
    let folder = URL(fileURLWithPath: input).deletingLastPathComponent().path
    let output = folder + "/fixed.csv"
    let choice: SchemaChoice = type.map { .given(Fixtures.schema($0)) } ?? .infer(try! SchemaCatalog.all())
    var request = FixRequest(inputPath: input, inputName: name, outputPath: output, schema: choice)
    configure(&request)
    return Result(summary: CatalogFixer.run(request), input: input, output: request.outputPath, folder: folder)
  }

  static func run(_ text: String, type: String? = "wallpaper", configure: (inout FixRequest) -> Void = { _ in }) -> Result {
    run(Array(text.utf8), type: type, configure: configure)
  }
}
