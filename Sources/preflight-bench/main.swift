// preflight-bench: generates synthetic catalogues and measures the validating_csv stage.
//
//   preflight-bench --out bench-data [--tool .build/release/wizart-preflight] [--rows 200000]
//                   [--big-rows 2000000] [--images 200] [--no-baselines]
//
// Catalogue: rows/s and MB/s of validating_csv in-process, the whole CLI run with its peak RSS,
// and the same file parsed by Python's csv.reader and validated by `frictionless` when installed.
// Images: a catalogue referencing N noisy 2000×2400 JPEGs (~2.4 MB each) in one ZIP; the full
// check and --deep against Python zipfile + Pillow header reads and `unzip -tq`, and peak RSS
// for a small and the large archive (it must not grow with the archive).
import Foundation
import Preflight
import ZipKit

#if canImport(Glibc)
  import Glibc
#endif

struct Options {
  var out = "bench-data"
  var tool: String?
  var rows = 200_000
  var bigRows = 2_000_000
  var images = 200
  var xlsxRows = 100_000
  var baselines = true

  init(_ arguments: [String]) {
    var index = 0
    func next() -> String {
      index += 1
      guard index < arguments.count else {
        FileHandle.standardError.write(Data("missing value after \(arguments[index - 1])\n".utf8))
        exit(64)
      }
      return arguments[index]
    }
    while index < arguments.count {
      switch arguments[index] {
      case "--out": out = next()
      case "--tool": tool = next()
      case "--rows": rows = Int(next()) ?? rows
      case "--big-rows": bigRows = Int(next()) ?? bigRows
      case "--images": images = Int(next()) ?? images
      case "--xlsx-rows": xlsxRows = Int(next()) ?? xlsxRows
      case "--no-baselines": baselines = false
      default:
        FileHandle.standardError.write(Data("unknown option \(arguments[index])\n".utf8))
        exit(64)
      }
      index += 1
    }
  }
}

/// Writes a wallpaper catalogue: realistic cells, about 1% of rows with one typical defect.
func generateCatalogue(path: String, rows: Int, defects: Bool) throws {
  let schema = try SchemaCatalog.builtIn("wallpaper")!
  FileManager.default.createFile(atPath: path, contents: nil)
  let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
  defer { try? handle.close() }
  var buffer = ""
  buffer.reserveCapacity(1 << 20)
  buffer += schema.fields.map(\.name).joined(separator: ",") + "\n"
  var random = SplitMix(seed: 42)
  let collections = (0..<40).map { "Collection \($0)" }
  let colours = ["green, white", "blue", "red, beige, gold", "grey"]
  for row in 1...rows {
    let collection = collections[row % collections.count]
    var width = "1.06"
    var repeatWidth = "0.53"
    var sku = "wp_\(row)"
    var reverse = "no"
    var name = "Design \(row)"
    if defects && row % 100 == 0 {
      switch (row / 100) % 6 {
      case 0: width = "1,06"
      case 1: repeatWidth = "53"
      case 2: sku = "wp_\(row - 40)"
      case 3: reverse = "maybe"
      case 4: name = "Design \(row) "
      default: width = ""
      }
    }
    let description = "\"Non-woven, pattern \(random.next() % 1000)\""
    let cells = [
      "Wizart", collection, name, sku, "img_\(row)", width, repeatWidth, "0.64", "0.32",
      "https://wizart.ai/p/\(row)", "10.05", "\"\(colours[row % colours.count])\"", "", "", "", "", "wall",
      "", "", "", "", "", description, "", "In stock", "", "", "49.90", "", "", reverse,
    ]
    buffer += cells.joined(separator: ",") + "\n"
    if buffer.utf8.count >= 1 << 20 {
      handle.write(Data(buffer.utf8))
      buffer.removeAll(keepingCapacity: true)
    }
  }
  handle.write(Data(buffer.utf8))
}

struct SplitMix {
  var state: UInt64
  init(seed: UInt64) { state = seed }
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}

