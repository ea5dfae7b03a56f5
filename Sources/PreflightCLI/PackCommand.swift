import Foundation
import Preflight

/// `pack CATALOG --images DIR -o IMAGES.zip`: the upload ZIP with exactly the referenced images.
enum PackCommand {
  static let name = "pack"
  static let summary = "build the upload ZIP from a folder: exactly the images the catalogue refers to"
  static let usage = "wizart-preflight pack CATALOG.csv|.xlsx --images DIR -o IMAGES.zip [--type CODE]"
  static let options: [OptionSpec] = [
    OptionSpec(name: "--images", takesValue: true, valueName: "DIR", help: "the folder of product images (required)"),
    OptionSpec(name: "--output", short: "-o", takesValue: true, valueName: "FILE", help: "the ZIP to write (required)"),
    OptionSpec(name: "--type", takesValue: true, valueName: "CODE", help: "product type (default: inferred from the header)"),
    OptionSpec(name: "--schema", takesValue: true, valueName: "FILE", help: "use this schema file instead of the shipped one"),
    OptionSpec(name: "--sheet", takesValue: true, valueName: "NAME", help: "the worksheet of an .xlsx catalogue (default: the first visible one)"),
    OptionSpec(name: "--no-progress", takesValue: false, help: "no progress display on standard error"),
  ]

  static let exitCodes = """
    Exit codes:
      0   the ZIP was written
      1   refused: a reference matches no image, or the ZIP would exceed 2 GiB (nothing written)
      2   the catalogue or the folder could not be read, or the ZIP could not be written
      64  the command line is wrong

    """

  /// How many left-out or missing names to list before "and N more".
  static let listed = 20

  static func run(_ arguments: [String], console: Console) throws -> Int32 {
    let parsed = try ArgumentScanner.scan(arguments, options: options, command: name)
    if parsed.wantsHelp {
      console.stdout.write(HelpText.command(name: name, usage: usage, summary: summary, options: options, extra: exitCodes))
      return ExitCode.success.rawValue
    }
    guard let catalog = parsed.positionals.first else {
      throw UsageError(message: "'pack' needs the catalogue whose images to pack", command: name)
    }
    guard parsed.positionals.count == 1 else {
      throw UsageError(
        message: "unexpected argument '\(parsed.positionals[1])'",
        suggestion: "pass the folder with --images \(parsed.positionals[1])", command: name)
    }
    guard let folder = parsed.value("--images") else {
      throw UsageError(message: "'pack' needs the folder of images: --images DIR", command: name)
    }
    guard let output = parsed.value("--output") else {
      throw UsageError(message: "'pack' needs the ZIP to write: -o IMAGES.zip", command: name)
    }
    if parsed.value("--sheet") != nil && !ExcelCatalog.isWorkbookPath(catalog) {
      throw UsageError(message: "--sheet picks a worksheet of an .xlsx catalogue; \(catalog) is not one", command: name)
    }
    try refuseOutput(output, catalog: catalog, schema: parsed.value("--schema"), folder: folder)
    let choice = try CheckCommand.schemaChoice(type: parsed.value("--type"), schemaFile: parsed.value("--schema"), command: name)

    let plan: PackPlan
    do throws(PackError) {
      plan = try ImagePacker.plan(catalogPath: catalog, folder: folder, schema: choice, sheet: parsed.value("--sheet"))
    } catch {
      throw ToolError(message: error.message)
    }
    guard plan.missing.isEmpty else {
      console.stderr.write(
        "error: \(plan.missing.count) image reference\(plan.missing.count == 1 ? "" : "s") of \(catalog) match no image in \(folder):\n")
      console.stderr.write(listing(plan.missing))
      console.stderr.write("hint: add the images or correct the references (run 'wizart-preflight check \(catalog) --images \(folder)' for suggestions); nothing was written\n")
      return ExitCode.problemsFound.rawValue
    }
    guard plan.archiveBytes <= ImagePacker.sizeLimit else {
      console.stderr.write(
        "error: the ZIP would hold \(megabytes(plan.archiveBytes)), more than Wizart's upload limit of 2 GiB; split the catalogue into several imports. Nothing was written.\n")
      return ExitCode.problemsFound.rawValue
    }
    let progress = console.stderrIsTerminal && !parsed.has("--no-progress") ? ProgressLine(sink: console.stderr) : nil
    var onProgress: (@Sendable (Int, Int) -> Void)?
    if let progress { onProgress = { done, total in progress.update("packing", done: done, total: total) } }
    do throws(PackError) {
      try ImagePacker.write(plan, to: output, progress: onProgress)
    } catch {
      progress?.finish()
      throw ToolError(message: "cannot write \(output): \(error.message)")
    }
    progress?.finish()
    console.stdout.write(
      "packed \(plan.entries.count) image\(plan.entries.count == 1 ? "" : "s") (\(megabytes(plan.totalBytes))) for the \(plan.productType) catalogue into \(output)\n")
    if !plan.unreferenced.isEmpty {
      console.stdout.write("left out \(plan.unreferenced.count) image\(plan.unreferenced.count == 1 ? "" : "s") no row refers to:\n")
      console.stdout.write(listing(plan.unreferenced))
    }
    if !plan.leftOut.isEmpty {
      console.stdout.write("left out \(plan.leftOut.count) other file\(plan.leftOut.count == 1 ? "" : "s") (system files, links, archives, not referenced):\n")
      console.stdout.write(listing(plan.leftOut))
    }
    return ExitCode.success.rawValue
  }

  /// The ZIP must not replace the catalogue or the schema, and must not land in the folder it
  /// packs (the next run would find it there as a stray archive); it needs an existing folder.
  private static func refuseOutput(_ output: String, catalog: String, schema: String?, folder: String) throws(ToolError) {
    func resolved(_ path: String) -> URL { URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath() }
    let target = resolved(output)
    let root = resolved(folder)
    if target == resolved(catalog) {
      throw ToolError(message: "refusing to write \(output): it is the catalogue")
    }
    if let schema, target == resolved(schema) {
      throw ToolError(message: "refusing to write \(output): it is the schema")
    }
    let rootComponents = root.pathComponents
    if target.pathComponents.starts(with: rootComponents) {
      throw ToolError(message: "refusing to write \(output) inside the images folder \(folder): write the ZIP next to it")
    }
    // Said before the images are read and written, not after the whole ZIP is.
    var isFolder: ObjCBool = false
    if FileManager.default.fileExists(atPath: target.path, isDirectory: &isFolder), isFolder.boolValue {
      throw ToolError(message: "cannot write \(output): it is a folder; name the ZIP, e.g. \(target.appendingPathComponent("images.zip").path)")
    }
    let parent = target.deletingLastPathComponent()
    guard FileManager.default.fileExists(atPath: parent.path, isDirectory: &isFolder), isFolder.boolValue else {
      throw ToolError(message: "cannot write \(output): the folder \(parent.path) does not exist")
    }
  }

  private static func listing(_ names: [String]) -> String {
    var text = names.prefix(listed).map { "  \($0)\n" }.joined()
    if names.count > listed { text += "  … and \(names.count - listed) more\n" }
    return text
  }

  private static func megabytes(_ bytes: UInt64) -> String {
    bytes < 1_000_000 ? "\(bytes) bytes" : String(format: "%.1f MB", Double(bytes) / 1e6)
  }
}
