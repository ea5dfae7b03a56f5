/// Compiler-style text: one block per diagnostic, then a summary per stage and the predicted
/// server answer in plain words.
public struct TextReporter: Sendable {
  public var color: Bool

  public init(color: Bool) { self.color = color }

  public func render(_ report: Report) -> String {
    var out = ""
    if let note = report.productType.inferenceNote { out += paint(note, .dim) + "\n" }
    for diagnostic in report.diagnostics {
      out += line(for: diagnostic)
    }
    for (code, omitted) in report.omittedByCode.sorted(by: { $0.key < $1.key }) {
      out += paint("… and \(Self.count(omitted)) more [\(code)] not shown (raise --max-diagnostics, 0 = all)", .dim) + "\n"
    }
    if !report.diagnostics.isEmpty || !report.omittedByCode.isEmpty { out += "\n" }
    out += summary(report)
    return out
  }

  /// Errors and warnings only, for the pre-commit hook: problems first, no stage table.
  public func renderProblems(_ report: Report) -> String {
    var out = ""
    for diagnostic in report.diagnostics where diagnostic.severity != .notice { out += line(for: diagnostic) }
    return out
  }

  /// One line: the catalogue, its type and the predicted answer with the counts.
  public func summaryLine(_ report: Report) -> String {
    let prediction = report.prediction
    let answer: String
    switch prediction.outcome {
    case .failure: answer = paint("failure", .red) + " at \(prediction.failedStage?.rawValue ?? "?")"
    case .warning: answer = paint("warning", .yellow) + ", \(Self.count(prediction.rowsSkipped, "row")) skipped"
    case .success: answer = paint("success", .green)
    }
    let type = report.productType.code.map { " (\($0))" } ?? ""
    let counts = "\(Self.count(report.summary.errors, "error")), \(Self.count(report.summary.warnings, "warning"))"
    let unchecked = report.prediction.complete ? "" : "; images not checked"
    return "\(report.inputs.catalog)\(type): \(answer) — \(counts)\(unchecked)"
  }

  private func line(for diagnostic: Diagnostic) -> String {
    let location = diagnostic.location
    var place = location.file ?? "-"
    var message = diagnostic.message
    if let entry = location.entry {
      // An archive entry's line and row are the catalogue's: say so instead of file:line.
      place += "(\(entry))"
      if let row = location.row { message += " (catalogue row \(row))" }
    } else {
      if let sheet = location.sheet { place += "[\(sheet)\(location.cell.map { "!" + $0 } ?? "")]" }
      if let line = location.line {
        place += ":\(line)"
        if let column = location.column { place += ":\(column)" }
      }
    }
    let severity: String
    switch diagnostic.severity {
    case .error: severity = paint("error", .red)
    case .warning: severity = paint("warning", .yellow)
    case .notice: severity = paint("notice", .cyan)
    }
    var text = "\(paint(Self.printable(place) + ":", .bold)) \(severity): \(Self.printable(message)) [\(diagnostic.code.id)]\n"
    if let hint = diagnostic.hint { text += "    hint: \(Self.printable(hint))\n" }
    return text
  }

