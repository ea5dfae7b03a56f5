import Foundation
import Preflight

#if canImport(Glibc)
  import Glibc
#endif

/// `hook [FILES…]`: the pre-commit entry point. Maps changed files to the catalogues they belong
/// to (through `.wizart-preflight.json`) and checks those catalogues whole.
enum HookCommand {
  static let name = "hook"
  static let summary = "check the catalogues that changed files belong to (pre-commit entry point)"
  static let usage = "wizart-preflight hook [FILES…] | hook --install"
  static let options: [OptionSpec] = [
    OptionSpec(name: "--install", takesValue: false, help: "write .git/hooks/pre-commit (for repositories without the pre-commit framework)"),
    OptionSpec(name: "--all", takesValue: false, help: "check every configured catalogue"),
    OptionSpec(name: "--staged", takesValue: false, help: "take the changed files from git's index (what the installed hook uses)"),
    OptionSpec(name: "--jobs", short: "-j", takesValue: true, valueName: "N", help: "parallel image reads (default: all cores)"),
  ]
  /// The first line a hook written by --install carries, so that we only ever replace our own.
  static let marker = "# wizart-preflight pre-commit hook (written by `wizart-preflight hook --install`)"

  static func run(_ arguments: [String], console: Console) throws -> Int32 {
    let parsed = try ArgumentScanner.scan(arguments, options: options, command: name)
    if parsed.wantsHelp {
      console.stdout.write(HelpText.command(name: name, usage: usage, summary: summary, options: options))
      return ExitCode.success.rawValue
    }
    if parsed.has("--install") {
      guard parsed.positionals.isEmpty else { throw UsageError(message: "--install takes no files", command: name) }
      return try install(console: console)
    }
    var jobs: Int?
    if let text = parsed.value("--jobs") {
      guard let number = Int(text), number >= 1, number <= 256 else {
        throw UsageError(message: "--jobs takes a whole number from 1 to 256, not '\(text)'", command: name)
      }
      jobs = number
    }
    let here = console.currentDirectory
    let config: ProjectConfig
    do {
      guard let found = try ProjectConfig.find(from: here) else {
        console.stderr.write("wizart-preflight hook: no \(ProjectConfig.fileName) here or above; nothing to check\n")
        return ExitCode.success.rawValue
      }
      config = found
    } catch {
      throw ToolError(message: "the configuration is not usable: \(error.description)")
    }
    let catalogs: [ConfiguredCatalog]
    if parsed.has("--all") {
      catalogs = ConfiguredCatalog.all(in: config)
    } else {
      var changed = parsed.positionals.compactMap { config.relativePath(of: resolve($0, from: here)) }
      // pre-commit never passes deleted files: ask git for the staged deletions ourselves.
      changed += Git.staged(in: config.root, deletionsOnly: !parsed.has("--staged")).compactMap {
        config.relativePath(of: $0.resolvingSymlinksInPath())
      }
      catalogs = ConfiguredCatalog.affected(by: changed, in: config)
    }
    return try checkAll(catalogs, jobs: jobs, console: console)
  }

  /// Problems first, then one summary line per catalogue.
  static func checkAll(_ catalogs: [ConfiguredCatalog], jobs: Int?, console: Console) throws -> Int32 {
    var worst = ExitCode.success
    var summaries: [String] = []
    let reporter = TextReporter(color: console.colorOnStdout())
    for catalog in catalogs {
      let report = Preflight.run(try catalog.request(jobs: jobs, deep: false, maxPerCode: 20))
      console.stdout.write(reporter.renderProblems(report))
      summaries.append(reporter.summaryLine(report))
      let code: ExitCode =
        report.toolFailure
        ? .toolFailure
        : (report.summary.errors > 0 || (catalog.strict && report.summary.warnings > 0) ? .problemsFound : .success)
      if code.rawValue > worst.rawValue { worst = code }
    }
    for line in summaries { console.stdout.write(line + "\n") }
    return worst.rawValue
  }

