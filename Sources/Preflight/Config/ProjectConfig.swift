import Foundation

/// `.wizart-preflight.json`: the catalogues a repository keeps, with their product types and
/// images. Found from the current folder upward, like `.git`.
public struct ProjectConfig: Sendable {
  public struct Catalog: Sendable {
    /// Which files are catalogues of this kind (relative to the configuration's folder).
    public var csv: Glob
    public var type: String?
    /// Custom schema file, relative to the configuration's folder.
    public var schema: String?
    /// The images: a folder or a ZIP, relative to the configuration's folder.
    public var images: String?
    public var ignore: [String]
    public var strict: Bool
    /// Wizart's template CSV for the type (`template CODE --pull`), relative to the configuration's folder.
    public var template: String?
    /// The worksheet of Excel catalogues.
    public var sheet: String?
  }

  public static let fileName = ".wizart-preflight.json"

  /// The folder holding the configuration file; every path in it is relative to this folder.
  public var root: URL
  public var catalogs: [Catalog]

  /// The configuration file itself.
  public var file: URL { root.appendingPathComponent(Self.fileName) }

  /// The nearest configuration at or above `folder`, or nil when there is none.
  public static func find(from folder: URL) throws(ConfigError) -> ProjectConfig? {
    var current = folder.standardizedFileURL
    while true {
      let candidate = current.appendingPathComponent(fileName)
      if FileManager.default.fileExists(atPath: candidate.path) {
        return try load(candidate)
      }
      let parent = current.deletingLastPathComponent()
      if parent.path == current.path { return nil }
      current = parent
    }
  }

  public static func load(_ file: URL) throws(ConfigError) -> ProjectConfig {
    let shown = file.path
    let data: Data
    do { data = try Data(contentsOf: file) } catch {
      throw ConfigError(file: shown, key: nil, problem: "cannot be read (\(error.localizedDescription))")
    }
    let json: Any
    do { json = try JSONSerialization.jsonObject(with: data) } catch {
      throw ConfigError(file: shown, key: nil, problem: "is not valid JSON")
    }
    guard let top = json as? [String: Any] else {
      throw ConfigError(file: shown, key: nil, problem: "must be a JSON object with a \"catalogs\" list")
    }
    for key in top.keys.sorted() where key != "catalogs" {
      throw ConfigError(file: shown, key: key, problem: "is not a known key (the file has one key: \"catalogs\")")
    }
    guard let list = top["catalogs"] as? [Any] else {
      throw ConfigError(file: shown, key: "catalogs", problem: top["catalogs"] == nil ? "is missing" : "must be a list")
    }
    var catalogs: [Catalog] = []
    let known: Set<String> = ["csv", "type", "schema", "images", "ignore", "strict", "template", "sheet"]
    for (index, item) in list.enumerated() {
      let at = "catalogs[\(index)]"
      guard let entry = item as? [String: Any] else { throw ConfigError(file: shown, key: at, problem: "must be an object") }
      for key in entry.keys.sorted() where !known.contains(key) {
        let suggestion = EditDistance.suggestion(for: key, in: known.sorted()).map { " (did you mean \"\($0)\"?)" } ?? ""
        throw ConfigError(file: shown, key: "\(at).\(key)", problem: "is not a known key\(suggestion)")
      }
      func text(_ key: String) throws(ConfigError) -> String? {
        guard let value = entry[key] else { return nil }
        guard let string = value as? String, !string.isEmpty else {
          throw ConfigError(file: shown, key: "\(at).\(key)", problem: "must be a non-empty string")
        }
        return string
      }
      /// Paths inside the repository: relative, no "..", written without "./".
      func relativePath(_ key: String) throws(ConfigError) -> String? {
        guard let raw = try text(key) else { return nil }
        let parts = raw.split(separator: "/", omittingEmptySubsequences: true).filter { $0 != "." }
        guard !raw.hasPrefix("/"), !parts.contains("..") else {
          throw ConfigError(file: shown, key: "\(at).\(key)", problem: "must be a path inside the configuration's folder (relative, without \"..\")")
        }
        guard !parts.isEmpty else { throw ConfigError(file: shown, key: "\(at).\(key)", problem: "must name a file or folder") }
        return parts.joined(separator: "/")
      }
      guard let csv = try relativePath("csv") else { throw ConfigError(file: shown, key: "\(at).csv", problem: "is missing") }
      let type = try text("type")
      if let type, (try? SchemaCatalog.builtIn(type)) == nil, entry["schema"] == nil {
        let suggestion = EditDistance.suggestion(for: type, in: SchemaCatalog.codes).map { " (did you mean \"\($0)\"?)" } ?? ""
        throw ConfigError(file: shown, key: "\(at).type", problem: "\"\(type)\" is not a known product type\(suggestion)")
      }
      var ignore: [String] = []
      if let value = entry["ignore"] {
        guard let codes = value as? [String] else {
          throw ConfigError(file: shown, key: "\(at).ignore", problem: "must be a list of diagnostic codes")
        }
        for code in codes where DiagnosticCode.named(code) == nil {
          let suggestion = EditDistance.suggestion(for: code, in: DiagnosticCode.all.map(\.id)).map { " (did you mean \"\($0)\"?)" } ?? ""
          throw ConfigError(file: shown, key: "\(at).ignore", problem: "\"\(code)\" is not a diagnostic code\(suggestion)")
        }
        ignore = codes
      }
      var strict = false
      if let value = entry["strict"] {
        guard let flag = value as? Bool, isJSONBoolean(value) else {
          throw ConfigError(file: shown, key: "\(at).strict", problem: "must be true or false")
        }
        strict = flag
      }
      catalogs.append(
        Catalog(
          csv: Glob(csv), type: type, schema: try relativePath("schema"), images: try relativePath("images"), ignore: ignore,
          strict: strict, template: try relativePath("template"), sheet: try text("sheet")))
    }
    return ProjectConfig(root: file.deletingLastPathComponent().standardizedFileURL, catalogs: catalogs)
  }

