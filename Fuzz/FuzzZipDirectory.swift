// libFuzzer entry point for ZipKit's own central-directory walker (fuzz-zip-directory).
// Built by `make fuzz`, never by `swift build` (see the Makefile).
import ZipKit

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let bytes = Array(UnsafeBufferPointer(start: data, count: size))
  let records: [CentralDirectory.Record]
  do throws(ZipError) {
    records = try CentralDirectory.read(bytes: bytes)
  } catch {
    if error.message.isEmpty { fatalError("ZipError(\(error.kind)) with an empty message") }
    return 0
  }
  if records.count > CentralDirectory.maxEntries { fatalError("\(records.count) records, over the cap") }

  // Each entry's extent as ZipArchive sees it: local header (30 bytes + name) plus the compressed data.
  let fileSize = UInt64(bytes.count)
  let ranges: [Range<UInt64>?] = records.map { record in
    let header = UInt64(30 + record.rawName.count)
    let start = record.localHeaderOffset
    let (dataStart, o1) = start.addingReportingOverflow(header)
    let (end, o2) = dataStart.addingReportingOverflow(record.compressedSize)
    return o1 || o2 ? nil : start..<end
  }
  for (a, b) in CentralDirectory.overlaps(ranges, fileSize: fileSize) {
    guard a <= b, ranges.indices.contains(a), ranges.indices.contains(b), ranges[a] != nil, ranges[b] != nil else {
      fatalError("overlaps returned a bad pair (\(a), \(b)) for \(ranges.count) ranges")
    }
  }
  return 0
}
