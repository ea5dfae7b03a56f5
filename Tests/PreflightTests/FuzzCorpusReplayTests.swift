import Foundation
import Preflight
import Testing

/// Replays the libFuzzer corpus Fuzz/corpus/fuzz-csv (see `make fuzz` and Fuzz/FuzzCSV.swift)
/// through the whole CSV check against the wallpaper schema, in the normal test run.
@Suite struct FuzzCorpusReplayTests {
  static let corpus = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Fuzz/corpus/fuzz-csv")

  @Test func csvCorpusRendersValidDeterministicJSON() throws {
    let names = try FileManager.default.contentsOfDirectory(atPath: Self.corpus.path)
      .filter { !$0.hasPrefix(".") }.sorted()
    try #require(names.count >= 50, "only \(names.count) inputs in \(Self.corpus.path); run python3 Fuzz/make-seeds.py")
    #expect(names.contains("seed-wallpaper-catalog.csv"))

    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("preflight-fuzz-replay-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let path = folder.appendingPathComponent("catalog.csv").path
    let schema = try #require(try SchemaCatalog.builtIn("wallpaper"))

    for name in names {
      try Data(contentsOf: Self.corpus.appendingPathComponent(name)).write(to: URL(fileURLWithPath: path))
      func render() -> (Report, String) {
        let report = Preflight.run(CheckRequest(catalogPath: path, catalogName: "catalog.csv", schema: .given(schema), jobs: 1))
        return (report, JSONReporter.render(report))
      }
      let (report, json) = render()
      #expect(json == render().1, "\(name): two runs give different reports")

      let object = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
      guard let object else {
        Issue.record("\(name): the JSON report does not parse:\n\(json)")
        continue
      }
      #expect(object["reportVersion"] as? Int == 1, "\(name)")
      #expect((object["diagnostics"] as? [Any])?.count == report.diagnostics.count, "\(name)")
      if !report.summary.truncated {
        #expect(
          report.summary.errors + report.summary.warnings + report.summary.notices == report.diagnostics.count,
          "\(name): the summary counts disagree with the diagnostics")
      }
    }
  }
}
