import Foundation

/// What to check: the command line's `check`, as plain values.
public struct CheckRequest: Sendable {
  /// Path to open.
  public var catalogPath: String
  /// How reports name the catalogue (defaults to the path as given).
  public var catalogName: String
  public var imagesPath: String?
  /// How reports name the images (defaults to the path as given).
  public var imagesName: String?
  public var schema: SchemaChoice
  /// Diagnostics kept per code; nil keeps all (counts are exact either way).
  public var maxDiagnosticsPerCode: Int?
  public var ignoredCodes: Set<String>
  /// Parallel image probes (default: the machine's cores).
  public var jobs: Int
  /// Decompress every referenced image fully: checksums, sizes, end markers.
  public var deep: Bool
  /// Called now and then with (what, done, total) during long work.
  public var progress: (@Sendable (String, Int, Int) -> Void)?
  /// The worksheet of an Excel catalogue (nil = the first).
  public var sheet: String?

  public init(
    catalogPath: String, catalogName: String? = nil, imagesPath: String? = nil, schema: SchemaChoice,
    maxDiagnosticsPerCode: Int? = 10_000, ignoredCodes: Set<String> = [], jobs: Int? = nil, deep: Bool = false,
    progress: (@Sendable (String, Int, Int) -> Void)? = nil, sheet: String? = nil
  ) {
    self.catalogPath = catalogPath
    self.catalogName = catalogName ?? catalogPath
    self.imagesPath = imagesPath
    self.schema = schema
    self.maxDiagnosticsPerCode = maxDiagnosticsPerCode
    self.ignoredCodes = ignoredCodes
    self.jobs = max(1, jobs ?? ProcessInfo.processInfo.activeProcessorCount)
    self.deep = deep
    self.progress = progress
    self.sheet = sheet
  }
}

public enum Preflight {
  public static let version = "0.1.0"

  /// Runs every stage that applies and returns the finished report.
  public static func run(_ request: CheckRequest) -> Report {
    var collector = FindingCollector(maxPerCode: request.maxDiagnosticsPerCode, ignored: request.ignoredCodes)
    let progress = request.progress
    var stage = ValidatingCSV(
      path: request.catalogPath, file: request.catalogName, choice: request.schema,
      progress: progress.map { report in { done, total in report("validating_csv", done, total) } })
    stage.collectImages = request.imagesPath != nil
    stage.sheet = request.sheet
    let catalog = stage.run(into: &collector)
    let productType: Report.ProductType
    if let schema = catalog.schema {
      productType = .init(code: schema.code, inferred: catalog.inferred, schema: schema.path, inferenceNote: catalog.inferenceNote)
    } else {
      productType = .init(code: nil, inferred: true, schema: nil, inferenceNote: nil)
    }
    var builder = ReportBuilder(
      tool: .init(name: "wizart-preflight", version: version), productType: productType,
      inputs: .init(catalog: request.catalogName, images: request.imagesName ?? request.imagesPath))
    builder.rowsTotal = catalog.rows
    builder.toolFailure = catalog.unreadable
    builder.setStats(["rows": catalog.rows, "columns": catalog.columns, "bytes": catalog.bytes], for: .validatingCSV)
    func report() -> Report {
      if let sheet = catalog.sheet { collector.placeInSheet(sheet, catalog: request.catalogName) }
      return builder.build(from: collector)
    }
    guard let imagesPath = request.imagesPath else {
      builder.skip(.unpackingArchive, because: "no --images given")
      builder.skip(.checkingImages, because: "no --images given")
      return report()
    }
    let imagesName = request.imagesName ?? imagesPath
    let archive = UnpackingArchive(path: imagesPath, file: imagesName).run(into: &collector)
    builder.setStats(archive.stats, for: .unpackingArchive)
    if archive.unreadable { builder.toolFailure = true }
    if let source = archive.source, let schema = catalog.schema, catalog.images != nil {
      let images = CheckingImages(
        source: source, imagesFile: imagesName, catalogFile: request.catalogName, schema: schema, catalog: catalog.images,
        excluded: archive.excluded, jobs: request.jobs, deep: request.deep, progress: progress)
      builder.setStats(images.run(into: &collector), for: .checkingImages)
    } else {
      let reason =
        archive.skipReason
        ?? (catalog.unreadable
          ? "the catalogue could not be read"
          : catalog.schema == nil ? "the product type is not known" : "the catalogue has no image column")
      builder.skip(.checkingImages, because: reason)
    }
    return report()
  }
}
