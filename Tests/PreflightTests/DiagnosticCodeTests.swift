import Foundation
import PreflightTestSupport
import Testing
@testable import Preflight

/// One small input per diagnostic code that must produce it.
struct CodeCase: CustomTestStringConvertible, Sendable {
  var code: String
  var note: String
  var type: String?
  var name: String = "catalog.csv"
  var bytes: [UInt8]
  /// For cases that are not a file's content (a missing path, a folder).
  var path: String?

  var testDescription: String { "\(code): \(note)" }

  static func text(_ code: String, _ note: String, type: String? = "wallpaper", name: String = "catalog.csv", _ text: String) -> CodeCase {
    CodeCase(code: code, note: note, type: type, name: name, bytes: Array(text.utf8))
  }

  static func catalog(_ code: String, _ note: String, _ change: (inout WallpaperCatalog) -> Void) -> CodeCase {
    var catalog = WallpaperCatalog()
    change(&catalog)
    return .text(code, note, catalog.csv)
  }
}

let flooringHeader = "brand_name,collection_name,product_name,unique_sku_id,product_image,product_width,product_length,pattern_width,pattern_length"

let codeCases: [CodeCase] = [
  CodeCase(code: "input-unreadable", note: "missing file", type: "wallpaper", bytes: [], path: "/nonexistent/catalog.csv"),
  CodeCase(code: "input-unreadable", note: "a folder", type: "wallpaper", bytes: [], path: NSTemporaryDirectory()),
  .text("not-csv-extension", "a .txt file", name: "catalog.txt", WallpaperCatalog().csv),
  CodeCase(code: "encoding-not-utf8", note: "Windows-1252 byte", type: "wallpaper", bytes: Array(WallpaperCatalog().csv.utf8) + Array("Wizart,Botanica,Caf".utf8) + [0xE9] + Array(",wp_9,x,1,1\n".utf8)),
  CodeCase(code: "encoding-not-utf8", note: "UTF-16 with BOM", type: "wallpaper", bytes: [0xFF, 0xFE] + Array("brand_name".utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }),
  CodeCase(code: "encoding-not-utf8", note: "an xlsx workbook", type: "wallpaper", name: "catalog.csv", bytes: [0x50, 0x4B, 0x03, 0x04, 0x14, 0, 0, 0]),
  CodeCase(code: "utf8-bom", note: "BOM before the header", type: "wallpaper", bytes: [0xEF, 0xBB, 0xBF] + Array(WallpaperCatalog().csv.utf8)),
  .text("wrong-delimiter", "semicolons", WallpaperCatalog().csv.replacingOccurrences(of: ",", with: ";")),
  .text("wrong-delimiter", "tabs", "brand_name\tcollection_name\tproduct_name\nWizart\tBotanica\tRose\n"),
  .text("wrong-delimiter", "Excel sep= line", "sep=;\n" + WallpaperCatalog().csv),
  .text("malformed-quotes", "unclosed quote", WallpaperCatalog().csv + "Wizart,Botanica,\"Open,wp_9,rose,1,1\n"),
  .text("malformed-quotes", "quote inside an unquoted value", WallpaperCatalog().csv.replacingOccurrences(of: "Rose 2", with: "Rose\"s 2")),
  .text("ragged-row", "a cell too many", WallpaperCatalog().csv.replacingOccurrences(of: "\"green, white\"", with: "green, white")),
  .text("blank-row", "an empty line", WallpaperCatalog().csv + "\n" + WallpaperCatalog().csv.split(separator: "\n")[1] + "\n"),
  .catalog("control-character", "NUL in a name") { $0.set(1, "product_name", "Ro\u{0}se") },
  .text("no-data-rows", "header only", WallpaperCatalog().header.joined(separator: ",") + "\n"),
  .text("no-data-rows", "empty file", ""),
  .catalog("missing-required-column", "no unique_sku_id") { $0.header.removeAll { $0 == "unique_sku_id" } },
  .catalog("missing-optional-column", "no product_link") { $0.header.removeAll { $0 == "product_link" } },
  .catalog("unknown-column", "a typo") { $0.header.append("prodcut_size") },
  .catalog("legacy-column-name", "Unique_SKU_ID") { catalog in
    catalog.header = catalog.header.map { $0 == "unique_sku_id" ? "Unique_SKU_ID" : $0 }
    for index in catalog.rows.indices { catalog.rows[index]["Unique_SKU_ID"] = "wp_\(index)" }
  },
  .catalog("column-name-mismatch", "capitals") { catalog in
    catalog.header = catalog.header.map { $0 == "color" ? "Color" : $0 }
  },
  .catalog("duplicate-column", "color twice") { $0.header.append("color") },
  .catalog("column-order", "two columns swapped") { catalog in
    catalog.header.swapAt(0, 1)
  },
  .catalog("missing-required-value", "empty SKU") { $0.set(2, "unique_sku_id", "") },
  .catalog("invalid-number", "decimal comma") { $0.set(1, "product_width", "1,06") },
  .catalog("out-of-range", "width in centimetres") { $0.set(1, "product_width", "106") },
  .catalog("out-of-range", "zero repeat") { $0.set(1, "repeat_width", "0") },
  .catalog("invalid-boolean", "reverse = 1") { $0.set(1, "reverse", "1") },
  .catalog("boolean-spelling", "reverse = TRUE") { $0.set(1, "reverse", "TRUE") },
  CodeCase(
    code: "formula-error", note: "#N/A left by a failed lookup in an Excel sheet", type: "wallpaper", name: "catalog.xlsx",
    bytes: WorkbookFixture([
      .init(
        "Products",
        rows: [
          ["brand_name", "collection_name", "product_name", "unique_sku_id", "product_image", "product_width", "repeat_width"].map { .text($0) },
          [.text("Wizart"), .text("Botanica"), .error("#N/A"), .text("wp_1"), .text("rose"), .number("0.53"), .number("0.53")],
        ])
    ]).bytes()),
  .catalog("invalid-enum", "availability") { $0.set(1, "product_availability", "available") },
  .catalog("invalid-enum", "application surface item") { $0.set(1, "application_surface", "wall, roof") },
  .catalog("too-long", "256-character name") { $0.set(1, "product_name", String(repeating: "é", count: 256)) },
  .catalog("empty-list-item", "two commas") { $0.set(1, "color", "green,,white") },
  .catalog("surrounding-whitespace", "trailing space") { $0.set(1, "collection_name", "Botanica ") },
  .catalog("formula-like-value", "starts with =") { $0.set(1, "product_name", "=HYPERLINK(\"x\")") },
  .catalog("duplicate-sku", "same SKU, same collection") { $0.set(3, "unique_sku_id", "wp_001") },
  .catalog("sku-in-several-collections", "same SKU, other collection") { catalog in
    catalog.set(3, "unique_sku_id", "wp_001")
    catalog.set(3, "collection_name", "Geometry")
  },
  .catalog("excel-mangled-value", "SKU in scientific notation") { $0.set(1, "unique_sku_id", "1.23457E+11") },
  .catalog("excel-mangled-value", "number turned into a date") { $0.set(1, "pattern_repeat", "06.Jan") },
  .catalog("inconsistent-name", "brand in other capitals") { $0.set(2, "brand_name", "WIZART") },
  .text("incomplete-dimensions", "half a product pair", type: "laminate", flooringHeader + "\nW,C,P,s1,img,0.2,,,\n"),
  .text("incomplete-dimensions", "no pair at all", type: "laminate", flooringHeader + "\nW,C,P,s1,img,,,,\n"),
  .text("incomplete-dimensions", "linoleum: half a product pair", type: "linoleum", flooringHeader + "\nW,C,P,s1,img,2,,0.5,0.5\n"),
  .text("type-ambiguous", "generic flooring header", type: nil, flooringHeader + "\nW,C,P,s1,img,0.2,1.2,,\n"),
  CodeCase(
    code: "record-too-large", note: "an unclosed quote swallowing 17 MiB", type: "wallpaper",
    bytes: Array(WallpaperCatalog().csv.utf8) + Array("Wizart,\"".utf8) + [UInt8](repeating: 0x78, count: 17 << 20)),
  .text("type-ambiguous", "no known column", type: nil, "foo,bar\n1,2\n"),
]

