/// `--format html`: one self-contained page for a catalogue manager.
///
/// The predicted server answer comes first in plain words, then one card per stage, a filter bar
/// (severity checkboxes, a code select) and every problem with its row, line, field, value, entry,
/// message and fix; a code's explanation shows on hover and in the list of codes at the end.
/// Inline CSS and JS only: a Content-Security-Policy allows nothing else (no network, no fonts),
/// and script and style are allowed by their SHA-256, so text from a catalogue can never run.
/// Without JavaScript everything is visible; the filter bar appears only when the script runs
/// (it then sets `document.body.dataset.ready = "1"`). No timestamps: the same report gives the
/// same bytes.
public enum HTMLReporter {
  public static func render(_ report: Report) -> String {
    let csp = "default-src 'none'; style-src 'sha256-\(SHA256.base64(style.utf8))'; "
      + "script-src 'sha256-\(SHA256.base64(script.utf8))'; img-src data:; base-uri 'none'; form-action 'none'"
    var out = """
      <!DOCTYPE html>
      <html lang="en">
      <head>
      <meta charset="utf-8">
      <meta name="viewport" content="width=device-width, initial-scale=1">
      <meta http-equiv="Content-Security-Policy" content="\(csp)">
      <title>\(escape(fileName(report.inputs.catalog))) — \(escape(verdict(report)))</title>
      <style>\(style)</style>
      </head>
      <body>
      <div class="page">

      """
    out += header(report)
    out += outcome(report)
    out += stages(report)
    out += problems(report, catalog: report.inputs.catalog)
    out += glossary(report)
    out += "<footer>Made by \(escape(report.tool.name)) \(escape(report.tool.version)). This page is self-contained: it loads nothing from the network.</footer>\n"
    out += "</div>\n<script>\(script)</script>\n</body>\n</html>\n"
    return out
  }

  // MARK: - Sections