  private static func install(console: Console) throws -> Int32 {
    guard let gitDirectory = Git.hooksDirectory(from: console.currentDirectory) else {
      throw ToolError(message: "not inside a git repository: there is no .git/hooks to write to")
    }
    let hook = gitDirectory.appendingPathComponent("pre-commit")
    if FileManager.default.fileExists(atPath: hook.path),
      (try? Data(contentsOf: hook)).map({ $0.range(of: Data(marker.utf8)) == nil }) ?? true
    {
      throw ToolError(
        message: "\(hook.path) exists and was not written by wizart-preflight; not replacing it (add `wizart-preflight hook` to it yourself)")
    }
    // The binary itself (not the name it was called by): git GUIs run hooks with another PATH.
    let executable = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
    let command = executable.path.contains("/") && FileManager.default.isExecutableFile(atPath: executable.path)
      ? "'\(executable.path.replacingOccurrences(of: "'", with: "'\\''"))'" : "wizart-preflight"
    let script = """
      #!/bin/sh
      \(marker)
      # Checks the catalogues whose files are staged; remove this file to uninstall.
      exec \(command) hook --staged

      """
    do {
      try FileManager.default.createDirectory(at: gitDirectory, withIntermediateDirectories: true)
      try script.write(to: hook, atomically: true, encoding: .utf8)
      try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: hook.path)
    } catch {
      throw ToolError(message: "cannot write \(hook.path): \(error.localizedDescription)")
    }
    console.stderr.write("installed \(hook.path)\n")
    return ExitCode.success.rawValue
  }
}

/// A path as given on the command line, against a folder (whether or not its URL ends in "/").
func resolve(_ path: String, from folder: URL) -> URL {
  path.hasPrefix("/") ? URL(fileURLWithPath: path).standardizedFileURL : folder.appendingPathComponent(path).standardizedFileURL
}

/// The few git questions the hook asks; answers are empty outside a repository.
enum Git {
  /// Staged paths (or only staged deletions) as absolute URLs. Renames count as a deletion
  /// plus an addition (`--no-renames`): an image moved out of its folder is a missing image.
  static func staged(in folder: URL, deletionsOnly: Bool) -> [URL] {
    guard let top = run(["rev-parse", "--show-toplevel"], in: folder)?.trimmingCharacters(in: .whitespacesAndNewlines),
      let output = run(
        ["diff", "--cached", "--no-renames", "--name-only", "--diff-filter=\(deletionsOnly ? "D" : "ACMRD")", "-z"], in: folder)
    else { return [] }
    let root = URL(fileURLWithPath: top)
    return output.split(separator: "\0").map { root.appendingPathComponent(String($0)).standardizedFileURL }
  }

  static func hooksDirectory(from here: URL) -> URL? {
    guard let path = run(["rev-parse", "--git-path", "hooks"], in: here)?.trimmingCharacters(in: .whitespacesAndNewlines),
      !path.isEmpty
    else { return nil }
    return resolve(path, from: here)
  }

  /// Runs git and returns its standard output, or nil when it fails or is missing. Spawned with
  /// posix_spawn: Foundation's Process closes every possible descriptor first, which costs tens
  /// of milliseconds on each call — too much for a hook that should take a few.
  private static func run(_ arguments: [String], in folder: URL) -> String? {
    var pipe: [Int32] = [0, 0]
    guard Glibc.pipe(&pipe) == 0 else { return nil }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_adddup2(&actions, pipe[1], 1)
    posix_spawn_file_actions_addclose(&actions, pipe[0])
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
    let argv = (["git", "-C", folder.path] + arguments).map { strdup($0) } + [nil]
    defer { argv.forEach { free($0) } }
    var pid: pid_t = 0
    let spawned = posix_spawnp(&pid, "git", &actions, nil, argv, environ)
    close(pipe[1])
    defer { close(pipe[0]) }
    guard spawned == 0 else { return nil }
    var output: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 65536)
    while true {
      let count = read(pipe[0], &buffer, buffer.count)
      if count > 0 {
        output.append(contentsOf: buffer[0..<count])
      } else if count == 0 || errno != EINTR {
        break
      }
    }
    var status: Int32 = 0
    while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
    guard status == 0 else { return nil }
    return String(decoding: output, as: UTF8.self)
  }
}
