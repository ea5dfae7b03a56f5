extension DiagnosticCode {
  public static let entryCompression = DiagnosticCode(
    id: "entry-compression", stage: .unpackingArchive, effect: .quality,
    summary: "An entry uses a compression method other than stored or deflate.",
    explanation: "Deflate (and storing without compression) is what every ZIP reader supports; other methods (bzip2, LZMA, Zstandard, Deflate64…) may not be readable by the server.",
    fix: "Create the ZIP with the standard \"deflate\" method (the default of Windows, macOS and most tools).")
}

enum EntryCompressionCheck {
  static func name(of method: UInt16) -> String {
    switch method {
    case 9: "Deflate64"
    case 12: "bzip2"
    case 14: "LZMA"
    case 93: "Zstandard"
    case 95: "XZ"
    case 98: "PPMd"
    default: "method \(method)"
    }
  }

  static func finding(file: String, entry: String, method: UInt16) -> Finding {
    Finding(
      .entryCompression, "\(Shown.quoted(entry)) is compressed with \(name(of: method)), which the server may not read",
      hint: "create the ZIP with the standard deflate compression", at: Location(file: file, entry: entry))
  }
}
