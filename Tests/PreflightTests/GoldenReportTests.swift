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
    var images: String? = nil
    var deep = false
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
    Sample(path: "samples/broken/flooring-half-pair.csv", type: "laminate", golden: "broken-flooring-half-pair"),
    Sample(path: "samples/broken/excel-export.xlsx", type: "wallpaper", golden: "broken-excel-export"),
    Sample(path: "samples/wallpaper/catalog.xlsx", type: nil, golden: "wallpaper-xlsx-with-images", images: "samples/wallpaper/images.zip"),
    Sample(path: "samples/wallpaper/catalog.csv", type: "wallpaper", golden: "wallpaper-with-images", images: "samples/wallpaper/images.zip", deep: true),
    Sample(path: "samples/flooring/catalog.csv", type: "laminate", golden: "flooring-with-images", images: "samples/flooring/images.zip", deep: true),
  ] + [
    "missing-image.zip", "cmyk.zip", "zip-slip.zip", "low-resolution.zip", "not-a-zip.rar", "junk-and-unreferenced.zip",
  ].map {
    Sample(
      path: "samples/wallpaper/catalog.csv", type: "wallpaper", golden: "broken-images-" + $0.split(separator: ".")[0],
      images: "samples/broken-images/\($0)")
  }

  static let folder = Fixtures.repositoryRoot.appendingPathComponent("Tests/PreflightTests/Golden")

  @Test(arguments: samples)
  func reportsMatchTheirGoldenFiles(_ sample: Sample) throws {
    let choice: SchemaChoice = try sample.type.map { .given(Fixtures.schema($0)) } ?? .infer(SchemaCatalog.all())
    // Run from the repository root so that the images path in the report is the relative one.
    let imagesPath = sample.images.map { Fixtures.repositoryRoot.appendingPathComponent($0).path }
    var report = Preflight.run(
      CheckRequest(
        catalogPath: Fixtures.repositoryRoot.appendingPathComponent(sample.path).path, catalogName: sample.path,
        imagesPath: imagesPath, schema: choice, jobs: 2, deep: sample.deep))
    report = report.replacingPaths(imagesPath, with: sample.images)
    let rendered = [
      "json": JSONReporter.render(report),
      "txt": TextReporter(color: false).render(report),
      "sarif": SARIFReporter.render(report, currentDirectory: Fixtures.repositoryRoot.path),
      "junit.xml": JUnitReporter.render(report),
      "github.txt": GitHubReporter.render(report, currentDirectory: Fixtures.repositoryRoot.path),
      "html": HTMLReporter.render(report),
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

extension Report {
  /// The report as if the images had been given by their path relative to the repository.
  func replacingPaths(_ absolute: String?, with relative: String?) -> Report {
    guard let absolute, let relative else { return self }
    var copy = self
    copy.inputs.images = relative
    copy.diagnostics = diagnostics.map { diagnostic in
      var finding = diagnostic.finding
      if finding.location.file == absolute { finding.location.file = relative }
      finding.message = finding.message.replacingOccurrences(of: absolute, with: relative)
      return Diagnostic(finding)
    }
    return copy
  }
}
