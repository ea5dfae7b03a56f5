import Foundation

/// `--format sarif`: SARIF 2.1.0 for code-scanning tools (GitHub code scanning, IDE viewers).
///
/// - One run; `tool.driver.rules` holds the codes the report uses, in `DiagnosticCode.all` order,
///   with summary, explanation and fix; each result points at its rule by id and index.
/// - Artifact URIs are relative, percent-encoded references with forward slashes; a file outside
///   the working directory becomes a `file://` URI.
/// - `region.startLine` only where the line is in that artifact. Our `column` is a field index,
///   not a character column, so it goes into `properties` with row, field, value and entry.
/// - An archive entry is named in the message ("in images.zip: images/rose.jpg — …"); the archive
///   is the artifact, and the catalogue line that referenced the image is a related location.
/// - `partialFingerprints["wizartPreflight/v1"]`: SHA-256 of code, URI, row, field, entry and value
///   (a repeat of the same key gets its occurrence number), the same on every run and machine.
public enum SARIFReporter {
  public static let schemaURI = "https://json.schemastore.org/sarif-2.1.0.json"
  static let fingerprintKey = "wizartPreflight/v1"

  public static func render(
    _ report: Report, currentDirectory: String = FileManager.default.currentDirectoryPath
  ) -> String {
    value(of: report, currentDirectory: currentDirectory).serialized()
  }

  static func value(of report: Report, currentDirectory: String) -> JSONValue {
    let used = Set(report.diagnostics.map(\.code.id))
    let rules = DiagnosticCode.all.filter { used.contains($0.id) }
    let ruleIndex = Dictionary(uniqueKeysWithValues: rules.enumerated().map { ($0.element.id, $0.offset) })
    var seen: [String: Int] = [:]
    let results = report.diagnostics.map { diagnostic in
      result(diagnostic, report: report, ruleIndex: ruleIndex[diagnostic.code.id] ?? 0,
             currentDirectory: currentDirectory, seen: &seen)
    }
    var invocation: [String: JSONValue] = ["executionSuccessful": .bool(!report.toolFailure)]
    let notifications = report.omittedByCode.sorted { $0.key < $1.key }.map { code, omitted -> JSONValue in
      .object([
        "level": .string("note"),
        "message": .object(["text": .string("\(TextReporter.count(omitted)) more [\(code)] not shown (raise --max-diagnostics, 0 = all)")]),
        "associatedRule": .object(["id": .string(code)]),
      ])
    }
    if !notifications.isEmpty { invocation["toolExecutionNotifications"] = .array(notifications) }

    return .object([
      "$schema": .string(schemaURI),
      "version": .string("2.1.0"),
      "runs": .array([
        .object([
          "tool": .object([
            "driver": .object([
              "name": .string(report.tool.name), "version": .string(report.tool.version),
              "semanticVersion": .string(report.tool.version), "rules": .array(rules.map(rule)),
            ])
          ]),
          "invocations": .array([.object(invocation)]),
          "results": .array(results),
          "properties": runProperties(report),
        ])
      ]),
    ])
  }

  private static func level(_ severity: Severity) -> String {
    switch severity {
    case .error: "error"
    case .warning: "warning"
    case .notice: "note"
    }
  }

  private static func rule(_ code: DiagnosticCode) -> JSONValue {
    .object([
      "id": .string(code.id),
      "shortDescription": .object(["text": .string(code.summary)]),
      "fullDescription": .object(["text": .string(code.explanation)]),
      "help": .object(["text": .string(code.fix)]),
      "defaultConfiguration": .object(["level": .string(level(code.severity))]),
      "properties": .object([
        "stage": .string(code.stage.rawValue), "effect": .string(code.effect.rawValue),
        "tags": .array([.string(code.stage.rawValue), .string(code.effect.rawValue)]),
      ]),
    ])
  }

