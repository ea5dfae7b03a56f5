import Foundation
import ImageProbe

/// The checking_images stage: resolve every reference against the archive's names, read the
/// header of each referenced image once (in parallel), and check it against the product type
/// and each referencing row's physical size.
struct CheckingImages {
  var source: ImageSource
  /// The archive or folder as reports name it.
  var imagesFile: String
  /// The catalogue as reports name it.
  var catalogFile: String
  var schema: ProductSchema
  var catalog: CatalogImages?
  var excluded: Set<Int>
  var jobs: Int
  var deep: Bool
  var progress: (@Sendable (String, Int, Int) -> Void)?

  /// Where a referenced image was first asked for.
  private struct FirstUse {
    var row: Int
    var line: Int
  }

  func run(into collector: inout FindingCollector) -> [String: Int] {
    let index = ImageIndex(entries: source.entries)
    var firstUse: [Int: FirstUse] = [:]
    var uses: [(reference: ImageReference, entry: Int)] = []
    var seenUses: Set<[Int]> = []
    var referenceCount = 0
    var reportedAmbiguous: Set<String> = []
    var candidateBudget = 50
    let field = catalog?.field
    for reference in catalog?.references ?? [] {
      let location = Location(file: catalogFile, line: reference.line, row: reference.row, column: catalog?.column, field: field)
      for (item, written) in ReferenceItem.writtenItems(in: reference.value) {
        referenceCount += 1
        let matched: [Int]
        switch item {
        case .name(let name):
          matched = index.matches(name: name)
          if matched.isEmpty {
            collector.add(.imageMissing, row: reference.row) {
              let candidates = candidateBudget > 0 ? index.candidates(for: name) : []
              return ImageMissingCheck.finding(
                at: location, name: written, archive: imagesFile,
                candidates: candidates.map { (index.entries[$0.entry].path, $0.why) })
            }
            candidateBudget -= 1
          } else if matched.count > 1 && reportedAmbiguous.insert(name.precomposedStringWithCanonicalMapping).inserted {
            collector.add(
              ImageAmbiguousCheck.finding(
                at: location, name: name, archive: imagesFile, entries: matched.map { index.entries[$0].path }))
          }
        case .prefix(let prefix):
          matched = index.matches(prefix: prefix)
          if matched.isEmpty {
            collector.add(ImagePrefixUnmatchedCheck.finding(at: location, prefix: prefix, archive: imagesFile))
          }
        }
        for entry in matched where seenUses.insert([reference.row, entry]).inserted {
          if firstUse[entry] == nil { firstUse[entry] = FirstUse(row: reference.row, line: reference.line) }
          uses.append((reference, entry))
        }
      }
    }
    reportUnreferenced(index: index, referenced: Set(firstUse.keys), into: &collector)

    let toProbe = firstUse.keys.sorted().filter { !excluded.contains($0) }
    let entries = toProbe.map { source.entries[$0] }
    let runner = ProbeRunner(source: source, jobs: jobs)
    let probeProgress = progress.map { report in { @Sendable (done: Int, total: Int) in report("checking_images", done, total) } }
    let outcomes = runner.probe(entries, progress: probeProgress)
    var infos: [Int: ImageInfo] = [:]
    for (entry, outcome) in zip(entries, outcomes) {
      let use = firstUse[entry.index]!
      let at = Location(file: imagesFile, line: use.line, row: use.row, field: field, entry: entry.path)
      if case .image(let info) = outcome { infos[entry.index] = info }
      for finding in ImageFileChecks.findings(entry: entry, outcome: outcome, schema: schema, at: at) {
        collector.add(finding)
      }
    }
    for use in uses {
      guard let info = infos[use.entry] else { continue }
      let entry = source.entries[use.entry]
      let at = Location(file: imagesFile, line: use.reference.line, row: use.reference.row, field: field, entry: entry.path)
      if let finding = ImageResolutionLowCheck.finding(
        info: info, rules: schema.images, widthMetres: use.reference.widthMetres, lengthMetres: use.reference.lengthMetres,
        type: schema.code, at: at)
      {
        collector.add(finding)
      }
    }
    if deep {
      // rules.md: --deep decompresses every image entry, referenced or not (the server unpacks them all).
      let unreferenced = source.entries.filter {
        !$0.isDirectory && !$0.isJunk && !$0.isSymlink && $0.hasImageExtension && firstUse[$0.index] == nil
          && !excluded.contains($0.index)
      }
      var unreferencedInfos: [Int: ImageInfo] = [:]
      for (entry, outcome) in zip(unreferenced, runner.probe(unreferenced, progress: nil)) {
        if case .image(let info) = outcome { unreferencedInfos[entry.index] = info }
      }
      // Only content that really is JPEG or PNG is read whole: a huge "image" of another kind never is.
      let whole = (entries.filter { infos[$0.index] != nil } + unreferenced.filter { unreferencedInfos[$0.index] != nil })
      verifyWhole(whole, infos: infos.merging(unreferencedInfos) { a, _ in a }, firstUse: firstUse, runner: runner, into: &collector)
    }
    return ["references": referenceCount, "imagesChecked": entries.count]
  }

  private func reportUnreferenced(index: ImageIndex, referenced: Set<Int>, into collector: inout FindingCollector) {
    let unreferenced = source.entries.filter {
      !$0.isDirectory && !$0.isJunk && !$0.isSymlink && $0.hasImageExtension && !referenced.contains($0.index)
    }
    if let finding = ImageUnreferencedCheck.finding(file: imagesFile, entries: unreferenced.map(\.path)) {
      collector.add(finding)
    }
  }

  private func verifyWhole(
    _ entries: [SourceEntry], infos: [Int: ImageInfo], firstUse: [Int: FirstUse], runner: ProbeRunner,
    into collector: inout FindingCollector
  ) {
    let items = entries.map { ($0, infos[$0.index]?.format) }
    let deepProgress = progress.map { report in { @Sendable (done: Int, total: Int) in report("--deep", done, total) } }
    let outcomes = runner.verify(items, progress: deepProgress)
    for (entry, outcome) in zip(entries, outcomes) {
      let use = firstUse[entry.index]
      let field = use == nil ? nil : catalog?.field
      if let damage = outcome.damage {
        collector.add(
          EntryCRCMismatchCheck.finding(
            file: imagesFile, entry: entry.path, reason: damage, row: use?.row, line: use?.line, field: field))
      }
      let at = Location(file: imagesFile, line: use?.line, row: use?.row, field: field, entry: entry.path)
      if let error = outcome.readError {
        collector.add(ImageUnreadableCheck.finding(entry: entry.path, reason: "cannot be read to the end: \(error)", at: at))
      } else if outcome.missingEndMarker, let format = infos[entry.index]?.format {
        collector.add(
          ImageUnreadableCheck.finding(
            entry: entry.path, reason: "ends without its \(format == .png ? "IEND chunk" : "end-of-image marker") (truncated)", at: at))
      }
    }
  }
}