  private func summary(_ report: Report) -> String {
    var out = ""
    let width = Stage.allCases.map(\.rawValue.count).max() ?? 0
    for stage in report.stages {
      let name = stage.stage.rawValue.padding(toLength: width)
      switch stage.status {
      case .skipped:
        out += "\(name)  \(paint("skipped", .dim))  (\(stage.skipReason ?? "not run"))\n"
      case .passed, .failed:
        let status = stage.status == .failed ? paint("failed ", .red) : paint("passed ", .green)
        var counts = "\(Self.count(stage.errors, "error")), \(Self.count(stage.warnings, "warning")), \(Self.count(stage.notices, "notice"))"
        switch stage.stage {
        case .validatingCSV:
          if let rows = stage.stats["rows"], let columns = stage.stats["columns"] {
            counts += "  (\(Self.count(rows, "row")), \(Self.count(columns, "column")))"
          }
        case .unpackingArchive:
          if let entries = stage.stats["entries"], let images = stage.stats["images"] {
            counts += "  (\(Self.count(entries, "entry").replacingOccurrences(of: "entrys", with: "entries")), \(Self.count(images, "image")))"
          }
        case .checkingImages:
          if let references = stage.stats["references"], let checked = stage.stats["imagesChecked"] {
            counts += "  (\(Self.count(references, "reference")), \(Self.count(checked, "image")) read)"
          }
        }
        out += "\(name)  \(status) \(counts)\n"
      }
    }
    let prediction = report.prediction
    var answer: String
    switch prediction.outcome {
    case .failure:
      answer = paint("failure", .red) + " at \(prediction.failedStage?.rawValue ?? "?"): the import would stop; fix the errors above and check again"
    case .warning where prediction.rowsSkipped >= prediction.rowsTotal:
      answer = paint("warning", .yellow) + ": all \(Self.count(prediction.rowsTotal, "row")) would be skipped, nothing imported"
    case .warning:
      answer = paint("warning", .yellow) + ": \(Self.count(prediction.rowsSkipped, "row")) of \(Self.count(prediction.rowsTotal)) would be skipped, the rest imported"
    case .success:
      answer = paint("success", .green) + ": all \(Self.count(prediction.rowsTotal, "row")) would be imported"
    }
    out += "\nPredicted server answer: \(answer)\n"
    if !prediction.complete {
      let skipped = report.stages.filter { $0.status == .skipped }.map(\.stage.rawValue)
      out += "Not checked: \(skipped.joined(separator: ", ")) — the prediction covers only the stages that ran.\n"
    }
    if report.ignoredCount > 0 {
      out += "\(Self.count(report.ignoredCount, "finding")) hidden by --ignore (still counted in the prediction).\n"
    }
    return out
  }

  // MARK: - Formatting

  private enum Style: String {
    case red = "31", yellow = "33", green = "32", cyan = "36", bold = "1", dim = "2"
  }

  private func paint(_ text: String, _ style: Style) -> String {
    color ? "\u{1B}[\(style.rawValue)m\(text)\u{1B}[0m" : text
  }

  /// Control characters from the file are shown as escapes, never sent to the terminal.
  static func printable(_ text: String) -> String {
    var out = ""
    for scalar in text.unicodeScalars {
      // C0/C1 controls, and bidirectional overrides that could disguise a name in a terminal.
      if scalar.value < 0x20 || scalar.value == 0x7F || (scalar.value >= 0x80 && scalar.value < 0xA0)
        || (0x202A...0x202E).contains(scalar.value) || (0x2066...0x2069).contains(scalar.value)
      {
        out += scalar == "\n" ? "\\n" : scalar == "\t" ? "\\t" : scalar == "\r" ? "\\r"
          : scalar.value > 0xFF ? "\\u{\(String(scalar.value, radix: 16, uppercase: true))}" : "\\x" + hex2(scalar.value)
      } else {
        out.unicodeScalars.append(scalar)
      }
    }
    return out
  }

  private static func hex2(_ value: UInt32) -> String {
    let digits = String(value, radix: 16, uppercase: true)
    return digits.count < 2 ? "0" + digits : digits
  }

  /// 1,234,567 with the noun in singular or plural.
  static func count(_ number: Int, _ noun: String? = nil) -> String {
    var digits = String(number.magnitude)
    var grouped = ""
    while digits.count > 3 {
      grouped = "," + digits.suffix(3) + grouped
      digits.removeLast(3)
    }
    let text = (number < 0 ? "-" : "") + digits + grouped
    guard let noun else { return text }
    return "\(text) \(noun)\(number == 1 ? "" : "s")"
  }
}

extension String {
  fileprivate func padding(toLength length: Int) -> String {
    count >= length ? self : self + String(repeating: " ", count: length - count)
  }
}
