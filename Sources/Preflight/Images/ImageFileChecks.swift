import ImageProbe

/// The checks that depend only on an image itself (not on the row that uses it), run once per
/// image however many rows share it.
enum ImageFileChecks {
  static func findings(entry: SourceEntry, outcome: ProbeOutcome, schema: ProductSchema, at location: Location) -> [Finding] {
    switch outcome {
    case .unreadable(let reason):
      return [ImageUnreadableCheck.finding(entry: entry.path, reason: reason, at: location)]
    case .notAnImage(let format):
      // An empty or few-byte file with an image name is a broken image, not another format.
      if format == .unknown && entry.hasImageExtension && entry.size < 16 {
        let reason = entry.size == 0 ? "the file is empty" : "the file is only \(entry.size) bytes long"
        return [ImageUnreadableCheck.finding(entry: entry.path, reason: reason, at: location)]
      }
      return [
        ImageFormatCheck.finding(entry: entry.path, format: format, allowed: schema.images.formats, type: schema.code, at: location),
        ImageExtensionMismatchCheck.finding(entry: entry.path, fileExtension: entry.fileExtension, format: format, at: location),
      ].compactMap { $0 }
    case .image(let info):
      return [
        ImageFormatCheck.finding(entry: entry.path, format: info.format, allowed: schema.images.formats, type: schema.code, at: location),
        ImageExtensionMismatchCheck.finding(entry: entry.path, fileExtension: entry.fileExtension, format: info.format, at: location),
        ImageColorModeCheck.finding(entry: entry.path, info: info, at: location),
        ImageColorModeCheck.detail(entry: entry.path, info: info, at: location),
        ImageDPICheck.finding(entry: entry.path, info: info, at: location),
        ImageDimensionsExtremeCheck.finding(entry: entry.path, info: info, at: location),
        ImageAlphaMissingCheck.finding(
          entry: entry.path, info: info, alphaExpected: schema.images.alphaExpected, type: schema.code, at: location),
      ].compactMap { $0 }
    }
  }
}
