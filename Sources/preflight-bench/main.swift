// preflight-bench: generates synthetic catalogues and measures the validating_csv stage.
//
//   preflight-bench --out bench-data [--tool .build/release/wizart-preflight] [--rows 200000]
//                   [--big-rows 2000000] [--no-baselines]
//
// Prints rows/s and MB/s of the stage in-process, the whole CLI run with its peak RSS, and the
// same file parsed by Python's csv.reader and validated by `frictionless` when they are installed.
import Foundation
import Preflight

#if canImport(Glibc)
  import Glibc
#endif

struct Options {
  var out = "bench-data"
  var tool: String?
  var rows = 200_000
  var bigRows = 2_000_000
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

/// Runs a command; returns wall seconds and that child's own peak RSS in MiB (wait4, not
/// RUSAGE_CHILDREN, which would report the largest child ever run), or nil if it cannot start.
func runCommand(_ executable: String, _ arguments: [String]) -> (seconds: Double, peakMiB: Double, status: Int32)? {
  var actions = posix_spawn_file_actions_t()
  posix_spawn_file_actions_init(&actions)
  defer { posix_spawn_file_actions_destroy(&actions) }
  posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
  posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
  let argv = ([executable] + arguments).map { strdup($0) } + [nil]
  defer { argv.forEach { free($0) } }
  var pid: pid_t = 0
  let start = DispatchTime.now().uptimeNanoseconds
  guard posix_spawn(&pid, executable, &actions, nil, argv, environ) == 0 else { return nil }
  var status: Int32 = 0
  var usage = rusage()
  guard wait4(pid, &status, 0, &usage) == pid else { return nil }
  let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
  return (elapsed, Double(usage.ru_maxrss) / 1024, (status >> 8) & 0xFF)
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
