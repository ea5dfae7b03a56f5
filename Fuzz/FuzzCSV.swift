// libFuzzer entry point for the whole CSV check (fuzz-csv): the input is written to one temp file per
// process, checked against the built-in wallpaper schema, and rendered as JSON.
// Built by `make fuzz`, never by `swift build` (see the Makefile).
import Foundation
#if canImport(Glibc)
  import Glibc
#endif
import Preflight

let catalogPath = FileManager.default.temporaryDirectory
  .appendingPathComponent("wizart-fuzz-csv-\(ProcessInfo.processInfo.processIdentifier).csv").path
let wallpaper = try! SchemaCatalog.builtIn("wallpaper")!

@_cdecl("LLVMFuzzerInitialize")
public func initialize(_ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>) -> CInt {
  atexit { unlink(catalogPath) }
  return 0
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  // Plain open/write: FileManager.createFile writes atomically (temp file, fsync, rename), 10× slower.
  let fd = open(catalogPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
  guard fd >= 0, size == 0 || write(fd, data, size) == size, close(fd) == 0 else {
    fatalError("cannot write \(catalogPath)")
  }
  // A fixed catalogue name keeps the report independent of the temp path.
  let report = Preflight.run(
    CheckRequest(catalogPath: catalogPath, catalogName: "catalog.csv", schema: .given(wallpaper), jobs: 1))
  let json = JSONReporter.render(report)
  // Whatever the bytes were, the report must be well-formed JSON.
  do {
    _ = try JSONSerialization.jsonObject(with: Data(json.utf8))
  } catch {
    fatalError("JSONReporter produced invalid JSON (\(error)):\n\(json)")
  }
  return 0
}
