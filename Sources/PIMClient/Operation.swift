/// What a request is for: decides whether it may be repeated and what a 404 means.
enum Operation: Sendable, Equatable {
  case token
  case productTypes
  case template(code: String)
  case upload(code: String)
  case importStatus(id: String)
  case lastImport
  case log(id: String)

  /// Repeating it cannot do harm. The upload would start a second import; the token request
  /// only issues another token, so it counts as repeatable.
  var idempotent: Bool { !isUpload }

  var isUpload: Bool {
    if case .upload = self { return true }
    return false
  }

  /// The 404 message, in the terms of this request.
  var notFound: String {
    switch self {
    case .token: "the server has no token endpoint at this address: check --api-url"
    case .productTypes: "the server has no product-type list at this address: check --api-url"
    case .template(let code), .upload(let code):
      "unknown product type '\(code)' for this account (see 'wizart-preflight types --remote')"
    case .importStatus(let id), .log(let id): "no import \(id) on this account"
    case .lastImport: "this account has no import yet"
    }
  }
}
