import Preflight

/// Help screens: what a newcomer reads first, so they name every command and exit code.
enum HelpText {
  static var main: String {
    """
    wizart-preflight \(Preflight.version) — check a Wizart PIM product import before you upload it

    Usage:
      \(CheckCommand.usage)
      \(FixCommand.usage)
      \(TypesCommand.usage)
      \(TemplateCommand.usage)
      \(ExplainCommand.usage)
      \(HookCommand.usage)
      \(PackCommand.usage)
      \(UploadCommand.usage)
      \(StatusCommand.usage)

    Commands:
      check     \(CheckCommand.summary)
      fix       \(FixCommand.summary)
      types     \(TypesCommand.summary)
      template  \(TemplateCommand.summary)
      explain   \(ExplainCommand.summary)
      hook      \(HookCommand.summary)
      pack      \(PackCommand.summary)
      upload    \(UploadCommand.summary)
      status    \(StatusCommand.summary)

    \(CheckCommand.exitCodes)
    upload and status: 1 = the import failed or the upload was refused, 2 = credentials, network or server trouble.
    Run 'wizart-preflight COMMAND --help' for a command's options.

    """
  }

  static func command(name: String, usage: String, summary: String, options: [OptionSpec], extra: String = "") -> String {
    var out = "Usage: \(usage)\n\n\(summary.prefix(1).uppercased() + summary.dropFirst()).\n"
    if !options.isEmpty {
      out += "\nOptions:\n"
      let labels = options.map { spec -> String in
        var label = spec.short.map { "\($0), " } ?? ""
        label += spec.name + (spec.takesValue ? " \(spec.valueName)" : "")
        return label
      }
      let width = (labels.map(\.count).max() ?? 0) + 2
      for (label, spec) in zip(labels, options) {
        out += "  \(label.padded(width))\(spec.help)\n"
      }
      out += "  \("-h, --help".padded(width))show this help\n"
    }
    if !extra.isEmpty { out += "\n" + extra }
    return out
  }
}
