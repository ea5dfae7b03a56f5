import Foundation

/// What to check: the command line's `check`, as plain values.
public struct CheckRequest: Sendable {
  /// Path to open.
  public var catalogPath: String
  /// How reports name the catalogue (defaults to the path as given).
  public var catalogName: String
  public var imagesPath: String?
  public var schema: SchemaChoice
  /// Diagnostics kept per code; nil keeps all (counts are exact either way).
  public var maxDiagnosticsPerCode: Int?
  public var ignoredCodes: Set<String>
  /// Called now and then with (bytes read, file size) while the catalogue is read.
  public var progress: (@Sendable (Int, Int) -> Void)?

  public init(
    catalogPath: String, catalogName: String? = nil, imagesPath: String? = nil, schema: SchemaChoice,
    maxDiagnosticsPerCode: Int? = 1000, ignoredCodes: Set<String> = [], progress: (@Sendable (Int, Int) -> Void)? = nil
  ) {
    self.catalogPath = catalogPath
    self.catalogName = catalogName ?? catalogPath
    self.imagesPath = imagesPath
    self.schema = schema
    self.maxDiagnosticsPerCode = maxDiagnosticsPerCode
    self.ignoredCodes = ignoredCodes
    self.progress = progress
  }
}

public enum Preflight {
  public static let version = "0.1.0"

  /// Runs every stage that applies and returns the finished report.
  public static func run(_ request: CheckRequest) -> Report {
    var collector = FindingCollector(maxPerCode: request.maxDiagnosticsPerCode, ignored: request.ignoredCodes)
    let stage = ValidatingCSV(
      path: request.catalogPath, file: request.catalogName, choice: request.schema, progress: request.progress)
    let catalog = stage.run(into: &collector)
    let productType: Report.ProductType
    if let schema = catalog.schema {
      productType = .init(code: schema.code, inferred: catalog.inferred, schema: schema.path, inferenceNote: catalog.inferenceNote)
    } else {
      productType = .init(code: nil, inferred: true, schema: nil, inferenceNote: nil)
    }
    var builder = ReportBuilder(
      tool: .init(name: "wizart-preflight", version: version), productType: productType,
      inputs: .init(catalog: request.catalogName, images: request.imagesPath))
    builder.rowsTotal = catalog.rows
    builder.toolFailure = catalog.unreadable
    builder.setStats(["rows": catalog.rows, "columns": catalog.columns, "bytes": catalog.bytes], for: .validatingCSV)
    let reason =
      request.imagesPath == nil
      ? "no --images given"
      : "image archive checks are not part of this version yet; the images were not checked"
    builder.skip(.unpackingArchive, because: reason)
    builder.skip(.checkingImages, because: reason)
    return builder.build(from: collector)
  }
}