  /// A relative path (from the root) for a file, or nil when it lies outside the root.
  public func relativePath(of url: URL) -> String? {
    let path = url.standardizedFileURL.path
    let base = root.path.hasSuffix("/") ? root.path : root.path + "/"
    guard path.hasPrefix(base) else { return nil }
    return String(path.dropFirst(base.count))
  }

  /// Every file under the root that a catalogue pattern matches, sorted.
  public func catalogFiles(of catalog: Catalog) -> [String] {
    let start = catalog.csv.literalPrefix
    let startURL = start.isEmpty ? root : root.appendingPathComponent(start)
    guard let walker = FileManager.default.enumerator(at: startURL, includingPropertiesForKeys: [.isRegularFileKey]) else {
      return []
    }
    var found: [String] = []
    for case let url as URL in walker {
      if url.lastPathComponent == ".git" || url.lastPathComponent == ".build" {
        walker.skipDescendants()
        continue
      }
      guard (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true,
        let relative = relativePath(of: url), catalog.csv.matches(relative)
      else { continue }
      found.append(relative)
    }
    return found.sorted()
  }
}

/// A configuration file that cannot be used, naming the key at fault.
public struct ConfigError: Error, Sendable, CustomStringConvertible {
  public var file: String
  public var key: String?
  public var problem: String
  public var description: String {
    key.map { "\(file): \"\($0)\" \(problem)" } ?? "\(file) \(problem)"
  }
}

/// JSONSerialization gives NSNumber for both booleans and numbers; `1` must not pass as `true`.
private func isJSONBoolean(_ value: Any) -> Bool {
  guard let number = value as? NSNumber else { return false }
  return String(cString: number.objCType) == "c" || type(of: value) == Bool.self
}
