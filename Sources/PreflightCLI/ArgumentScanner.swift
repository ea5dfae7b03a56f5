import Preflight

/// A hand-written command-line scanner: `--name value`, `--name=value`, short aliases, `--` and
/// positionals, with "did you mean" suggestions for unknown options.
struct OptionSpec {
  var name: String
  var short: String?
  var takesValue: Bool
  var valueName: String = "VALUE"
  var help: String
}

struct ParsedArguments {
  var values: [String: String] = [:]
  var flags: Set<String> = []
  var positionals: [String] = []
  var wantsHelp = false

  func value(_ name: String) -> String? { values[name] }
  func has(_ name: String) -> Bool { flags.contains(name) }
}

enum ArgumentScanner {
  static func scan(_ arguments: [String], options: [OptionSpec], command: String) throws(UsageError) -> ParsedArguments {
    var parsed = ParsedArguments()
    var index = 0
    var onlyPositionals = false
    while index < arguments.count {
      let argument = arguments[index]
      index += 1
      if onlyPositionals || !argument.hasPrefix("-") || argument == "-" {
        parsed.positionals.append(argument)
        continue
      }
      if argument == "--" {
        onlyPositionals = true
        continue
      }
      if argument == "--help" || argument == "-h" {
        parsed.wantsHelp = true
        continue
      }
      var name = argument
      var inlineValue: String?
      if argument.hasPrefix("--"), let equals = argument.firstIndex(of: "=") {
        name = String(argument[..<equals])
        inlineValue = String(argument[argument.index(after: equals)...])
      }
      guard let spec = options.first(where: { $0.name == name || $0.short == name }) else {
        let names = options.map(\.name) + ["--help"]
        let suggestion = EditDistance.suggestion(for: name, in: names)
        throw UsageError(
          message: "unknown option '\(name)' for '\(command)'", suggestion: suggestion.map { "did you mean '\($0)'?" },
          command: command)
      }
      if spec.takesValue {
        if let inlineValue {
          parsed.values[spec.name] = inlineValue
        } else if index < arguments.count {
          parsed.values[spec.name] = arguments[index]
          index += 1
        } else {
          throw UsageError(message: "option '\(spec.name)' needs a value (\(spec.valueName))", command: command)
        }
      } else {
        guard inlineValue == nil else {
          throw UsageError(message: "option '\(spec.name)' takes no value", command: command)
        }
        parsed.flags.insert(spec.name)
      }
    }
    return parsed
  }
}

