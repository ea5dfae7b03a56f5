import Foundation
import XLSXKit

extension ValidatingCSV {
  /// validating_csv over an Excel catalogue: the sheet's rows go through the same record checks
  /// as a CSV's records; encoding and delimiter checks do not apply. Findings about the
  /// catalogue then name the sheet, and the cell when they name a column.
  func runWorkbook(summary: inout CatalogSummary, into collector: inout FindingCollector) {
    do {
      let records = try XLSXRecords(path: path, sheet: sheet)
      // The SKU table is sized from the file; a workbook compresses about 8:1 and a row takes ~100 bytes.
      let checker = RecordChecker(
        file: file, choice: choice, expectedRows: max(1024, summary.bytes / 12), collectImages: collectImages)
      try records.forEachRecord { record in
        checker.process(&record, into: &collector)
        return true
      }
      checker.finish(into: &collector)
      summary.take(checker)
      summary.sheet = records.sheet
      let sheet = records.sheet
      collector.updateLocations(of: file) { location in
        guard location.line != nil else { return }
        location.sheet = sheet
        if let column = location.column, let line = location.line {
          location.cell = XLSXCellReference.name(column: column - 1, row: line)
        }
      }
    } catch let error as XLSXError {
      collector.add(InputUnreadableCheck.finding(file: file, reason: error.message))
      summary.unreadable = true
    } catch {
      collector.add(InputUnreadableCheck.finding(file: file, reason: "\(error)"))
      summary.unreadable = true
    }
  }
}
