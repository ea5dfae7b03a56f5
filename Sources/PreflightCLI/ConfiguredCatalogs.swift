import Foundation
import Preflight

/// One catalogue file of a `.wizart-preflight.json`, ready to check.
struct ConfiguredCatalog {
  var config: ProjectConfig
  var entry: ProjectConfig.Catalog
  /// Path relative to the configuration's folder: how reports name it.
  var path: String

  var strict: Bool { entry.strict }

  func request(jobs: Int?, deep: Bool, maxPerCode: Int?, extraIgnored: Set<String> = []) throws -> CheckRequest {
    var choice: SchemaChoice
    if let schema = entry.schema {
      let url = config.root.appendingPathComponent(schema)
      do {
        choice = .given(try SchemaLoader.load(file: url, displayPath: schema))
      } catch {
        throw ToolError(message: "cannot use the schema of \(path): \(error.description)")
      }
    } else if let type = entry.type, let schema = try SchemaCatalog.builtIn(type) {
      choice = .given(schema)
    } else {
      choice = .infer(try SchemaCatalog.all())
    }
    if let template = entry.template {
      choice = try CheckCommand.applying(template: config.root.appendingPathComponent(template).path, to: choice)
    }
    var request = CheckRequest(
      catalogPath: config.root.appendingPathComponent(path).path, catalogName: path,
      imagesPath: entry.images.map { config.root.appendingPathComponent($0).path }, schema: choice,
      maxDiagnosticsPerCode: maxPerCode, ignoredCodes: Set(entry.ignore).union(extraIgnored), jobs: jobs, deep: deep)
    request.imagesName = entry.images
    request.sheet = entry.sheet
    return request
  }

  /// Every catalogue file of every entry.
  static func all(in config: ProjectConfig) -> [ConfiguredCatalog] {
    var found: [ConfiguredCatalog] = []
    for entry in config.catalogs {
      for path in config.catalogFiles(of: entry) { found.append(ConfiguredCatalog(config: config, entry: entry, path: path)) }
    }
    return found
  }

  /// The catalogues a set of changed paths (relative to the configuration's folder) affect:
  /// a catalogue itself, anything inside its images folder or its ZIP, its template, or the configuration.
  static func affected(by paths: [String], in config: ProjectConfig) -> [ConfiguredCatalog] {
    if paths.contains(ProjectConfig.fileName) { return all(in: config) }
    var chosen: [String: ConfiguredCatalog] = [:]
    for entry in config.catalogs {
      let images = entry.images.map { $0.hasSuffix("/") ? String($0.dropLast()) : $0 }
      var wholeEntry = false
      for path in paths {
        // A deleted catalogue is nothing to check.
        if entry.csv.matches(path), FileManager.default.fileExists(atPath: config.root.appendingPathComponent(path).path) {
          chosen[path] = ConfiguredCatalog(config: config, entry: entry, path: path)
        }
        if let images, path == images || path.hasPrefix(images + "/") { wholeEntry = true }
        if path == entry.template { wholeEntry = true }
      }
      if wholeEntry {
        for path in config.catalogFiles(of: entry) { chosen[path] = ConfiguredCatalog(config: config, entry: entry, path: path) }
      }
    }
    return chosen.keys.sorted().map { chosen[$0]! }
  }
}
