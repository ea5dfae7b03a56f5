/// A product type the account may import, from `GET /import/product-types`.
public struct ProductType: Sendable, Equatable {
  public var code: String
  public var name: String?
  public var id: String?

  public init(code: String, name: String? = nil, id: String? = nil) {
    self.code = code
    self.name = name
    self.id = id
  }

  /// `data` as a list or a single object; each item with `id` or `uuid`, and `attributes` with
  /// `code`/`name` (what the server sends) or `propertyName.type`/`.name` (what the spec says).
  static func list(from document: JSONNode) -> [ProductType]? {
    guard let data = document["data"] else { return nil }
    let items = data.items ?? (data.isObject ? [data] : [])
    var types: [ProductType] = []
    for item in items where item.isObject {
      let attributes = item["attributes"].flatMap { $0.isObject ? $0 : nil } ?? item
      let property = attributes["propertyName"]
      guard let code = (attributes["code"]?.text ?? property?["type"]?.text).map({ PlainText.clean($0, maxLength: 80) }),
        !code.isEmpty
      else { continue }
      let name = (attributes["name"]?.text ?? property?["name"]?.text).map { PlainText.clean($0, maxLength: 120) }
      let id = (item["id"]?.text ?? item["uuid"]?.text).map { PlainText.clean($0, maxLength: 80) }
      types.append(ProductType(code: code, name: name, id: id))
    }
    if types.isEmpty && !items.isEmpty { return nil }
    return types
  }
}
