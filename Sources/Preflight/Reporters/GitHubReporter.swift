import Foundation

/// `--format github`: GitHub Actions workflow commands, one per diagnostic, which GitHub shows as
/// annotations on the pull request:
///
///     ::error file=catalog.csv,line=13,title=invalid-number::row 12, column 6 (product_width): … (fix)
///
/// `::warning` and `::notice` follow the severity. `line` only when known; no `col`, because our
/// column is a field index and GitHub's is a character column — the field is named in the message
/// instead. An archive entry is named in the message; when a catalogue row referenced it, the
/// annotation goes on that catalogue line, else on the archive. The last line is a `::notice::`
/// with the predicted server answer. Data escapes `%`, CR and LF; properties also `:` and `,`.
public enum GitHubReporter {
  public static func render(
    _ report: Report, currentDirectory: String = FileManager.default.currentDirectoryPath
  ) -> String {
    var out = ""
    for diagnostic in report.diagnostics {
      out += line(diagnostic, report: report, currentDirectory: currentDirectory)
    }
    for (code, omitted) in report.omittedByCode.sorted(by: { $0.key < $1.key }) {
      out += "::notice title=\(property(code))::\(data("\(TextReporter.count(omitted)) more [\(code)] not shown (raise --max-diagnostics, 0 = all)"))\n"
    }
    let summary = report.summary
    var text = "wizart-preflight: \(ReportWording.outcome(report)) (\(TextReporter.count(summary.errors, "error")), "
      + "\(TextReporter.count(summary.warnings, "warning")), \(TextReporter.count(summary.notices, "notice")))"
    if let skipped = ReportWording.notChecked(report) {
      text += "; not checked: \(skipped)"
    }
    out += "::notice::\(data(text))\n"
    return out
  }

  private static func line(_ diagnostic: Diagnostic, report: Report, currentDirectory: String) -> String {
    let location = diagnostic.location
    var properties: [String] = []
    var message = ReportWording.message(diagnostic)
    if location.entry != nil, let line = location.line {
      properties.append("file=" + property(ReportPaths.relative(report.inputs.catalog, currentDirectory: currentDirectory)))
      properties.append("line=\(line)")
    } else {
      let file = location.file ?? report.inputs.catalog
      properties.append("file=" + property(ReportPaths.relative(file, currentDirectory: currentDirectory)))
      if location.entry == nil, let line = location.line, line >= 1 { properties.append("line=\(line)") }
      var cell: [String] = []
      if let row = location.row { cell.append("row \(row)") }
      // The field by name, unless the message starts with it already.
      let field = location.field.flatMap { message.hasPrefix($0 + ":") || message.hasPrefix($0 + " ") ? nil : $0 }
      if let column = location.column {
        cell.append("column \(column)" + (field.map { " (\($0))" } ?? ""))
      } else if let field, location.entry == nil {
        cell.append("column \(field)")
      }
      if let sheet = location.sheet { cell.insert("sheet \(sheet)" + (location.cell.map { "!" + $0 } ?? ""), at: 0) }
      if !cell.isEmpty { message = cell.joined(separator: ", ") + ": " + message }
    }
    properties.append("title=" + property(diagnostic.code.id))
    if let hint = diagnostic.hint { message += " (\(hint))" }
    let command: String
    switch diagnostic.severity {
    case .error: command = "error"
    case .warning: command = "warning"
    case .notice: command = "notice"
    }
    return "::\(command) \(properties.joined(separator: ","))::\(data(message))\n"
  }

  /// Message text: `%`, CR and LF escaped; other control characters shown as `\xNN` so that a byte
  /// from the file cannot start an ANSI sequence in the log.
  static func data(_ value: String) -> String {
    var out = ""
    for scalar in value.unicodeScalars {
      switch scalar.value {
      case 0x25: out += "%25"
      case 0x0D: out += "%0D"
      case 0x0A: out += "%0A"
      case 0x00..<0x20, 0x7F...0x9F:
        let digits = String(scalar.value, radix: 16, uppercase: true)
        out += "\\x" + (digits.count < 2 ? "0" : "") + digits
      default: out.unicodeScalars.append(scalar)
      }
    }
    return out
  }

  /// A property value: as `data`, plus `:` and `,`.
  static func property(_ value: String) -> String {
    data(value).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
  }
}
