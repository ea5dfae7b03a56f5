import Foundation
import PIMClient
import Preflight

/// The options every command that talks to the Wizart API shares, and how they become a client.
///
/// Credentials and tuning come from `console.environment`, so tests inject them per run.
enum ApiOptions {
  static let specs: [OptionSpec] = [
    OptionSpec(name: "--api-url", takesValue: true, valueName: "URL", help: "the API root (default \(APIConfiguration.defaultBaseURL), or WIZART_API_URL)"),
    OptionSpec(name: "--token-file", takesValue: true, valueName: "FILE", help: "read the API token from FILE (instead of WIZART_TOKEN)"),
  ]

  static let credentialsHelp = """
    Credentials (never printed):
      --token-file FILE, else WIZART_TOKEN, else the password grant with WIZART_USERNAME,
      WIZART_PASSWORD, WIZART_CLIENT_ID and WIZART_CLIENT_SECRET (the token is kept in memory only).
    Tuning: WIZART_REQUEST_TIMEOUT (seconds without an answer, default 30), WIZART_RETRIES
      (attempts for repeatable requests, default 4), WIZART_RETRY_DELAY (first backoff, default 0.5 s).

    """

  /// A client for this command line, or a usage/configuration error before anything is sent.
  static func client(_ parsed: ParsedArguments, console: Console, command: String) throws -> PIMClient {
    let environment = console.environment
    let url = parsed.value("--api-url") ?? environment["WIZART_API_URL"].flatMap { $0.isEmpty ? nil : $0 } ?? APIConfiguration.defaultBaseURL
    var configuration: APIConfiguration
    do {
      configuration = try APIConfiguration(baseURL: url)
    } catch {
      throw UsageError(message: error.message, command: command)
    }
    configuration.userAgent = "wizart-preflight/\(Preflight.version)"
    if let timeout = try number("WIZART_REQUEST_TIMEOUT", in: environment, command: command, minimum: 0.05) {
      configuration.requestTimeout = timeout
      configuration.requestDeadline = max(configuration.requestDeadline, timeout * 4)
    }
    var policy = configuration.retry
    if let attempts = try number("WIZART_RETRIES", in: environment, command: command, minimum: 1) {
      guard attempts == attempts.rounded(), attempts <= 20 else {
        throw UsageError(message: "WIZART_RETRIES takes a whole number from 1 to 20", command: command)
      }
      policy.maxAttempts = Int(attempts)
    }
    if let delay = try number("WIZART_RETRY_DELAY", in: environment, command: command, minimum: 0) {
      policy.baseDelay = delay
      policy.maxDelay = max(delay, min(policy.maxDelay, delay * 16))
    }
    configuration.retry = policy
    let credentials: Credentials
    do {
      credentials = try CredentialSource.resolve(environment: environment, tokenFile: parsed.value("--token-file"))
    } catch {
      throw ToolError(message: error.message)
    }
    return PIMClient(configuration: configuration, credentials: credentials)
  }

  private static func number(_ name: String, in environment: [String: String], command: String, minimum: Double) throws(UsageError) -> Double? {
    guard let text = environment[name], !text.isEmpty else { return nil }
    guard let value = Double(text), value.isFinite, value >= minimum, value <= 86_400 else {
      throw UsageError(message: "\(name) must be a number of seconds (at least \(minimum)), not '\(text)'", command: command)
    }
    return value
  }

  /// `--format text|json`, `--poll-interval` (default 5 s) and `--timeout`, as `upload` and
  /// `status` take them; the last two only with `--wait`.
  static func following(_ parsed: ParsedArguments, command: String) throws(UsageError)
    -> (format: String, interval: Double, timeout: Double?)
  {
    let format = parsed.value("--format") ?? "text"
    guard format == "text" || format == "json" else {
      throw UsageError(message: "unknown format '\(format)': use text or json", command: command)
    }
    let interval = try seconds(parsed, "--poll-interval", command: command) ?? 5
    let timeout = try seconds(parsed, "--timeout", command: command)
    if !parsed.has("--wait") {
      for option in ["--poll-interval", "--timeout"] where parsed.value(option) != nil {
        throw UsageError(message: "\(option) only applies with --wait", command: command)
      }
    }
    return (format, interval, timeout)
  }

  /// Seconds from an option: a positive, finite number; fractions allowed.
  static func seconds(_ parsed: ParsedArguments, _ option: String, command: String) throws(UsageError) -> Double? {
    guard let text = parsed.value(option) else { return nil }
    guard let value = Double(text), value.isFinite, value > 0, value <= 86_400 else {
      throw UsageError(message: "\(option) takes a number of seconds greater than 0 (fractions allowed), not '\(text)'", command: command)
    }
    return value
  }
}

extension ApiOptions {
  static func secondsText(_ value: Double) -> String {
    value == value.rounded() ? "\(Int(value)) s" : "\(value) s"
  }
}
