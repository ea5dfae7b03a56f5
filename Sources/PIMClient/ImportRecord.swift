/// One import as the server describes it, normalised: the id as text whether the server sent
/// `"123"` or `123`, the status as text whether it came as a string or `{"name": …}`, the row
/// counts from `result` whether that is an object of numeric strings, a JSON string or missing
/// (then read from "Total rows imported: N out of M" in the status message).
public struct ImportRecord: Sendable, Equatable {
  public var id: String
  public var status: String
  public var statusMessage: String?
  public var totalRows: Int?
  public var importedRows: Int?
  /// `result` when it was plain text rather than counts.
  public var resultText: String?
  public var originalName: String?
  public var createdAt: String?
  public var updatedAt: String?
  public var timezone: String?

  public var isFinished: Bool { ImportStage.isTerminal(status) }

  public init(
    id: String, status: String, statusMessage: String? = nil, totalRows: Int? = nil, importedRows: Int? = nil,
    resultText: String? = nil, originalName: String? = nil, createdAt: String? = nil, updatedAt: String? = nil,
    timezone: String? = nil
  ) {
    self.id = id
    self.status = status
    self.statusMessage = statusMessage
    self.totalRows = totalRows
    self.importedRows = importedRows
    self.resultText = resultText
    self.originalName = originalName
    self.createdAt = createdAt
    self.updatedAt = updatedAt
    self.timezone = timezone
  }

  /// Reads `{"data": …}` where `data` is the resource, a list holding it, or (legacy) the flat
  /// record. With a list, the element whose id is `wantedID` wins, else the first.
  ///
  /// The status is compared in lower case ("Success" ends an import too: polling must not go on
  /// forever over a capital letter). Without a status the record is refused, unless
  /// `defaultStatus` stands in: the upload's answer names the new import by its id, and an
  /// id without a status still has to be reported.
  static func from(document: JSONNode, wantedID: String? = nil, defaultStatus: String? = nil) -> ImportRecord? {
    guard let data = document["data"] else { return nil }
    var resource: JSONNode?
    if let items = data.items {
      let objects = items.filter(\.isObject)
      if let wantedID { resource = objects.first { identifier(of: $0) == wantedID } }
      resource = resource ?? objects.first
    } else if data.isObject {
      resource = data
    }
    guard let resource else { return nil }
    let attributes = resource["attributes"].flatMap { $0.isObject ? $0 : nil } ?? resource
    guard let id = identifier(of: resource) ?? identifier(of: attributes) else { return nil }
    let sent = (attributes["status"]?.text ?? attributes["status"]?["name"]?.text).map { PlainText.clean($0, maxLength: 60).lowercased() }
    guard let status = sent.flatMap({ $0.isEmpty ? nil : $0 }) ?? defaultStatus else { return nil }
    var record = ImportRecord(id: id, status: status)
    record.statusMessage = attributes["status_message"]?.text.map { PlainText.clean($0) }.flatMap { $0.isEmpty ? nil : $0 }
    record.originalName = attributes["original_name"]?.text.map { PlainText.clean($0, maxLength: 200) }
    record.createdAt = attributes["created_at"]?.text.map { PlainText.clean($0, maxLength: 60) }
    record.updatedAt = attributes["updated_at"]?.text.map { PlainText.clean($0, maxLength: 60) }
    record.timezone = attributes["timezone"]?.text.map { PlainText.clean($0, maxLength: 60) }
    record.readResult(attributes["result"])
    if record.totalRows == nil, let message = record.statusMessage { record.readCounts(fromMessage: message) }
    return record
  }

  /// An id is a non-empty string or a whole number.
  static func identifier(of node: JSONNode) -> String? {
    switch node["id"] {
    case .string(let text)?:
      let clean = PlainText.clean(text, maxLength: 80)
      return clean.isEmpty ? nil : clean
    case .number(let text)?:
      return node["id"]?.integer.map(String.init) ?? text
    default:
      return nil
    }
  }

  private mutating func readResult(_ result: JSONNode?) {
    switch result {
    case .object?:
      totalRows = result?["total_rows"]?.integer
      importedRows = result?["imported_rows"]?.integer
    case .string(let text)?:
      // Declared a string; may hold the same object as JSON text.
      if let parsed = try? JSONParser.parse(Array(text.utf8)), parsed.isObject {
        readResult(parsed)
      } else {
        let clean = PlainText.clean(text)
        if !clean.isEmpty {
          resultText = clean
          readCounts(fromMessage: clean)
        }
      }
    default:
      break
    }
  }

  /// "Total rows imported: 1109 out of 1109" → imported 1109, total 1109.
  private mutating func readCounts(fromMessage message: String) {
    let words = message.split(whereSeparator: { $0 == " " || $0 == ":" || $0 == "," })
    guard let out = words.firstIndex(where: { $0.lowercased() == "out" || $0.lowercased() == "of" }),
      out > 0, let imported = Int(words[out - 1])
    else { return }
    let after = words[(out + 1)...].drop { $0.lowercased() == "of" }
    guard let totalWord = after.first, let total = Int(totalWord) else { return }
    importedRows = imported
    totalRows = total
  }
}
