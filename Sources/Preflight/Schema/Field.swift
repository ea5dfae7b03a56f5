/// One column of a product type's template, with the rule its cells follow.
public struct Field: Sendable, Hashable {
  public enum Kind: String, Sendable { case text = "string", number, boolean }

  public struct ListRule: Sendable, Hashable {
    public var separator: UInt8
    public var itemKind: Kind
    /// Allowed items, compared case-insensitively; nil = any.
    public var allowed: [String]?
  }

  public var name: String
  public var title: String?
  public var description: String?
  public var example: String?
  public var kind: Kind
  public var required: Bool
  public var minimum: Double?
  public var maximum: Double?
  public var exclusiveMinimum: Double?
  /// In Unicode scalars.
  public var maxLength: Int?
  /// Allowed values of a single-value field, compared case-insensitively.
  public var allowed: [String]?
  public var list: ListRule?
  public var legacyNames: [String]
  /// Presence and rule are in Wizart's documentation (else inferred by us).
  public var documented: Bool
  public var sourcePage: String?
}
