/// `--format json`: the report exactly as diagnostics.md specifies it.
public enum JSONReporter {
  public static func render(_ report: Report) -> String {
    value(of: report).serialized()
  }

  /// The report as a JSON value (`check` without a catalogue lists several in one array).
  public static func value(of report: Report) -> JSONValue {
    .object([
      "reportVersion": .int(1),
      "tool": .object(["name": .string(report.tool.name), "version": .string(report.tool.version)]),
      "productType": .object([
        "code": .optional(report.productType.code), "inferred": .bool(report.productType.inferred),
        "schema": .optional(report.productType.schema),
      ]),
      "inputs": .object(["catalog": .string(report.inputs.catalog), "images": .optional(report.inputs.images)]),
      "stages": .array(report.stages.map(stage)),
      "prediction": .object([
        "outcome": .string(report.prediction.outcome.rawValue),
        "failedStage": .optional(report.prediction.failedStage?.rawValue),
        "complete": .bool(report.prediction.complete), "rowsTotal": .int(report.prediction.rowsTotal),
        "rowsSkipped": .int(report.prediction.rowsSkipped),
      ]),
      "diagnostics": .array(report.diagnostics.map(diagnostic)),
      "summary": .object([
        "errors": .int(report.summary.errors), "warnings": .int(report.summary.warnings),
        "notices": .int(report.summary.notices), "truncated": .bool(report.summary.truncated),
      ]),
    ])
  }

  private static func stage(_ stage: StageResult) -> JSONValue {
    .object([
      "name": .string(stage.stage.rawValue), "status": .string(stage.status.rawValue), "errors": .int(stage.errors),
      "warnings": .int(stage.warnings), "notices": .int(stage.notices),
      "stats": .object(stage.stats.mapValues(JSONValue.int)),
    ])
  }

  private static func diagnostic(_ diagnostic: Diagnostic) -> JSONValue {
    let location = diagnostic.location
    return .object([
      "code": .string(diagnostic.code.id), "severity": .string(diagnostic.severity.rawValue),
      "effect": .string(diagnostic.effect.rawValue), "stage": .string(diagnostic.stage.rawValue),
      "message": .string(diagnostic.message), "hint": .optional(diagnostic.hint), "file": .optional(location.file),
      "line": .optional(location.line), "row": .optional(location.row), "column": .optional(location.column),
      "field": .optional(location.field), "value": .optional(diagnostic.value), "entry": .optional(location.entry),
      "sheet": .optional(location.sheet), "cell": .optional(location.cell),
    ])
  }
}