@Suite struct DiagnosticCodeTests {
  @Test(arguments: codeCases)
  func eachCodeIsProducedByItsInput(_ example: CodeCase) {
    let path = example.path ?? Fixtures.write(example.bytes, name: example.name)
    let report = Fixtures.check(path: path, type: example.type)
    #expect(report.codes.contains(example.code), "got \(report.codes)")
    let diagnostic = report.diagnostics.first { $0.code.id == example.code }
    #expect(diagnostic?.severity == DiagnosticCode.named(example.code)?.severity)
    #expect(!(diagnostic?.message.isEmpty ?? true))
  }

  @Test func everyCodeHasAnInputThatProducesIt() {
    let covered = Set(codeCases.map(\.code) + imageCases.map(\.code))
    let all = Set(DiagnosticCode.all.map(\.id))
    #expect(all.subtracting(covered).isEmpty, "codes without a test: \(all.subtracting(covered).sorted())")
  }

  @Test func aValidCatalogueHasNoDiagnosticsAtAll() {
    let report = Fixtures.check(WallpaperCatalog(rowCount: 20).csv)
    #expect(report.diagnostics.isEmpty, "\(report.diagnostics.map { "\($0.code): \($0.message)" })")
    #expect(report.prediction.outcome == .success)
    #expect(report.prediction.rowsTotal == 20)
  }

  @Test func validFlooringRowsWithEitherPairPass() {
    let text = flooringHeader + "\nW,C,P,s1,img,0.2,1.2,,\nW,C,P,s2,img,,,0.5,0.5\nW,C,P,s3,img,0.2,1.2,0.4,2.4\n"
    let report = Fixtures.check(text, type: "laminate")
    #expect(report.diagnostics(.incompleteDimensions).isEmpty)
    #expect(report.summary.errors == 0)
  }

