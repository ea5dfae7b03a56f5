import Foundation
import PIMClient
import Preflight

/// How an import is shown: one line per status as it is reached, the final result with the row
/// counts, and the same facts as JSON.
enum ImportDisplay {
  static let statusWidth = (ImportStage.running + ImportStage.terminal).map(\.status.count).max() ?? 0

  /// `  validating_csv     checking the CSV`; nothing for a finished import (its result says it).
  static func stageLine(_ record: ImportRecord) -> String {
    guard !record.isFinished else { return "" }
    let meaning = ImportStage.meaning(of: record.status) ?? "(a status this tool does not know: still running)"
    return "  \(record.status.padded(statusWidth))  \(meaning)\n"
  }

  /// The result of a finished import: its status with the server's message, then the rows.
  static func resultLines(_ record: ImportRecord) -> String {
    var out = "\(record.status): \(record.statusMessage ?? ImportStage.meaning(of: record.status) ?? "")\n"
    if let imported = record.importedRows, let total = record.totalRows {
      out += "rows imported: \(imported) of \(total)\n"
    } else if let text = record.resultText {
      out += "result: \(text)\n"
    }
    return out
  }

  /// `status` without --wait: what the import is doing now.
  static func summary(_ record: ImportRecord) -> String {
    let name = record.originalName.map { " (\($0))" } ?? ""
    var out = "import \(record.id)\(name): "
    if record.isFinished {
      out += resultLines(record)
    } else {
      out += "\(record.status) — \(ImportStage.meaning(of: record.status) ?? "a status this tool does not know: still running")\n"
    }
    let zone = record.timezone.map { " \($0)" } ?? ""
    var times: [String] = []
    if let created = record.createdAt { times.append("created \(created)\(zone)") }
    if let updated = record.updatedAt { times.append("updated \(updated)\(zone)") }
    if !times.isEmpty { out += times.joined(separator: ", ") + "\n" }
    return out
  }

  /// The import's fields, normalised: id as text, counts as numbers, timestamps as given.
  static func json(_ record: ImportRecord, seen: [String]) -> JSONValue {
    var result = JSONValue.null
    if record.totalRows != nil || record.importedRows != nil {
      result = .object(["totalRows": .optional(record.totalRows), "importedRows": .optional(record.importedRows)])
    }
    return .object([
      "id": .string(record.id), "status": .string(record.status), "statusMessage": .optional(record.statusMessage),
      "result": result, "resultText": .optional(record.resultText), "originalName": .optional(record.originalName),
      "createdAt": .optional(record.createdAt), "updatedAt": .optional(record.updatedAt),
      "timezone": .optional(record.timezone), "finished": .bool(record.isFinished),
      "statusesSeen": .array(seen.map(JSONValue.string)),
    ])
  }

  /// 0 for success (and for warning unless strict), 1 for failure; 0 while still running.
  static func exitCode(_ record: ImportRecord, strict: Bool) -> ExitCode {
    switch record.status {
    case "failure": .problemsFound
    case "warning": strict ? .problemsFound : .success
    default: .success
    }
  }
}
