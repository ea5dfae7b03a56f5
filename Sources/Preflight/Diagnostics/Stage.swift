/// The server's checking stages, in the order the server runs them.
public enum Stage: String, Sendable, CaseIterable, Comparable, Codable {
  case validatingCSV = "validating_csv"
  case unpackingArchive = "unpacking_archive"
  case checkingImages = "checking_images"

  public var order: Int {
    switch self {
    case .validatingCSV: 0
    case .unpackingArchive: 1
    case .checkingImages: 2
    }
  }

  public static func < (lhs: Stage, rhs: Stage) -> Bool { lhs.order < rhs.order }
}
