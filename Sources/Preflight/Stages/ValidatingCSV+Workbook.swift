import Foundation
import XLSXKit

extension ValidatingCSV {
  /// validating_csv over an Excel catalogue: the sheet's rows go through the same record checks
  /// as a CSV's records; encoding and delimiter checks do not apply. Once every stage has run,
  /// `placeInSheet` adds the sheet and cell to the findings about the catalogue's rows.
  func runWorkbook(summary: inout CatalogSummary, into collector: inout FindingCollector) {
    do {
      let records = try XLSXRecords(path: path, sheet: sheet)
      // The SKU table is sized from the file; a workbook compresses about 8:1 and a row takes ~100 bytes.
      let checker = RecordChecker(
        file: file, choice: choice, expectedRows: max(1024, summary.bytes / 12), collectImages: collectImages)
      checker.readsSheet = true
      try records.forEachRecord { record in
        checker.process(&record, into: &collector)
        return true
      }
      checker.finish(into: &collector)
      summary.take(checker)
      summary.sheet = records.sheet
    } catch let error as XLSXError {
      collector.add(InputUnreadableCheck.finding(file: file, reason: error.message))
      summary.unreadable = true
    } catch {
      collector.add(InputUnreadableCheck.finding(file: file, reason: "\(error)"))
      summary.unreadable = true
    }
  }
}

extension FindingCollector {
  /// Names the sheet on every kept finding about a row of an Excel catalogue, and the cell (`E12`)
  /// when it names a column: those of validating_csv and those of checking_images that a row's
  /// image reference led to.
  mutating func placeInSheet(_ sheet: String, catalog file: String) {
    updateLocations(of: file) { location in
      guard let line = location.line else { return }
      location.sheet = sheet
      if let column = location.column { location.cell = XLSXCellReference.name(column: column - 1, row: line) }
    }
  }
}