func seconds(_ body: () throws -> Void) rethrows -> Double {
  let start = DispatchTime.now().uptimeNanoseconds
  try body()
  return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

/// Runs a command; returns wall seconds and its peak RSS in MiB, or nil if it cannot start.
///
/// The peak comes from GNU time when it is installed: a child spawned straight from this (large)
/// process would inherit its memory high-water mark until exec, and report it as its own.
func runCommand(_ executable: String, _ arguments: [String]) -> (seconds: Double, peakMiB: Double, status: Int32)? {
  let timer = "/usr/bin/time"
  let useTimer = FileManager.default.isExecutableFile(atPath: timer)
  let report = NSTemporaryDirectory() + "preflight-bench-rss-\(getpid())"
  let program = useTimer ? timer : executable
  let argumentList = useTimer ? ["-f", "%M", "-o", report, executable] + arguments : arguments
  var actions = posix_spawn_file_actions_t()
  posix_spawn_file_actions_init(&actions)
  defer { posix_spawn_file_actions_destroy(&actions) }
  posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
  posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
  let argv = ([program] + argumentList).map { strdup($0) } + [nil]
  defer { argv.forEach { free($0) } }
  var pid: pid_t = 0
  let start = DispatchTime.now().uptimeNanoseconds
  guard posix_spawn(&pid, program, &actions, nil, argv, environ) == 0 else { return nil }
  var status: Int32 = 0
  var usage = rusage()
  guard wait4(pid, &status, 0, &usage) == pid else { return nil }
  let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
  var peak = Double(usage.ru_maxrss) / 1024
  if useTimer, let text = try? String(contentsOfFile: report, encoding: .utf8),
    let kilobytes = Double(text.split(separator: "\n").last(where: { !$0.isEmpty }).map(String.init) ?? "")
  {
    peak = kilobytes / 1024
  }
  try? FileManager.default.removeItem(atPath: report)
  return (elapsed, peak, (status >> 8) & 0xFF)
}

func which(_ name: String) -> String? {
  for directory in (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":") {
    let path = "\(directory)/\(name)"
    if FileManager.default.isExecutableFile(atPath: path) { return path }
  }
  return nil
}

func line(_ text: String) { print(text) }

func format(_ value: Double, _ digits: Int = 3) -> String { String(format: "%.\(digits)f", value) }

let options = Options(Array(CommandLine.arguments.dropFirst()))
try FileManager.default.createDirectory(atPath: options.out, withIntermediateDirectories: true)
let catalogue = "\(options.out)/wallpaper-\(options.rows).csv"
if !FileManager.default.fileExists(atPath: catalogue) {
  let generation = try seconds { try generateCatalogue(path: catalogue, rows: options.rows, defects: true) }
  line("generated \(catalogue) in \(format(generation, 1)) s")
}
let size = Double((try FileManager.default.attributesOfItem(atPath: catalogue)[.size] as? NSNumber)?.intValue ?? 0)
line("catalogue: \(options.rows) rows, \(format(size / 1e6, 1)) MB, ~1% defective rows\n")

// In-process: the validating_csv stage alone, best of five.
let schema = try SchemaCatalog.builtIn("wallpaper")!
var best = Double.infinity
var report: Report?
for _ in 0..<5 {
  let time = seconds {
    report = Preflight.run(CheckRequest(catalogPath: catalogue, schema: .given(schema), maxDiagnosticsPerCode: 1000))
  }
  best = min(best, time)
}
let stats = report!.stages[0]
line("validating_csv (in-process, best of 5): \(format(best)) s — \(format(Double(options.rows) / best / 1e6, 2)) M rows/s, \(format(size / best / 1e6, 0)) MB/s")
line("  found: \(stats.errors) errors, \(stats.warnings) warnings; predicted \(report!.prediction.outcome.rawValue), \(report!.prediction.rowsSkipped) rows skipped\n")

var ours = best
if let tool = options.tool, let run = runCommand(tool, ["check", catalogue, "--type", "wallpaper", "--format", "json", "--no-progress"]) {
  line("wizart-preflight check (whole CLI): \(format(run.seconds)) s, peak RSS \(format(run.peakMiB, 1)) MiB (exit \(run.status))")
  ours = run.seconds
}

if options.baselines, let python = which("python3") {
  let script = "import csv,sys,time\nt=time.perf_counter()\nn=0\nfor r in csv.reader(open(sys.argv[1],newline='',encoding='utf-8')): n+=1\nprint(time.perf_counter()-t)"
  let scriptPath = "\(options.out)/csv_reader.py"
  try script.write(toFile: scriptPath, atomically: true, encoding: .utf8)
  var pythonBest = Double.infinity
  for _ in 0..<3 {
    let pipe = Pipe()
    let process = Process()
    process.executableURL = URL(fileURLWithPath: python)
    process.arguments = [scriptPath, catalogue]
    process.standardOutput = pipe
    try process.run()
    let output = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    if let time = Double(String(decoding: output, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)) {
      pythonBest = min(pythonBest, time)
    }
  }
  if pythonBest.isFinite {
    line("python csv.reader, parse only (best of 3): \(format(pythonBest)) s — ours is \(format(pythonBest / best, 1))x faster (in-process), \(format(pythonBest / ours, 1))x (whole CLI)")
  }
  if let frictionless = which("frictionless") {
    let schemaPath = FileManager.default.currentDirectoryPath + "/schemas/wallpaper.json"
    if let run = runCommand(frictionless, ["validate", "--trusted", "--limit-errors", "100000000", "--schema", schemaPath, catalogue]) {
      line("frictionless validate (same Table Schema): \(format(run.seconds, 1)) s — ours is \(format(run.seconds / ours, 0))x faster (whole CLI)")
    }
  } else {
    line("frictionless: not installed (pip install frictionless) — comparison skipped")
  }
}

// Memory: a large catalogue of unique SKUs through the whole CLI.
if let tool = options.tool, options.bigRows > 0 {
  let big = "\(options.out)/wallpaper-\(options.bigRows)-unique.csv"
  if !FileManager.default.fileExists(atPath: big) {
    try generateCatalogue(path: big, rows: options.bigRows, defects: false)
  }
  let bigSize = Double((try FileManager.default.attributesOfItem(atPath: big)[.size] as? NSNumber)?.intValue ?? 0)
  if let run = runCommand(tool, ["check", big, "--type", "wallpaper", "--format", "json", "--no-progress"]) {
    line("\nlarge catalogue: \(options.bigRows) unique SKUs, \(format(bigSize / 1e6, 0)) MB: \(format(run.seconds, 2)) s, peak RSS \(format(run.peakMiB, 1)) MiB (exit \(run.status))")
  }
}

// MARK: - Images

/// A JPEG-structured file: real headers (JFIF 300 dpi, SOF0 2000×2400, 3 components) and
/// incompressible scan data, like a scanned product photo as far as header readers and
/// decompressors are concerned.
func noisyJPEG(seed: UInt64, size: Int) -> [UInt8] {
  var bytes: [UInt8] = [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10] + Array("JFIF".utf8) + [0, 1, 1, 1, 0x01, 0x2C, 0x01, 0x2C, 0, 0]
  bytes += [0xFF, 0xC0, 0x00, 0x11, 0x08, 0x09, 0x60, 0x07, 0xD0, 0x03, 0x01, 0x11, 0x00, 0x02, 0x11, 0x00, 0x03, 0x11, 0x00]
  bytes += [0xFF, 0xDA, 0x00, 0x0C, 0x03, 0x01, 0x00, 0x02, 0x00, 0x03, 0x00, 0x00, 0x3F, 0x00]
  var random = SplitMix(seed: seed)
  bytes.reserveCapacity(size)
  while bytes.count < size - 2 {
    var word = random.next()
    for _ in 0..<8 {
      let byte = UInt8(truncatingIfNeeded: word)
      bytes.append(byte == 0xFF ? 0xFE : byte)
      word >>= 8
    }
  }
  bytes += [0xFF, 0xD9]
  return bytes
}

func imageWorkload(count: Int, folder: String) throws -> (catalog: String, archive: String) {
  let catalog = "\(folder)/images-\(count).csv"
  let archive = "\(folder)/images-\(count).zip"
  if !FileManager.default.fileExists(atPath: archive) {
    let schema = try SchemaCatalog.builtIn("wallpaper")!
    var text = schema.fields.map(\.name).joined(separator: ",") + "\n"
    for row in 1...count {
      var cells = [String](repeating: "", count: schema.fields.count)
      let values = ["Wizart", "Scans", "Scan \(row)", "scan_\(row)", "scan_\(row)", "1.06", "0.53", "0.64", "0", "", "10.05"]
      for (index, value) in values.enumerated() { cells[index] = value }
      text += cells.joined(separator: ",") + "\n"
    }
    try text.write(toFile: catalog, atomically: true, encoding: .utf8)
    let items = (1...count).map { ZipWriter.Item(name: "scans/scan_\($0).jpg", data: noisyJPEG(seed: UInt64($0), size: 2_400_000)) }
    try ZipWriter.write(items, to: archive)
  }
  return (catalog, archive)
}

if let tool = options.tool, options.images > 0 {
  let large = try imageWorkload(count: options.images, folder: options.out)
  let small = try imageWorkload(count: max(1, options.images / 10), folder: options.out)
  let archiveSize = Double((try FileManager.default.attributesOfItem(atPath: large.archive)[.size] as? NSNumber)?.intValue ?? 0)
  line("\nimages: \(options.images) JPEGs of 2000×2400 px (~2.4 MB each) in a \(format(archiveSize / 1e6, 0)) MB ZIP")
  var check = Double.infinity
  var deep = Double.infinity
  var peakLarge = 0.0
  var peakDeep = 0.0
  for _ in 0..<3 {
    if let run = runCommand(tool, ["check", large.catalog, "--type", "wallpaper", "--images", large.archive, "--no-progress"]) {
      check = min(check, run.seconds)
      peakLarge = max(peakLarge, run.peakMiB)
    }
    if let run = runCommand(tool, ["check", large.catalog, "--type", "wallpaper", "--images", large.archive, "--deep", "--no-progress"]) {
      deep = min(deep, run.seconds)
      peakDeep = max(peakDeep, run.peakMiB)
    }
  }
  let smallRun = runCommand(tool, ["check", small.catalog, "--type", "wallpaper", "--images", small.archive, "--no-progress"])
  line("check (headers, best of 3): \(format(check)) s, peak RSS \(format(peakLarge, 1)) MiB")
  line("check --deep (best of 3): \(format(deep)) s, peak RSS \(format(peakDeep, 1)) MiB")
  if let smallRun {
    line("check on a \(max(1, options.images / 10))-image archive: peak RSS \(format(smallRun.peakMiB, 1)) MiB (memory does not grow with the archive)")
  }
  if options.baselines, let python = which("python3") {
    let script = """
      import sys, time, zipfile
      from PIL import Image
      t = time.perf_counter()
      with zipfile.ZipFile(sys.argv[1]) as z:
          for info in z.infolist():
              if info.is_dir(): continue
              with z.open(info) as f:
                  im = Image.open(f); im.size; im.mode; im.info.get('dpi')
      print(time.perf_counter() - t)
      """
    let scriptPath = "\(options.out)/pillow_headers.py"
    try script.write(toFile: scriptPath, atomically: true, encoding: .utf8)
    var inScript = Double.infinity
    var wholeScript = Double.infinity
    for _ in 0..<3 {
      let pipe = Pipe()
      let process = Process()
      process.executableURL = URL(fileURLWithPath: python)
      process.arguments = [scriptPath, large.archive]
      process.standardOutput = pipe
      process.standardError = FileHandle(forWritingAtPath: "/dev/null")
      let started = DispatchTime.now().uptimeNanoseconds
      try process.run()
      let output = pipe.fileHandleForReading.readDataToEndOfFile()
      process.waitUntilExit()
      let elapsed = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
      if process.terminationStatus == 0,
        let time = Double(String(decoding: output, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
      {
        inScript = min(inScript, time)
        wholeScript = min(wholeScript, elapsed)
      }
    }
    if wholeScript.isFinite {
      line("python script, zipfile + Pillow header reads (best of 3): \(format(wholeScript)) s as a command (\(format(inScript)) s inside the script) — our whole check is \(format(wholeScript / check, 1))x faster (\(format(inScript / check, 1))x against the in-script time)")
    } else {
      line("python zipfile + Pillow: not available (pip install pillow) — comparison skipped")
    }
    if let unzip = which("unzip") {
      var unzipBest = Double.infinity
      for _ in 0..<3 { if let run = runCommand(unzip, ["-tq", large.archive]) { unzipBest = min(unzipBest, run.seconds) } }
      line("unzip -tq (best of 3): \(format(unzipBest)) s — our --deep is \(format(unzipBest / deep, 1))x faster")
    }
  }
}

// MARK: - pack

/// The large image workload as a folder (what catalogue repositories keep), written once.
func imageFolder(count: Int, folder: String) throws -> String {
  let root = "\(folder)/images-\(count)-folder"
  if FileManager.default.fileExists(atPath: root) { return root }
  let partial = root + ".partial"
  try? FileManager.default.removeItem(atPath: partial)
  try FileManager.default.createDirectory(atPath: partial + "/scans", withIntermediateDirectories: true)
  for index in 1...count {
    try Data(noisyJPEG(seed: UInt64(index), size: 2_400_000)).write(to: URL(fileURLWithPath: "\(partial)/scans/scan_\(index).jpg"))
  }
  try FileManager.default.moveItem(atPath: partial, toPath: root)
  return root
}

if let tool = options.tool, options.images > 0 {
  let workload = try imageWorkload(count: options.images, folder: options.out)
  let folder = try imageFolder(count: options.images, folder: options.out)
  let output = "\(options.out)/packed.zip"
  var packBest = Double.infinity
  var packPeak = 0.0
  for _ in 0..<3 {
    try? FileManager.default.removeItem(atPath: output)
    if let run = runCommand(tool, ["pack", workload.catalog, "--images", folder, "-o", output, "--type", "wallpaper", "--no-progress"]),
      run.status == 0
    {
      packBest = min(packBest, run.seconds)
      packPeak = max(packPeak, run.peakMiB)
    }
  }
  line("\npack: \(options.images) referenced JPEGs from a folder into the upload ZIP (best of 3): \(format(packBest)) s, peak RSS \(format(packPeak, 1)) MiB")
  if options.baselines, let zip = which("zip") {
    var zipBest = Double.infinity
    for _ in 0..<3 {
      try? FileManager.default.removeItem(atPath: output)
      if let run = runCommand("/bin/sh", ["-c", "cd '\(folder)' && '\(zip)' -0 -q -r -X '\(URL(fileURLWithPath: output).path)' scans"]) {
        zipBest = min(zipBest, run.seconds)
      }
    }
    line("zip -0 -r (stores the same folder, best of 3): \(format(zipBest)) s — pack is \(format(zipBest / packBest, 1))x its speed")
  }
  try? FileManager.default.removeItem(atPath: output)
}

// MARK: - Excel catalogues

/// The same kind of catalogue as an .xlsx laid out as Excel writes it: text as shared strings,
/// numbers as numbers, one sheet part, deflated.
func generateWorkbook(path: String, rows: Int) throws {
  let schema = try SchemaCatalog.builtIn("wallpaper")!
  var shared: [String] = []
  var sharedIndex: [String: Int] = [:]
  func text(_ value: String) -> Int {
    if let index = sharedIndex[value] { return index }
    sharedIndex[value] = shared.count
    shared.append(value)
    return shared.count - 1
  }
  func column(_ index: Int) -> String {
    var name = ""
    var rest = index + 1
    while rest > 0 {
      name = String(UnicodeScalar(UInt8(65 + (rest - 1) % 26))) + name
      rest = (rest - 1) / 26
    }
    return name
  }
  var sheet = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"#
  sheet += #"<row r="1">"# + schema.fields.enumerated().map { #"<c r="\#(column($0.offset))1" t="s"><v>\#(text($0.element.name))</v></c>"# }.joined() + "</row>"
  let numbers: Set<Int> = [5, 6, 7, 8, 10, 27]
  for row in 1...rows {
    let values = [
      "Wizart", "Collection \(row % 40)", "Design \(row)", "wp_\(row)", "img_\(row)", "1.06", "0.53", "0.64", "0.32",
      "https://wizart.ai/p/\(row)", "10.05", "green, white", "", "", "", "", "wall", "", "", "", "", "",
      "Non-woven, pattern \(row % 1000)", "", "In stock", "", "", "49.9", "", "", "no",
    ]
    sheet += #"<row r="\#(row + 1)">"#
    for (index, value) in values.enumerated() where !value.isEmpty {
      let reference = column(index) + String(row + 1)
      if numbers.contains(index) {
        sheet += #"<c r="\#(reference)"><v>\#(value)</v></c>"#
      } else {
        sheet += #"<c r="\#(reference)" t="s"><v>\#(text(value))</v></c>"#
      }
    }
    sheet += "</row>"
  }
  sheet += "</sheetData></worksheet>"
  var strings = #"<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">"#
  for value in shared { strings += "<si><t>\(value.replacingOccurrences(of: "&", with: "&amp;"))</t></si>" }
  strings += "</sst>"
  let relationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
  let package = "http://schemas.openxmlformats.org/package/2006/relationships"
  let parts: [(String, String)] = [
    ("[Content_Types].xml", #"<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>"#),
    ("_rels/.rels", #"<?xml version="1.0"?><Relationships xmlns="\#(package)"><Relationship Id="rId1" Type="\#(relationships)/officeDocument" Target="xl/workbook.xml"/></Relationships>"#),
    ("xl/workbook.xml", #"<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="\#(relationships)"><sheets><sheet name="Products" sheetId="1" r:id="rId1"/></sheets></workbook>"#),
    ("xl/_rels/workbook.xml.rels", #"<?xml version="1.0"?><Relationships xmlns="\#(package)"><Relationship Id="rId1" Type="\#(relationships)/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="\#(relationships)/sharedStrings" Target="sharedStrings.xml"/></Relationships>"#),
    ("xl/worksheets/sheet1.xml", sheet),
    ("xl/sharedStrings.xml", strings),
  ]
  try ZipWriter.write(parts.map { ZipWriter.Item(name: $0.0, data: Array($0.1.utf8)) }, to: path)
}

if let tool = options.tool, options.xlsxRows > 0 {
  let workbook = "\(options.out)/wallpaper-\(options.xlsxRows).xlsx"
  if !FileManager.default.fileExists(atPath: workbook) { try generateWorkbook(path: workbook, rows: options.xlsxRows) }
  let workbookSize = Double((try FileManager.default.attributesOfItem(atPath: workbook)[.size] as? NSNumber)?.intValue ?? 0)
  var xlsxBest = Double.infinity
  var xlsxPeak = 0.0
  for _ in 0..<3 {
    if let run = runCommand(tool, ["check", workbook, "--type", "wallpaper", "--format", "json", "--no-progress"]) {
      xlsxBest = min(xlsxBest, run.seconds)
      xlsxPeak = max(xlsxPeak, run.peakMiB)
    }
  }
  line("\nExcel catalogue: \(options.xlsxRows) rows, \(format(workbookSize / 1e6, 1)) MB .xlsx: check \(format(xlsxBest)) s (best of 3) — \(format(Double(options.xlsxRows) / xlsxBest / 1e3, 0)) k rows/s, peak RSS \(format(xlsxPeak, 1)) MiB")
  if options.baselines, let python = which("python3") {
    let script = "import sys,time\nt=time.perf_counter()\nimport openpyxl\nwb=openpyxl.load_workbook(sys.argv[1],read_only=True)\nn=sum(1 for _ in wb.active.iter_rows(values_only=True))\nprint(time.perf_counter()-t)"
    let scriptPath = "\(options.out)/openpyxl_rows.py"
    try script.write(toFile: scriptPath, atomically: true, encoding: .utf8)
    if let run = runCommand(python, [scriptPath, workbook]), run.status == 0 {
      line("python openpyxl read_only, rows only: \(format(run.seconds)) s — our whole check is \(format(run.seconds / xlsxBest, 1))x faster")
    } else {
      line("openpyxl: not installed or failed (pip install openpyxl) — comparison skipped")
    }
  }
}