  private static func header(_ report: Report) -> String {
    var type = report.productType.code.map { escape($0) } ?? "unknown"
    if let schema = report.productType.schema { type += " <span class=\"muted\">(\(escape(schema)))</span>" }
    if report.productType.inferred { type += " <span class=\"muted\">— inferred from the header</span>" }
    var out = "<header class=\"top\">\n<p class=\"tool\">\(escape(report.tool.name)) \(escape(report.tool.version)) · pre-import check</p>\n"
    out += "<h1>\(escape(fileName(report.inputs.catalog)))</h1>\n<dl class=\"inputs\">\n"
    out += "<dt>Catalogue</dt><dd>\(escape(report.inputs.catalog))</dd>\n"
    out += "<dt>Images</dt><dd>\(report.inputs.images.map(escape) ?? "<span class=\"muted\">not given</span>")</dd>\n"
    out += "<dt>Product type</dt><dd>\(type)</dd>\n"
    if let note = report.productType.inferenceNote { out += "<dt>Type inference</dt><dd>\(escape(note))</dd>\n" }
    out += "</dl>\n</header>\n"
    return out
  }

  private static func verdict(_ report: Report) -> String {
    let prediction = report.prediction
    if report.toolFailure { return "The check could not read its input" }
    switch prediction.outcome {
    case .failure: return "The server would stop at \(prediction.failedStage?.rawValue ?? "an unknown stage")"
    case .warning where prediction.rowsSkipped >= prediction.rowsTotal:
      return "The server would skip all \(TextReporter.count(prediction.rowsTotal, "row"))"
    case .warning: return "The server would skip \(TextReporter.count(prediction.rowsSkipped, "row"))"
    case .success: return "The server would import all \(TextReporter.count(prediction.rowsTotal, "row"))"
    }
  }

  private static func outcome(_ report: Report) -> String {
    let prediction = report.prediction
    let summary = report.summary
    var detail: String
    if report.toolFailure {
      detail = "wizart-preflight could not read the catalogue or the images; the errors below say why."
    } else {
      switch prediction.outcome {
      case .failure:
        detail = "The import would not finish. Fix the \(TextReporter.count(summary.errors, "error")) below and check again."
      case .warning where prediction.rowsSkipped >= prediction.rowsTotal:
        detail = "Nothing would be imported: every row has a problem that makes the server skip it."
      case .warning:
        let imported = prediction.rowsTotal - prediction.rowsSkipped
        detail = "\(TextReporter.count(imported)) of \(TextReporter.count(prediction.rowsTotal, "row")) would be imported; the problems that skip rows are listed below."
      case .success:
        detail = summary.warnings + summary.notices == 0
          ? "No problems found."
          : summary.warnings == 0
            ? "Nothing stops the import. The notices below are for information."
            : "Nothing stops the import, but the warnings below are worth fixing."
      }
    }
    let tone = report.toolFailure ? "failure" : prediction.outcome.rawValue
    var out = "<section class=\"outcome \(tone)\" aria-label=\"Predicted server answer\">\n"
    out += "<p class=\"label\">Predicted server answer</p>\n<p class=\"verdict\">\(escape(verdict(report)))</p>\n"
    out += "<p class=\"detail\">\(escape(detail))</p>\n<ul class=\"totals\">"
    out += "<li class=\"error\"><b>\(TextReporter.count(summary.errors))</b> \(summary.errors == 1 ? "error" : "errors")</li>"
    out += "<li class=\"warning\"><b>\(TextReporter.count(summary.warnings))</b> \(summary.warnings == 1 ? "warning" : "warnings")</li>"
    out += "<li class=\"notice\"><b>\(TextReporter.count(summary.notices))</b> \(summary.notices == 1 ? "notice" : "notices")</li></ul>\n"
    if let skipped = ReportWording.notChecked(report) {
      out += "<p class=\"incomplete\">Not checked: \(escape(skipped)). The prediction covers only the stages that ran.</p>\n"
    }
    if report.ignoredCount > 0 {
      out += "<p class=\"incomplete\">\(TextReporter.count(report.ignoredCount, "finding")) hidden by --ignore (still counted in the prediction).</p>\n"
    }
    out += "</section>\n"
    return out
  }

  private static let stageTitles: [Stage: String] = [
    .validatingCSV: "The catalogue file", .unpackingArchive: "The image archive", .checkingImages: "The images",
  ]

  private static func stages(_ report: Report) -> String {
    var out = "<section class=\"stages\" aria-label=\"Stages\">\n"
    for (index, stage) in report.stages.enumerated() {
      out += "<div class=\"stage \(stage.status.rawValue)\">\n"
      out += "<p class=\"step\">Step \(index + 1) · <code>\(stage.stage.rawValue)</code></p>\n"
      out += "<h2>\(escape(stageTitles[stage.stage] ?? stage.stage.rawValue))</h2>\n"
      out += "<p class=\"status\">\(stage.status.rawValue)</p>\n"
      if stage.status == .skipped {
        out += "<p class=\"muted\">Not run: \(escape(stage.skipReason ?? "no reason given")).</p>\n"
      } else {
        out += "<p>\(TextReporter.count(stage.errors, "error")) · \(TextReporter.count(stage.warnings, "warning")) · \(TextReporter.count(stage.notices, "notice"))</p>\n"
        let stats = statsText(stage.stats)
        if !stats.isEmpty { out += "<p class=\"muted\">\(escape(stats))</p>\n" }
      }
      out += "</div>\n"
    }
    return out + "</section>\n"
  }

  private static let statLabels: [(key: String, label: String)] = [
    ("rows", "row"), ("columns", "column"), ("entries", "entry"), ("images", "image"), ("references", "reference"),
    ("imagesChecked", "image read"), ("bytes", "byte"),
  ]

  private static func statsText(_ stats: [String: Int]) -> String {
    var parts: [String] = []
    for (key, label) in statLabels {
      guard let value = stats[key] else { continue }
      var text = TextReporter.count(value, label)
      text = text.replacingOccurrences(of: "entrys", with: "entries").replacingOccurrences(of: "image reads", with: "images read")
      parts.append(text)
    }
    let known = Set(statLabels.map(\.key))
    for key in stats.keys.sorted() where !known.contains(key) { parts.append("\(key): \(TextReporter.count(stats[key]!))") }
    return parts.joined(separator: " · ")
  }

  private static func problems(_ report: Report, catalog: String) -> String {
    guard !report.diagnostics.isEmpty || !report.omittedByCode.isEmpty else {
      return "<main>\n<p class=\"clean\">No problems found.</p>\n</main>\n"
    }
    var out = "<main>\n"
    // The filter bar: hidden without JavaScript, where it could not work.
    var counts: [String: Int] = [:]
    var severities: [Severity: Int] = [:]
    for diagnostic in report.diagnostics {
      counts[diagnostic.code.id, default: 0] += 1
      severities[diagnostic.severity, default: 0] += 1
    }
    out += "<form class=\"filters\" id=\"filters\" hidden>\n<span class=\"filter-label\">Show</span>\n"
    for severity in [Severity.error, .warning, .notice] {
      let count = severities[severity] ?? 0
      out += "<label class=\"chip \(severity.rawValue)\"><input type=\"checkbox\" name=\"severity\" value=\"\(severity.rawValue)\" checked> \(severity.rawValue)s (\(TextReporter.count(count)))</label>\n"
    }
    out += "<label class=\"code-filter\">Code <select id=\"filter-code\"><option value=\"\">all codes</option>"
    for code in DiagnosticCode.all where counts[code.id] != nil {
      out += "<option value=\"\(escape(code.id))\">\(escape(code.id)) (\(TextReporter.count(counts[code.id]!)))</option>"
    }
    out += "</select></label>\n<span class=\"filter-count\" id=\"filter-count\" aria-live=\"polite\"></span>\n</form>\n"
    out += "<p class=\"filter-none\" id=\"filter-none\" hidden>No problems match the filter.</p>\n"

    for stage in Stage.allCases {
      let diagnostics = report.diagnostics.filter { $0.stage == stage }
      let omitted = report.omittedByCode.filter { DiagnosticCode.named($0.key)?.stage == stage }.sorted { $0.key < $1.key }
      guard !diagnostics.isEmpty || !omitted.isEmpty else { continue }
      out += "<section class=\"stage-problems\" id=\"problems-\(stage.rawValue)\">\n"
      out += "<h2>\(escape(stageTitles[stage] ?? stage.rawValue)) <code>\(stage.rawValue)</code> <span class=\"muted\">\(TextReporter.count(diagnostics.count, "problem"))</span></h2>\n"
      out += "<ol class=\"problems\">\n"
      for diagnostic in diagnostics { out += problem(diagnostic, catalog: catalog) }
      out += "</ol>\n"
      for (code, count) in omitted {
        out += "<p class=\"muted\">… and \(TextReporter.count(count)) more <code>\(escape(code))</code> not shown (raise --max-diagnostics, 0 = all).</p>\n"
      }
      out += "</section>\n"
    }
    return out + "</main>\n"
  }

  private static let effectLabels: [Effect: String] = [
    .stopsImport: "stops the import", .skipsRow: "skips the row", .quality: "quality", .info: "for information",
  ]

  /// One problem; the file is named only when it is not the catalogue (the header names that).
  private static func problem(_ diagnostic: Diagnostic, catalog: String) -> String {
    let location = diagnostic.location
    let code = diagnostic.code
    var out = "<li class=\"problem \(diagnostic.severity.rawValue)\" data-severity=\"\(diagnostic.severity.rawValue)\" data-code=\"\(escape(code.id))\">\n"
    out += "<div class=\"head\"><span class=\"badge \(diagnostic.severity.rawValue)\">\(diagnostic.severity.rawValue)</span>"
    out += "<a class=\"code\" href=\"#code-\(escape(code.id))\" title=\"\(escape(code.explanation))\">\(escape(code.id))</a>"
    out += "<span class=\"effect\">\(escape(effectLabels[code.effect] ?? code.effect.rawValue))</span></div>\n"
    out += "<p class=\"message\">\(escape(diagnostic.message))</p>\n"
    var facts: [(String, String)] = []
    if let row = location.row { facts.append(("Row", TextReporter.count(row))) }
    if let line = location.line { facts.append((location.entry == nil ? "Line" : "Catalogue line", TextReporter.count(line))) }
    if let field = location.field {
      facts.append(("Field", escape(field) + (location.column.map { " <span class=\"muted\">(column \($0))</span>" } ?? "")))
    } else if let column = location.column {
      facts.append(("Column", String(column)))
    }
    if let value = diagnostic.value {
      facts.append(("Value", value.isEmpty ? "<span class=\"muted\">(empty)</span>" : "<code class=\"value\">\(escape(Shown.text(value, limit: 200)))</code>"))
    }
    if let entry = location.entry { facts.append(("Entry", "<code>\(escape(entry))</code>")) }
    if let sheet = location.sheet { facts.append(("Sheet", escape(sheet))) }
    if let cell = location.cell { facts.append(("Cell", escape(cell))) }
    if let file = location.file, file != catalog { facts.append(("File", escape(file))) }
    out += "<dl class=\"facts\">"
    for (name, value) in facts { out += "<div><dt>\(name)</dt><dd>\(value)</dd></div>" }
    out += "</dl>\n"
    if let hint = diagnostic.hint { out += "<p class=\"fix\"><b>Fix:</b> \(escape(hint))</p>\n" }
    out += "</li>\n"
    return out
  }

  /// Every code in the report, with what it means, its effect and the fix: where a problem's code
  /// links to.
  private static func glossary(_ report: Report) -> String {
    let used = Set(report.diagnostics.map(\.code.id)).union(report.omittedByCode.keys)
    let codes = DiagnosticCode.all.filter { used.contains($0.id) }
    guard !codes.isEmpty else { return "" }
    var out = "<section class=\"glossary\">\n<h2>What the codes mean</h2>\n"
    for code in codes {
      out += "<details id=\"code-\(escape(code.id))\" open><summary><code>\(escape(code.id))</code> — \(escape(code.summary))</summary>\n"
      out += "<p>\(escape(code.explanation))</p>\n<p><b>Effect:</b> \(escape(effectLabels[code.effect] ?? code.effect.rawValue)) (\(code.severity.rawValue), stage <code>\(code.stage.rawValue)</code>).</p>\n"
      out += "<p><b>Fix:</b> \(escape(code.fix))</p>\n"
      if let example = code.example {
        out += "<p><b>Example:</b> <code class=\"value\">\(escape(example.bad))</code> → <code class=\"value\">\(escape(example.good))</code></p>\n"
      }
      out += "</details>\n"
    }
    return out + "</section>\n"
  }

  // MARK: - Text

  private static func fileName(_ path: String) -> String {
    path.split(separator: "/").last.map(String.init) ?? path
  }

  /// HTML text and attribute values: `& < > " '` as entities; control characters from the file
  /// shown as `\xNN` (a browser would drop or replace them).
  static func escape(_ value: String) -> String {
    var out = ""
    out.reserveCapacity(value.utf8.count)
    for scalar in TextReporter.printable(value).unicodeScalars {
      switch scalar {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      case "'": out += "&#39;"
      default: out.unicodeScalars.append(scalar)
      }
    }
    return out
  }

  // MARK: - Style and script (hashed into the Content-Security-Policy)

  static let style = """

    :root{--ink:#1f2328;--muted:#59636e;--line:#d1d9e0;--bg:#f6f8fa;--card:#fff;--err:#c62828;--err-bg:#fdecea;--warn:#9a6700;--warn-bg:#fff5d6;--note:#0969da;--note-bg:#e7f0fd;--ok:#1a7f37;--ok-bg:#e6f4ea}
    *{box-sizing:border-box}
    [hidden]{display:none!important}
    body{margin:0;background:var(--bg);color:var(--ink);font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
    .page{max-width:1100px;margin:0 auto;padding:0 24px}
    code{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,"Liberation Mono",monospace;font-size:.9em}
    .muted{color:var(--muted)}
    .top{padding-top:24px}
    .tool{margin:0;color:var(--muted);font-size:13px;text-transform:uppercase;letter-spacing:.06em}
    h1{margin:4px 0 8px;font-size:26px;word-break:break-all}
    .inputs{display:grid;grid-template-columns:max-content 1fr;gap:2px 16px;margin:0 0 20px;font-size:14px}
    .inputs dt{color:var(--muted)}.inputs dd{margin:0;word-break:break-all}
    .outcome{border-radius:10px;padding:20px 24px;margin-bottom:20px;border:1px solid var(--line);border-left:8px solid;background:var(--card)}
    .outcome.success{border-left-color:var(--ok);background:var(--ok-bg)}
    .outcome.warning{border-left-color:var(--warn);background:var(--warn-bg)}
    .outcome.failure{border-left-color:var(--err);background:var(--err-bg)}
    .outcome .label{margin:0;font-size:13px;text-transform:uppercase;letter-spacing:.06em;color:var(--muted)}
    .verdict{margin:4px 0;font-size:32px;font-weight:700;line-height:1.2}
    .outcome.success .verdict{color:var(--ok)}.outcome.warning .verdict{color:var(--warn)}.outcome.failure .verdict{color:var(--err)}
    .detail{margin:4px 0 12px;font-size:17px}
    .totals{list-style:none;display:flex;gap:20px;padding:0;margin:0;font-size:15px}
    .totals b{font-size:20px}
    .incomplete{margin:12px 0 0;font-weight:600}
    .stages{display:grid;grid-template-columns:repeat(auto-fit,minmax(240px,1fr));gap:12px;margin-bottom:24px}
    .stage{background:var(--card);border:1px solid var(--line);border-top:4px solid var(--line);border-radius:8px;padding:12px 16px}
    .stage.passed{border-top-color:var(--ok)}.stage.failed{border-top-color:var(--err)}
    .stage p{margin:2px 0}.stage h2{margin:2px 0;font-size:18px}
    .step{font-size:13px;color:var(--muted)}
    .status{font-weight:700;text-transform:uppercase;font-size:13px;letter-spacing:.05em}
    .stage.passed .status{color:var(--ok)}.stage.failed .status{color:var(--err)}.stage.skipped .status{color:var(--muted)}
    .filters{position:sticky;top:0;z-index:1;display:flex;flex-wrap:wrap;align-items:center;gap:10px;background:var(--bg);padding-top:10px;padding-bottom:10px;border-bottom:1px solid var(--line);margin-bottom:12px}
    .filter-label{font-weight:600}
    .chip{display:inline-flex;align-items:center;gap:6px;border:1px solid var(--line);border-radius:999px;padding:3px 12px;background:var(--card);cursor:pointer}
    .chip.error{border-color:var(--err)}.chip.warning{border-color:var(--warn)}.chip.notice{border-color:var(--note)}
    select{font:inherit;padding:2px 6px}
    .filter-count{color:var(--muted);margin-left:auto}
    .filter-none,.clean{font-size:17px;padding:16px 0}
    .stage-problems h2{font-size:20px;margin:20px 0 8px}
    .stage-problems h2 code{font-size:14px;color:var(--muted);font-weight:400}
    .problems{list-style:none;padding:0;margin:0;display:grid;gap:10px}
    .problem{background:var(--card);border:1px solid var(--line);border-left:5px solid;border-radius:8px;padding:12px 16px}
    .problem.error{border-left-color:var(--err)}.problem.warning{border-left-color:var(--warn)}.problem.notice{border-left-color:var(--note)}
    .head{display:flex;flex-wrap:wrap;align-items:center;gap:10px}
    .badge{font-size:12px;font-weight:700;text-transform:uppercase;letter-spacing:.05em;border-radius:4px;padding:1px 8px}
    .badge.error{background:var(--err-bg);color:var(--err)}.badge.warning{background:var(--warn-bg);color:var(--warn)}.badge.notice{background:var(--note-bg);color:var(--note)}
    .code{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,"Liberation Mono",monospace;font-size:14px;color:var(--ink);text-decoration:underline dotted;cursor:help}
    .effect{color:var(--muted);font-size:13px}
    .message{margin:6px 0;font-size:16px;overflow-wrap:anywhere}
    .facts{display:flex;flex-wrap:wrap;gap:4px 20px;margin:6px 0;font-size:14px}
    .facts div{display:flex;gap:6px;min-width:0}.facts dt{color:var(--muted)}.facts dd{margin:0;overflow-wrap:anywhere}
    code.value{background:var(--bg);border:1px solid var(--line);border-radius:4px;padding:0 4px;white-space:pre-wrap}
    .fix{margin:6px 0 0;padding:6px 10px;background:var(--ok-bg);border-radius:6px;font-size:14px}
    .glossary{margin-top:28px}.glossary h2{font-size:20px}
    .glossary details{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:8px 16px;margin-bottom:8px}
    .glossary summary{cursor:pointer;font-weight:600}.glossary p{margin:6px 0;font-size:14px}
    footer{color:var(--muted);font-size:13px;padding-top:24px;padding-bottom:32px}
    @media print{.filters{display:none!important}body{background:#fff}}

    """

  static let script = """

    (function () {
      "use strict";
      var form = document.getElementById("filters");
      if (form) {
        var boxes = form.querySelectorAll("input[name=severity]");
        var select = document.getElementById("filter-code");
        var items = document.querySelectorAll(".problem");
        var sections = document.querySelectorAll(".stage-problems");
        var count = document.getElementById("filter-count");
        var none = document.getElementById("filter-none");
        var apply = function () {
          var wanted = {};
          for (var i = 0; i < boxes.length; i++) { wanted[boxes[i].value] = boxes[i].checked; }
          var code = select.value;
          var shown = 0;
          for (var j = 0; j < items.length; j++) {
            var item = items[j];
            var visible = wanted[item.getAttribute("data-severity")] === true &&
              (code === "" || item.getAttribute("data-code") === code);
            item.hidden = !visible;
            if (visible) { shown++; }
          }
          for (var k = 0; k < sections.length; k++) {
            sections[k].hidden = sections[k].querySelector(".problem:not([hidden])") === null;
          }
          count.textContent = "Showing " + shown.toLocaleString("en-US") + " of " +
            items.length.toLocaleString("en-US") + (items.length === 1 ? " problem" : " problems");
          none.hidden = shown !== 0;
        };
        form.addEventListener("change", apply);
        form.addEventListener("submit", function (event) { event.preventDefault(); });
        form.hidden = false;
        apply();
      }
      document.body.dataset.ready = "1";
    })();

    """
}
