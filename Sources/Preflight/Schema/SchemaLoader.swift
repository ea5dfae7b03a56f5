import Foundation

/// A schema file that cannot be used, with the key that is wrong.
public struct SchemaError: Error, Sendable, CustomStringConvertible {
  public var path: String
  public var problem: String
  public var description: String { "\(path): \(problem)" }
}

/// Reads a schema file's JSON into a checked `ProductSchema`.
public enum SchemaLoader {
  public static func load(file url: URL, displayPath: String) throws(SchemaError) -> ProductSchema {
    let data: Data
    do { data = try Data(contentsOf: url) } catch {
      throw SchemaError(path: displayPath, problem: "cannot read the file (\(error.localizedDescription))")
    }
    return try parse(data, path: displayPath)
  }

  public static func parse(_ data: Data, path: String) throws(SchemaError) -> ProductSchema {
    let raw: RawSchema
    do {
      raw = try JSONDecoder().decode(RawSchema.self, from: data)
    } catch let error as DecodingError {
      throw SchemaError(path: path, problem: describe(error))
    } catch {
      throw SchemaError(path: path, problem: "not valid JSON")
    }
    return try raw.model(path: path)
  }

  private static func describe(_ error: DecodingError) -> String {
    func keyPath(_ path: [any CodingKey]) -> String {
      let text = path.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
      return text.hasPrefix(".") ? String(text.dropFirst()) : (text.isEmpty ? "top level" : text)
    }
    switch error {
    case .typeMismatch(let type, let context):
      return "\(keyPath(context.codingPath)): expected \(typeName(type))"
    case .valueNotFound(let type, let context):
      return "\(keyPath(context.codingPath)): expected \(typeName(type)), found null"
    case .keyNotFound(let key, let context):
      return "\(keyPath(context.codingPath + [key])): required key is missing"
    case .dataCorrupted(let context):
      return context.codingPath.isEmpty
        ? "not valid JSON" : "\(keyPath(context.codingPath)): \(context.debugDescription)"
    @unknown default:
      return "not a valid schema"
    }
  }

  private static func typeName(_ type: Any.Type) -> String {
    switch type {
    case is String.Type: "a string"
    case is Double.Type, is Int.Type: "a number"
    case is Bool.Type: "true or false"
    default: "a different kind of value"
    }
  }
}

/// The file's shape, as decoded; `model(path:)` checks it and builds the engine's model.
private struct RawSchema: Decodable {
  struct RawConstraints: Decodable {
    var required: Bool?
    var minimum: Double?
    var maximum: Double?
    var maxLength: Int?
    var `enum`: [String]?
  }
  struct RawList: Decodable {
    var separator: String?
    var itemType: String?
    var `enum`: [String]?
  }
  struct RawField: Decodable {
    var name: String
    var title: String?
    var description: String?
    var example: LooseText?
    var type: String?
    var constraints: RawConstraints?
    var exclusiveMinimum: Double?
    var list: RawList?
    var legacyNames: [String]?
    var source: String?
    var sourcePage: String?

    enum CodingKeys: String, CodingKey {
      case name, title, description, example, type, constraints
      case exclusiveMinimum = "wizart:exclusiveMinimum"
      case list = "wizart:list"
      case legacyNames = "wizart:legacyNames"
      case source = "wizart:source"
      case sourcePage = "wizart:sourcePage"
    }
  }
  struct RawUniqueness: Decodable { var field: String; var scope: String? }
  struct RawDimensionRule: Decodable { var requireOneOf: [[String]]?; var completePairs: [[String]]? }
  struct RawPhysicalSize: Decodable { var width: [String]?; var length: [String]? }
  struct RawResolution: Decodable { var rule: String; var pixels: Int }
  struct RawImages: Decodable {
    var formats: [String]?
    var alphaExpected: Bool?
    var resolution: RawResolution?
  }

  var name: String
  var title: String?
  var fields: [RawField]
  var family: String?
  var source: String?
  var sourcePage: String?
  var notes: String?
  var imageField: String?
  var uniqueness: RawUniqueness?
  var nameFields: [String]?
  var dimensionRule: RawDimensionRule?
  var physicalSize: RawPhysicalSize?
  var images: RawImages?

  enum CodingKeys: String, CodingKey {
    case name, title, fields
    case family = "wizart:family"
    case source = "wizart:source"
    case sourcePage = "wizart:sourcePage"
    case notes = "wizart:notes"
    case imageField = "wizart:imageField"
    case uniqueness = "wizart:uniqueness"
    case nameFields = "wizart:nameFields"
    case dimensionRule = "wizart:dimensionRule"
    case physicalSize = "wizart:physicalSize"
    case images = "wizart:images"
  }

