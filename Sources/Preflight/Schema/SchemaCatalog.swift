import Foundation

/// The product types shipped with the tool (copies of `schemas/*.json` built into the binary).
public enum SchemaCatalog {
  public static var codes: [String] { BuiltInSchemas.files.map(\.code) }

  public static func builtIn(_ code: String) throws(SchemaError) -> ProductSchema? {
    guard let file = BuiltInSchemas.files.first(where: { $0.code == code }) else { return nil }
    return try SchemaLoader.parse(Data(file.json.utf8), path: "schemas/\(code).json")
  }

  public static func all() throws(SchemaError) -> [ProductSchema] {
    var schemas: [ProductSchema] = []
    for file in BuiltInSchemas.files {
      schemas.append(try SchemaLoader.parse(Data(file.json.utf8), path: "schemas/\(file.code).json"))
    }
    return schemas
  }

  /// The shipped JSON text of a type, as `schemas/<code>.json` holds it.
  public static func json(_ code: String) -> String? {
    BuiltInSchemas.files.first { $0.code == code }?.json
  }
}
