/// What a problem does to the server-side import. The severity follows from it, in one place.
public enum Effect: String, Sendable, Codable {
  case stopsImport = "stops-import"
  case skipsRow = "skips-row"
  case quality
  case info

  public var severity: Severity {
    switch self {
    case .stopsImport: .error
    case .skipsRow, .quality: .warning
    case .info: .notice
    }
  }
}

public enum Severity: String, Sendable, Codable, Comparable {
  case notice, warning, error

  private var rank: Int {
    switch self {
    case .notice: 0
    case .warning: 1
    case .error: 2
    }
  }

  public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
}
