import ImageProbe

extension DiagnosticCode {
  public static let archiveNotZip = DiagnosticCode(
    id: "archive-not-zip", stage: .unpackingArchive, effect: .stopsImport,
    summary: "The images file is not a ZIP archive (RAR, 7z, gzip, tar or something else).",
    explanation: "Wizart accepts images only as one ZIP archive; other archive formats fail the unpacking_archive stage.",
    fix: "Extract the images and compress them again as a .zip (Windows: Send to › Compressed folder; macOS: Compress).",
    example: (bad: "images.rar", good: "images.zip"))
}

enum ArchiveNotZipCheck {
  /// A local file header, or the end record of an empty archive.
  static func looksLikeZip(_ prefix: [UInt8]) -> Bool {
    prefix.count >= 4 && prefix[0] == 0x50 && prefix[1] == 0x4B
      && ((prefix[2] == 0x03 && prefix[3] == 0x04) || (prefix[2] == 0x05 && prefix[3] == 0x06))
  }

  static func finding(file: String, prefix: [UInt8], size: UInt64) -> Finding {
    let format: String
    if size == 0 {
      format = "an empty file"
    } else if prefix.count >= 262 && Array(prefix[257..<262]) == Array("ustar".utf8) {
      format = "a tar archive"
    } else {
      switch ImageProbe.format(of: prefix) {
      case .rar: format = "a RAR archive"
      case .sevenZip: format = "a 7z archive"
      case .gzip: format = "a gzip file"
      case .pdf: format = "a PDF document"
      case .jpeg, .png, .gif, .webp, .tiff, .bmp, .heic: format = "a single image, not an archive"
      default: format = "not a ZIP archive"
      }
    }
    let message = format.hasPrefix("not") ? "the images file is not a ZIP archive" : "the images file is \(format), not a ZIP archive"
    return Finding(
      .archiveNotZip, message, hint: "put the images into one .zip archive (Windows: Send to › Compressed folder; macOS: Compress)",
      at: Location(file: file))
  }
}