  private static func result(
    _ diagnostic: Diagnostic, report: Report, ruleIndex: Int, currentDirectory: String, seen: inout [String: Int]
  ) -> JSONValue {
    let location = diagnostic.location
    var text = ReportWording.message(diagnostic)
    if let hint = diagnostic.hint { text += "\nFix: " + hint }
    var object: [String: JSONValue] = [
      "ruleId": .string(diagnostic.code.id), "ruleIndex": .int(ruleIndex),
      "level": .string(level(diagnostic.severity)), "message": .object(["text": .string(text)]),
    ]
    let file = location.file ?? report.inputs.catalog
    let uri = ReportPaths.uri(file, currentDirectory: currentDirectory)
    var physical: [String: JSONValue] = ["artifactLocation": .object(["uri": .string(uri)])]
    if let line = location.line, line >= 1 {
      if location.entry == nil {
        physical["region"] = .object(["startLine": .int(line)])
      } else {
        // The line is the catalogue's: the row that referenced this archive entry.
        let catalogURI = ReportPaths.uri(report.inputs.catalog, currentDirectory: currentDirectory)
        object["relatedLocations"] = .array([
          .object([
            "id": .int(1),
            "message": .object(["text": .string(location.row.map { "catalogue row \($0)" } ?? "catalogue line \(line)")]),
            "physicalLocation": .object([
              "artifactLocation": .object(["uri": .string(catalogURI)]), "region": .object(["startLine": .int(line)]),
            ]),
          ])
        ])
      }
    }
    object["locations"] = .array([.object(["physicalLocation": .object(physical)])])

    var properties: [String: JSONValue] = [:]
    if let row = location.row { properties["row"] = .int(row) }
    if let column = location.column { properties["column"] = .int(column) }
    if let field = location.field { properties["field"] = .string(field) }
    if let value = diagnostic.value { properties["value"] = .string(value) }
    if let entry = location.entry { properties["entry"] = .string(entry) }
    if let sheet = location.sheet { properties["sheet"] = .string(sheet) }
    if let cell = location.cell { properties["cell"] = .string(cell) }
    if !properties.isEmpty { object["properties"] = .object(properties) }

    var key = fingerprintInput([diagnostic.code.id, uri, location.row.map(String.init), location.field, location.entry, diagnostic.value])
    let occurrence = (seen[key] ?? 0) + 1
    seen[key] = occurrence
    if occurrence > 1 { key += "#\(occurrence)" }
    object["partialFingerprints"] = .object([fingerprintKey: .string(String(SHA256.hex(key.utf8).prefix(32)))])
    return .object(object)
  }

  /// Unambiguous: each part as "-" (absent) or "<byte count>:<text>".
  private static func fingerprintInput(_ parts: [String?]) -> String {
    parts.map { part in part.map { "\($0.utf8.count):\($0)" } ?? "-" }.joined(separator: "|")
  }

  private static func runProperties(_ report: Report) -> JSONValue {
    let prediction = report.prediction
    var properties: [String: JSONValue] = [
      "prediction": .object([
        "outcome": .string(prediction.outcome.rawValue), "failedStage": .optional(prediction.failedStage?.rawValue),
        "complete": .bool(prediction.complete), "rowsTotal": .int(prediction.rowsTotal),
        "rowsSkipped": .int(prediction.rowsSkipped), "text": .string(ReportWording.outcome(report)),
      ]),
      "stages": .array(
        report.stages.map { stage in
          .object([
            "name": .string(stage.stage.rawValue), "status": .string(stage.status.rawValue),
            "errors": .int(stage.errors), "warnings": .int(stage.warnings), "notices": .int(stage.notices),
            "stats": .object(stage.stats.mapValues(JSONValue.int)), "skipReason": .optional(stage.skipReason),
          ])
        }),
      "inputs": .object(["catalog": .string(report.inputs.catalog), "images": .optional(report.inputs.images)]),
      "productType": .object([
        "code": .optional(report.productType.code), "inferred": .bool(report.productType.inferred),
        "schema": .optional(report.productType.schema),
      ]),
      "summary": .object([
        "errors": .int(report.summary.errors), "warnings": .int(report.summary.warnings),
        "notices": .int(report.summary.notices), "truncated": .bool(report.summary.truncated),
      ]),
    ]
    if report.ignoredCount > 0 { properties["ignored"] = .int(report.ignoredCount) }
    return .object(properties)
  }
}
