/// `--format junit`: JUnit XML for CI test tabs (GitLab, Jenkins, Azure, GitHub test reporters).
///
/// One `<testsuite>` per stage, one `<testcase>` per diagnostic code that stage can report (every
/// code in `DiagnosticCode.all`, so a clean run lists passing checks). A code with errors — or with
/// warnings when `strict` — fails, and the failure lists each diagnostic with place, message and fix;
/// other diagnostics of a passing code go to `<system-out>`. A skipped stage's cases are `<skipped/>`.
/// Text is XML-1.0-safe: the five entities, and each code point XML 1.0 forbids (most C0 controls,
/// U+FFFE, U+FFFF; DEL and C1 too) as a visible `\xNN`, so a NUL or ESC from a cell cannot make the
/// whole file unreadable.
public enum JUnitReporter {
  public static func render(_ report: Report, strict: Bool = false) -> String {
    var byCode: [String: [Diagnostic]] = [:]
    for diagnostic in report.diagnostics { byCode[diagnostic.code.id, default: []].append(diagnostic) }

    var suites: [String] = []
    var totals = (tests: 0, failures: 0, skipped: 0)
    for stage in report.stages {
      let codes = DiagnosticCode.all.filter { $0.stage == stage.stage }
      var cases = ""
      var failures = 0
      let skipped = stage.status == .skipped
      for code in codes {
        let diagnostics = byCode[code.id] ?? []
        let omitted = report.omittedByCode[code.id] ?? 0
        let count = diagnostics.count + omitted
        let fails = !skipped && count > 0 && (code.severity == .error || (strict && code.severity == .warning))
        cases += "    <testcase classname=\"\(attribute(stage.stage.rawValue))\" name=\"\(attribute(code.id))\""
        if skipped {
          cases += ">\n      <skipped message=\"\(attribute(stage.skipReason ?? "stage not run"))\"/>\n    </testcase>\n"
        } else if count == 0 {
          cases += "/>\n"
        } else {
          let body = text(listing(diagnostics, omitted: omitted))
          if fails {
            failures += 1
            let message = "\(TextReporter.count(count, code.severity.rawValue)): \(code.summary)"
            cases += ">\n      <failure type=\"\(attribute(code.id))\" message=\"\(attribute(message))\">\(body)</failure>\n    </testcase>\n"
          } else {
            cases += ">\n      <system-out>\(body)</system-out>\n    </testcase>\n"
          }
        }
      }
      let skippedCount = skipped ? codes.count : 0
      totals.tests += codes.count
      totals.failures += failures
      totals.skipped += skippedCount
      var properties = "      <property name=\"status\" value=\"\(stage.status.rawValue)\"/>\n"
      if let reason = stage.skipReason {
        properties += "      <property name=\"skipReason\" value=\"\(attribute(reason))\"/>\n"
      }
      for (name, value) in stage.stats.sorted(by: { $0.key < $1.key }) {
        properties += "      <property name=\"\(attribute(name))\" value=\"\(value)\"/>\n"
      }
      suites.append(
        "  <testsuite name=\"\(attribute(stage.stage.rawValue))\" tests=\"\(codes.count)\" failures=\"\(failures)\" errors=\"0\" skipped=\"\(skippedCount)\">\n"
          + "    <properties>\n\(properties)    </properties>\n" + cases + "  </testsuite>\n")
    }
    let name = "\(report.tool.name) \(report.inputs.catalog)"
    var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    out += "<!-- \(comment(ReportWording.outcome(report))) -->\n"
    out += "<testsuites name=\"\(attribute(name))\" tests=\"\(totals.tests)\" failures=\"\(totals.failures)\" errors=\"0\" skipped=\"\(totals.skipped)\">\n"
    out += suites.joined()
    out += "</testsuites>\n"
    return out
  }

  /// Each diagnostic as "place: message", its value and fix, indented under it.
  private static func listing(_ diagnostics: [Diagnostic], omitted: Int) -> String {
    var out = "\n"
    for diagnostic in diagnostics {
      // The place names the file, the entry and the row, so the message goes as it is.
      out += "\(ReportWording.place(diagnostic)): \(diagnostic.severity.rawValue): \(diagnostic.message)\n"
      if let value = diagnostic.value { out += "    value: \(Shown.quoted(value))\n" }
      if let hint = diagnostic.hint { out += "    fix: \(hint)\n" }
    }
    if omitted > 0 { out += "… and \(TextReporter.count(omitted)) more not shown (raise --max-diagnostics, 0 = all)\n" }
    return out + "      "
  }

  // MARK: - XML 1.0 escaping

  /// Character data: the five entities, CR as a reference (parsers turn a raw CR into LF), TAB and
  /// LF as they are, and every other forbidden or invisible control character as a visible `\xNN`.
  static func text(_ value: String) -> String { escape(value, inAttribute: false) }

  /// An attribute value: as `text`, and TAB, LF and CR as references so that they survive
  /// attribute-value normalisation.
  static func attribute(_ value: String) -> String { escape(value, inAttribute: true) }

  /// A comment cannot hold "--"; the outcome sentence never has one, but be safe.
  private static func comment(_ value: String) -> String {
    text(value).replacingOccurrences(of: "--", with: "- -")
  }

  private static func escape(_ value: String, inAttribute: Bool) -> String {
    var out = ""
    out.reserveCapacity(value.utf8.count)
    for scalar in value.unicodeScalars {
      switch scalar.value {
      case 0x26: out += "&amp;"
      case 0x3C: out += "&lt;"
      case 0x3E: out += "&gt;"
      case 0x22: out += "&quot;"
      case 0x27: out += "&apos;"
      case 0x09: out += inAttribute ? "&#9;" : "\t"
      case 0x0A: out += inAttribute ? "&#10;" : "\n"
      case 0x0D: out += "&#13;"
      case 0x00..<0x20, 0x7F...0x9F: out += "\\x" + hex(scalar.value, width: 2)
      case 0xFFFE, 0xFFFF: out += "\\u" + hex(scalar.value, width: 4)
      default: out.unicodeScalars.append(scalar)
      }
    }
    return out
  }

  private static func hex(_ value: UInt32, width: Int) -> String {
    let digits = String(value, radix: 16, uppercase: true)
    return String(repeating: "0", count: max(0, width - digits.count)) + digits
  }
}
