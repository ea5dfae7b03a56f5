/// The server's own words from an error answer, whatever shape it came in (wizart-api.md §4.4):
/// JSON:API `{"errors":[{"title","detail","source":{"parameter"}}]}`, the 401 variant that puts
/// the list under `data`, Laravel's `{"message", "errors": {field: [text]}}`, and OAuth's
/// `{"error", "error_description"}`.
enum ErrorBody {
  /// One plain sentence, or nil when the body says nothing readable.
  static func message(_ body: JSONNode) -> String? {
    var parts: [String] = []
    if let items = body["errors"]?.items ?? body["data"]?.items {
      for item in items.prefix(5) { if let text = describe(item) { parts.append(text) } }
    } else if let error = body["errors"]?.single ?? body["data"]?.single, error["title"] != nil || error["detail"] != nil {
      if let text = describe(error) { parts.append(text) }
    }
    if case .object(let fields)? = body["errors"] {
      // Laravel validation: {"errors": {"archive": ["The archive field is required."]}}
      for (key, value) in fields.sorted(by: { $0.key < $1.key }).prefix(5) {
        let texts = (value.items ?? [value]).compactMap(\.text).map { PlainText.clean($0, maxLength: 200) }
        if !texts.isEmpty { parts.append("\(PlainText.clean(key, maxLength: 60)): \(texts.joined(separator: " "))") }
      }
    }
    if parts.isEmpty, let description = body["error_description"]?.text ?? body["message"]?.text ?? body["error"]?.text {
      let text = PlainText.clean(description, maxLength: 300)
      if !text.isEmpty { parts.append(text) }
    }
    var unique: [String] = []
    for part in parts where !unique.contains(part) { unique.append(part) }
    return unique.isEmpty ? nil : unique.joined(separator: "; ")
  }

  /// `title: detail` (once when they are the same), prefixed by the offending parameter.
  private static func describe(_ error: JSONNode) -> String? {
    let title = error["title"]?.text.map { PlainText.clean($0, maxLength: 200) }.flatMap { $0.isEmpty ? nil : $0 }
    let detail = error["detail"]?.text.map { PlainText.clean($0, maxLength: 300) }.flatMap { $0.isEmpty ? nil : $0 }
    var text: String
    switch (title, detail) {
    case (let title?, let detail?):
      let stem = title.hasSuffix(".") ? String(title.dropLast()) : title
      text = detail.hasPrefix(stem) ? detail : "\(title): \(detail)"
    case (let title?, nil): text = title
    case (nil, let detail?): text = detail
    case (nil, nil):
      guard let message = error["message"]?.text else { return nil }
      text = PlainText.clean(message, maxLength: 300)
    }
    if let parameter = error["source"]?["parameter"]?.text ?? error["source"]?["pointer"]?.text {
      text = "\(PlainText.clean(parameter, maxLength: 60)): \(text)"
    }
    return text
  }
}