  func model(path: String) throws(SchemaError) -> ProductSchema {
    func fail(_ problem: String) -> SchemaError { SchemaError(path: path, problem: problem) }
    guard !name.isEmpty else { throw fail("name: must not be empty") }
    guard !fields.isEmpty else { throw fail("fields: a schema needs at least one field") }
    var seen = Set<String>()
    var model: [Field] = []
    for (index, raw) in fields.enumerated() {
      let at = "fields[\(index)]"
      guard !raw.name.isEmpty else { throw fail("\(at).name: must not be empty") }
      guard seen.insert(raw.name).inserted else { throw fail("\(at).name: \"\(raw.name)\" appears twice") }
      let kind: Field.Kind
      switch raw.type ?? "string" {
      case "string", "any": kind = .text
      case "number", "integer": kind = .number
      case "boolean": kind = .boolean
      case let other: throw fail("\(at).type: \"\(other)\" is not one of string, number, boolean")
      }
      var list: Field.ListRule?
      if let rawList = raw.list {
        let separator = rawList.separator ?? ","
        guard separator.utf8.count == 1, let byte = separator.utf8.first, byte < 0x80 else {
          throw fail("\(at).wizart:list.separator: must be one ASCII character")
        }
        let itemKind: Field.Kind
        switch rawList.itemType ?? "string" {
        case "string": itemKind = .text
        case "number": itemKind = .number
        case let other: throw fail("\(at).wizart:list.itemType: \"\(other)\" is not string or number")
        }
        list = Field.ListRule(separator: byte, itemKind: itemKind, allowed: rawList.enum)
      }
      let constraints = raw.constraints
      if let minimum = constraints?.minimum, let maximum = constraints?.maximum, minimum > maximum {
        throw fail("\(at).constraints: minimum \(minimum) is above maximum \(maximum)")
      }
      if let length = constraints?.maxLength, length < 0 {
        throw fail("\(at).constraints.maxLength: must not be negative")
      }
      if let source = raw.source, source != "documented" && source != "inferred" {
        throw fail("\(at).wizart:source: \"\(source)\" is not documented or inferred")
      }
      model.append(
        Field(
          name: raw.name, title: raw.title, description: raw.description, example: raw.example?.text,
          kind: kind, required: constraints?.required ?? false, minimum: constraints?.minimum,
          maximum: constraints?.maximum, exclusiveMinimum: raw.exclusiveMinimum,
          maxLength: constraints?.maxLength, allowed: constraints?.enum, list: list,
          legacyNames: raw.legacyNames ?? [], documented: raw.source == "documented",
          sourcePage: raw.sourcePage))
    }
    func requireField(_ name: String, _ key: String) throws(SchemaError) {
      guard seen.contains(name) else { throw fail("\(key): \"\(name)\" is not one of the fields") }
    }
    let familyKind: ProductSchema.Family
    if let raw = family {
      guard let known = ProductSchema.Family(rawValue: raw) else {
        throw fail("wizart:family: \"\(raw)\" is not wall or flooring")
      }
      familyKind = known
    } else {
      familyKind = .wall
    }
    if let imageField { try requireField(imageField, "wizart:imageField") }
    if let uniqueness {
      try requireField(uniqueness.field, "wizart:uniqueness.field")
      if let scope = uniqueness.scope { try requireField(scope, "wizart:uniqueness.scope") }
    }
    for name in nameFields ?? [] { try requireField(name, "wizart:nameFields") }
    let rule = ProductSchema.DimensionRule(
      requireOneOf: dimensionRule?.requireOneOf ?? [], completePairs: dimensionRule?.completePairs ?? [])
    for group in rule.requireOneOf + rule.completePairs {
      guard !group.isEmpty else { throw fail("wizart:dimensionRule: a group must name at least one field") }
      for name in group { try requireField(name, "wizart:dimensionRule") }
    }
    let size = ProductSchema.PhysicalSize(width: physicalSize?.width ?? [], length: physicalSize?.length ?? [])
    for name in size.width + size.length { try requireField(name, "wizart:physicalSize") }
    let ruleName = images?.resolution?.rule ?? "perMetre"
    guard let resolution = ProductSchema.ImageRules.Resolution(rawValue: ruleName) else {
      throw fail("wizart:images.resolution.rule: \"\(ruleName)\" is not perMetre, shortSide or longSide")
    }
    let formats = images?.formats ?? ["jpeg", "png"]
    for format in formats where format != "jpeg" && format != "png" {
      throw fail("wizart:images.formats: \"\(format)\" is not jpeg or png")
    }
    return ProductSchema(
      code: name, title: title ?? name, family: familyKind, codeDocumented: source == "documented",
      sourcePage: sourcePage, notes: notes, fields: model, imageField: imageField,
      uniqueness: uniqueness.map { .init(field: $0.field, scope: $0.scope) }, nameFields: nameFields ?? [],
      dimensionRule: rule, physicalSize: size,
      images: .init(
        formats: formats, alphaExpected: images?.alphaExpected ?? false, resolution: resolution,
        pixels: images?.resolution?.pixels ?? 1024),
      path: path)
  }
}

/// A JSON value shown as text: examples may be written as strings or numbers.
private struct LooseText: Decodable {
  var text: String
  init(from decoder: any Decoder) throws {
    let container = try decoder.singleValueContainer()
    if let string = try? container.decode(String.self) {
      text = string
    } else if let number = try? container.decode(Double.self) {
      text = number.rounded() == number && abs(number) < 1e15 ? String(Int(number)) : String(number)
    } else if let flag = try? container.decode(Bool.self) {
      text = flag ? "yes" : "no"
    } else {
      text = ""
    }
  }
}
