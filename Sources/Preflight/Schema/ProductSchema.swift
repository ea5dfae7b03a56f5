/// A product type's template and rules, loaded from `schemas/<code>.json` (see docs/schema-format.md).
public struct ProductSchema: Sendable {
  public enum Family: String, Sendable { case wall, flooring }

  public struct Uniqueness: Sendable { public var field: String; public var scope: String? }

  public struct DimensionRule: Sendable {
    /// At least one of these groups must be complete in every row.
    public var requireOneOf: [[String]]
    /// Each of these groups must be complete or empty.
    public var completePairs: [[String]]
  }

  public struct PhysicalSize: Sendable { public var width: [String]; public var length: [String] }

  public struct ImageRules: Sendable {
    public enum Resolution: String, Sendable { case perMetre, shortSide, longSide }
    public var formats: [String]
    public var alphaExpected: Bool
    public var resolution: Resolution
    public var pixels: Int
  }

  public var code: String
  public var title: String
  public var family: Family
  public var codeDocumented: Bool
  public var sourcePage: String?
  public var notes: String?
  public var fields: [Field]
  public var imageField: String?
  public var uniqueness: Uniqueness?
  public var nameFields: [String]
  public var dimensionRule: DimensionRule
  public var physicalSize: PhysicalSize
  public var images: ImageRules
  /// Where it was loaded from, as shown in reports (`schemas/wallpaper.json`).
  public var path: String

  public func field(named name: String) -> Field? { fields.first { $0.name == name } }
  public var documentedFieldCount: Int { fields.filter(\.documented).count }
}
