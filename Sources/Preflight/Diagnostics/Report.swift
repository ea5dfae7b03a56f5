/// A finished check: what every reporter renders. Built once by `ReportBuilder`.
public struct Report: Sendable {
  public struct Tool: Sendable { public var name: String; public var version: String }
  public struct ProductType: Sendable {
    public var code: String?
    public var inferred: Bool
    /// Path of the schema used: `schemas/<code>.json` for a shipped one, else as given.
    public var schema: String?
    /// How the inference decided, in words (text report only).
    public var inferenceNote: String?
  }
  public struct Inputs: Sendable { public var catalog: String; public var images: String? }
  public struct Summary: Sendable {
    public var errors: Int
    public var warnings: Int
    public var notices: Int
    /// True when `--max-diagnostics` left diagnostics out; the counts stay exact.
    public var truncated: Bool
  }

  public var tool: Tool
  public var productType: ProductType
  public var inputs: Inputs
  public var stages: [StageResult]
  public var prediction: Prediction
  /// Sorted in report order, possibly cut per code by `--max-diagnostics`.
  public var diagnostics: [Diagnostic]
  public var summary: Summary
  /// How many diagnostics each code had before the cut (only codes that were cut).
  public var omittedByCode: [String: Int]
  /// Findings dropped by `--ignore` (they still count in the prediction: the server has no --ignore).
  public var ignoredCount: Int
  /// The tool could not do its job (input missing or unreadable): exit 2.
  public var toolFailure: Bool
}

public struct StageResult: Sendable {
  public enum Status: String, Sendable { case passed, failed, skipped }
  public var stage: Stage
  public var status: Status
  public var errors: Int
  public var warnings: Int
  public var notices: Int
  public var stats: [String: Int]
  /// Why a skipped stage did not run, for the text report.
  public var skipReason: String?
}

public struct Prediction: Sendable {
  public enum Outcome: String, Sendable { case success, warning, failure }
  public var outcome: Outcome
  public var failedStage: Stage?
  /// False when a stage was skipped: the outcome covers only the stages that ran.
  public var complete: Bool
  public var rowsTotal: Int
  public var rowsSkipped: Int
}
