import Foundation

/// How the tool proves who it is: a ready bearer token, or the OAuth2 password grant.
public enum Credentials: Sendable {
  case bearer(token: String, origin: String)
  case passwordGrant(PasswordGrant)

  /// Where the credentials came from, for the 401 message ("the token from WIZART_TOKEN").
  public var origin: String {
    switch self {
    case .bearer(_, let origin): origin
    case .passwordGrant: "the password grant (WIZART_USERNAME)"
    }
  }

  /// What must never be printed.
  var secrets: [String] {
    switch self {
    case .bearer(let token, _): [token]
    case .passwordGrant(let grant): [grant.password, grant.clientSecret]
    }
  }
}

public struct PasswordGrant: Sendable {
  public var username: String
  public var password: String
  public var clientID: String
  public var clientSecret: String

  public init(username: String, password: String, clientID: String, clientSecret: String) {
    self.username = username
    self.password = password
    self.clientID = clientID
    self.clientSecret = clientSecret
  }

  /// The JSON body of `POST /oauth/token` (wizart-api.md §2.2): `client_id` is a number in
  /// Wizart's example, so an all-digit id is sent unquoted. An id with a leading zero stays a
  /// string: as a number, "007" would become another id, 7.
  func body() -> [UInt8] {
    let clientID: String
    let digits = Array(self.clientID.utf8)
    if !digits.isEmpty, digits.count <= 18, digits.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), digits.count == 1 || digits[0] != 0x30 {
      clientID = self.clientID
    } else {
      clientID = JSONText.quoted(self.clientID)
    }
    let members = [
      "\"grant_type\":\"password\"", "\"client_id\":\(clientID)", "\"client_secret\":\(JSONText.quoted(clientSecret))",
      "\"username\":\(JSONText.quoted(username))", "\"password\":\(JSONText.quoted(password))",
    ]
    return Array(("{" + members.joined(separator: ",") + "}").utf8)
  }
}

/// Finds the credentials: `--token-file` first (it was asked for on this command line), then
/// `WIZART_TOKEN`, then the four password-grant variables.
public enum CredentialSource {
  public static let howToProvide =
    "set WIZART_TOKEN, pass --token-file FILE, or set WIZART_USERNAME, WIZART_PASSWORD, WIZART_CLIENT_ID and WIZART_CLIENT_SECRET to sign in with the password grant"

  static let grantVariables = ["WIZART_USERNAME", "WIZART_PASSWORD", "WIZART_CLIENT_ID", "WIZART_CLIENT_SECRET"]
  /// A token file is a line of text; anything bigger is the wrong file.
  static let maxTokenFileBytes = 16 * 1024

  public static func resolve(environment: [String: String], tokenFile: String?) throws(PIMError) -> Credentials {
    if let tokenFile {
      return .bearer(token: try readTokenFile(tokenFile), origin: "--token-file \(tokenFile)")
    }
    if let raw = environment["WIZART_TOKEN"], !raw.trimmingSpaces().isEmpty {
      return .bearer(token: try checkedToken(raw, origin: "WIZART_TOKEN"), origin: "WIZART_TOKEN")
    }
    let values = grantVariables.map { environment[$0].flatMap { $0.isEmpty ? nil : $0 } }
    let present = values.compactMap { $0 }
    if present.count == grantVariables.count {
      return .passwordGrant(
        PasswordGrant(
          username: values[0]!.trimmingSpaces(), password: values[1]!, clientID: values[2]!.trimmingSpaces(),
          clientSecret: values[3]!.trimmingSpaces()))
    }
    if !present.isEmpty {
      let missing = zip(grantVariables, values).filter { $0.1 == nil }.map(\.0)
      throw PIMError(
        .configuration, "the password grant needs all four variables; missing: \(missing.joined(separator: ", "))")
    }
    throw PIMError(.configuration, "no API credentials: \(howToProvide)")
  }

  /// The secrets the environment holds (the token, the grant's password and client secret), to
  /// be masked in everything the tool prints from its first line, usage errors included.
  public static func environmentSecrets(_ environment: [String: String]) -> [String] {
    var secrets: [String] = []
    if let raw = environment["WIZART_TOKEN"] {
      secrets.append(raw.trimmingSpaces())
      if let token = try? checkedToken(raw, origin: "WIZART_TOKEN") { secrets.append(token) }
    }
    for name in ["WIZART_PASSWORD", "WIZART_CLIENT_SECRET"] {
      if let value = environment[name] { secrets += [value, value.trimmingSpaces()] }
    }
    return secrets
  }

  static func readTokenFile(_ path: String) throws(PIMError) -> String {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
      throw PIMError(.localFile, "cannot read the token file \(path): it does not exist")
    }
    guard !isDirectory.boolValue else { throw PIMError(.localFile, "cannot read the token file \(path): it is a folder") }
    guard let handle = FileHandle(forReadingAtPath: path) else {
      throw PIMError(.localFile, "cannot read the token file \(path): permission denied")
    }
    defer { try? handle.close() }
    let data: Data
    do {
      data = try handle.read(upToCount: maxTokenFileBytes + 1) ?? Data()
    } catch {
      throw PIMError(.localFile, "cannot read the token file \(path)")
    }
    guard data.count <= maxTokenFileBytes else {
      throw PIMError(.localFile, "the token file \(path) is larger than 16 KB: it should hold just the token")
    }
    guard let text = String(data: data, encoding: .utf8) else {
      throw PIMError(.localFile, "the token file \(path) is not text: it should hold just the token")
    }
    return try checkedToken(text, origin: "the token file \(path)")
  }

  /// Trims the token, drops a pasted `Bearer ` prefix, and refuses anything with spaces or
  /// control characters inside (two tokens, or a header line pasted whole).
  static func checkedToken(_ raw: String, origin: String) throws(PIMError) -> String {
    var token = raw.trimmingSpaces()
    if token.lowercased().hasPrefix("bearer ") { token = String(token.dropFirst(7)).trimmingSpaces() }
    guard !token.isEmpty else { throw PIMError(.configuration, "\(origin) is empty: it should hold the API token") }
    guard token.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value < 0x7F }) else {
      throw PIMError(
        .configuration, "\(origin) should hold one token (printable characters, no spaces or line breaks inside)")
    }
    return token
  }
}

/// JSON string quoting for the few bodies the client writes.
enum JSONText {
  static func quoted(_ text: String) -> String {
    var out = "\""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      default:
        if scalar.value < 0x20 {
          let hex = String(scalar.value, radix: 16)
          out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
        } else {
          out.unicodeScalars.append(scalar)
        }
      }
    }
    return out + "\""
  }
}
