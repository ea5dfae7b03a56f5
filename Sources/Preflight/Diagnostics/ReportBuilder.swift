/// Turns collected findings and stage outcomes into a `Report`: the one place where
/// severities, stage statuses and the predicted outcome are decided.
public struct ReportBuilder: Sendable {
  public var tool: Report.Tool
  public var productType: Report.ProductType
  public var inputs: Report.Inputs
  public var rowsTotal = 0
  public var toolFailure = false
  private var stageStats: [Stage: [String: Int]] = [:]
  private var skipped: [Stage: String] = [:]

  public init(tool: Report.Tool, productType: Report.ProductType, inputs: Report.Inputs) {
    self.tool = tool
    self.productType = productType
    self.inputs = inputs
  }

  public mutating func setStats(_ stats: [String: Int], for stage: Stage) { stageStats[stage] = stats }
  public mutating func skip(_ stage: Stage, because reason: String) { skipped[stage] = reason }

  public func build(from collector: FindingCollector) -> Report {
    var stages: [StageResult] = []
    for stage in Stage.allCases {
      let errors = collector.count(stage, .error)
      let status: StageResult.Status
      if skipped[stage] != nil {
        status = .skipped
      } else {
        status = collector.stoppingStages.contains(stage) || errors > 0 ? .failed : .passed
      }
      stages.append(
        StageResult(
          stage: stage, status: status, errors: errors, warnings: collector.count(stage, .warning),
          notices: collector.count(stage, .notice), stats: stageStats[stage] ?? [:],
          skipReason: skipped[stage]))
    }
    let failedStage = Stage.allCases.first { collector.stoppingStages.contains($0) }
    let outcome: Prediction.Outcome =
      failedStage != nil ? .failure : (collector.rowsSkipped > 0 ? .warning : .success)
    let prediction = Prediction(
      outcome: outcome, failedStage: failedStage, complete: skipped.isEmpty,
      rowsTotal: rowsTotal, rowsSkipped: collector.rowsSkipped)
    let diagnostics = collector.kept.map(Diagnostic.init).sorted(by: Diagnostic.reportOrder)
    let summary = Report.Summary(
      errors: Stage.allCases.reduce(0) { $0 + collector.count($1, .error) },
      warnings: Stage.allCases.reduce(0) { $0 + collector.count($1, .warning) },
      notices: Stage.allCases.reduce(0) { $0 + collector.count($1, .notice) },
      truncated: !collector.omittedByCode.isEmpty)
    return Report(
      tool: tool, productType: productType, inputs: inputs, stages: stages, prediction: prediction,
      diagnostics: diagnostics, summary: summary, omittedByCode: collector.omittedByCode,
      ignoredCount: collector.ignoredCount, toolFailure: toolFailure)
  }
}