  /// rules.md: linoleum needs the pattern pair (its cells are required) and murals their
  /// pattern pair: both the empty required cells and the row rule are reported.
  @Test(arguments: [
    ("linoleum", flooringHeader + "\nW,C,P,s1,img,2,4,,\n"),
    ("wall_mural", flooringHeader + "\nW,C,P,s1,img,1,1,,\n"),
    ("wallpaper", "brand_name,collection_name,product_name,unique_sku_id,product_image,product_width,repeat_width\nW,C,P,s1,img,1,\n"),
  ])
  func rowRulesFireForRequiredSizeCellsToo(_ type: String, _ text: String) {
    let report = Fixtures.check(text, type: type)
    #expect(report.diagnostics(.incompleteDimensions).count == 1, "\(report.codes)")
    #expect(!report.diagnostics(.missingRequiredValue).isEmpty)
  }

  @Test func aMissingSizeColumnIsReportedOnceNotPerRow() {
    let header = "brand_name,collection_name,product_name,unique_sku_id,product_image,product_width"
    let report = Fixtures.check(header + "\nW,C,P,s1,img,1\nW,C,P,s2,img,1\n", type: "wallpaper")
    #expect(report.diagnostics(.missingRequiredColumn).map(\.location.field) == ["repeat_width"])
    #expect(report.diagnostics(.incompleteDimensions).isEmpty)
  }

  @Test func codesAreUniqueKebabCaseAndDocumented() {
    let ids = DiagnosticCode.all.map(\.id)
    #expect(Set(ids).count == ids.count)
    for code in DiagnosticCode.all {
      #expect(code.id.allSatisfy { $0.isLowercase || $0.isNumber || $0 == "-" }, "\(code.id)")
      #expect(!code.summary.isEmpty && !code.explanation.isEmpty && !code.fix.isEmpty, "\(code.id)")
    }
  }

  /// The codes diagnostics.md requires for this stage must exist with these names and effects.
  @Test func theContractCodesExistWithTheirEffects() {
    let contract: [String: Effect] = [
      "input-unreadable": .stopsImport, "not-csv-extension": .quality, "encoding-not-utf8": .stopsImport,
      "utf8-bom": .info, "wrong-delimiter": .stopsImport, "malformed-quotes": .stopsImport, "ragged-row": .stopsImport,
      "blank-row": .skipsRow, "control-character": .stopsImport, "no-data-rows": .stopsImport,
      "missing-required-column": .stopsImport, "missing-optional-column": .quality, "unknown-column": .quality,
      "legacy-column-name": .stopsImport, "column-name-mismatch": .stopsImport, "duplicate-column": .stopsImport,
      "column-order": .info, "missing-required-value": .stopsImport, "invalid-number": .skipsRow,
      "out-of-range": .skipsRow, "invalid-boolean": .skipsRow, "invalid-enum": .skipsRow, "too-long": .skipsRow,
      "empty-list-item": .quality, "surrounding-whitespace": .quality, "formula-like-value": .info,
      "duplicate-sku": .stopsImport, "sku-in-several-collections": .info, "excel-mangled-value": .quality,
      "inconsistent-name": .quality, "incomplete-dimensions": .stopsImport, "type-ambiguous": .stopsImport,
    ]
    for (id, effect) in contract {
      #expect(DiagnosticCode.named(id)?.effect == effect, "\(id)")
      #expect(DiagnosticCode.named(id)?.stage == .validatingCSV, "\(id)")
    }
    let archive: [String: Effect] = [
      "archive-unreadable": .stopsImport, "archive-not-zip": .stopsImport, "archive-extension": .quality,
      "archive-too-large": .stopsImport, "archive-corrupt": .stopsImport, "archive-empty": .stopsImport,
      "entry-encrypted": .stopsImport, "entry-compression": .quality, "entry-unsafe-path": .stopsImport,
      "entry-symlink": .stopsImport, "entry-duplicate": .stopsImport, "entry-name-encoding": .quality,
      "entry-name-nfd": .quality, "nested-archive": .quality, "junk-entry": .info, "zip-bomb": .stopsImport,
      "entry-crc-mismatch": .stopsImport,
    ]
    let images: [String: Effect] = [
      "image-missing": .stopsImport, "image-prefix-unmatched": .stopsImport, "image-ambiguous": .quality,
      "image-unreferenced": .info, "image-format": .stopsImport, "image-extension-mismatch": .quality,
      "image-unreadable": .stopsImport, "image-color-mode": .quality, "image-dpi-low": .quality, "image-dpi-missing": .info,
      "image-resolution-low": .quality, "image-dimensions-extreme": .quality, "image-alpha-missing": .quality,
    ]
    for (id, effect) in archive {
      #expect(DiagnosticCode.named(id)?.effect == effect && DiagnosticCode.named(id)?.stage == .unpackingArchive, "\(id)")
    }
    for (id, effect) in images {
      #expect(DiagnosticCode.named(id)?.effect == effect && DiagnosticCode.named(id)?.stage == .checkingImages, "\(id)")
    }
  }
}
