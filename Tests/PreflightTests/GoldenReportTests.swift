import Foundation
import Testing
@testable import Preflight

/// Reports of the samples, byte for byte. After an intended change run `make golden` and review
/// the diff; the test never rewrites a file unless UPDATE_GOLDEN=1 is set.
@Suite struct GoldenReportTests {
  struct Sample: CustomTestStringConvertible, Sendable {
    var path: String
    var type: String?
    var golden: String
    var testDescription: String { golden }
  }

  static let samples: [Sample] = [
    Sample(path: "samples/wallpaper/catalog.csv", type: "wallpaper", golden: "wallpaper"),
    Sample(path: "samples/wallpaper/catalog.csv", type: nil, golden: "wallpaper-inferred"),
    Sample(path: "samples/flooring/catalog.csv", type: "laminate", golden: "flooring"),
  ] + [
    "semicolons", "windows-1252", "utf16", "decimal-commas", "excel-mangled", "missing-required", "legacy-header",
    "duplicate-sku", "ragged", "unclosed-quote", "whitespace-and-case", "header-only", "empty",
  ].map { Sample(path: "samples/broken/\($0).csv", type: "wallpaper", golden: "broken-\($0)") } + [
    Sample(path: "samples/broken/flooring-half-pair.csv", type: "laminate", golden: "broken-flooring-half-pair")
  ]

  static let folder = Fixtures.repositoryRoot.appendingPathComponent("Tests/PreflightTests/Golden")

  @Test(arguments: samples)
  func reportsMatchTheirGoldenFiles(_ sample: Sample) throws {
    let choice: SchemaChoice = try sample.type.map { .given(Fixtures.schema($0)) } ?? .infer(SchemaCatalog.all())
    let report = Preflight.run(
      CheckRequest(
        catalogPath: Fixtures.repositoryRoot.appendingPathComponent(sample.path).path, catalogName: sample.path,
        schema: choice))
    let rendered = [
      "json": JSONReporter.render(report),
      "txt": TextReporter(color: false).render(report),
    ]
    for (suffix, text) in rendered {
      let url = Self.folder.appendingPathComponent("\(sample.golden).\(suffix)")
      if ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] == "1" {
        try Data(text.utf8).write(to: url)
        continue
      }
      let expected = try? String(contentsOf: url, encoding: .utf8)
      #expect(expected != nil, "missing \(url.lastPathComponent): run `make golden`")
      #expect(text == expected, "\(url.lastPathComponent) differs: review, then `make golden`")
    }
  }
}
