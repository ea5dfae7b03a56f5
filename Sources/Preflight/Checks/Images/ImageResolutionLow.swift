import Foundation
import ImageProbe

extension DiagnosticCode {
  public static let imageResolutionLow = DiagnosticCode(
    id: "image-resolution-low", stage: .checkingImages, effect: .quality,
    summary: "An image has fewer pixels than the product's physical size needs (1024 px per metre, or the type's own rule).",
    explanation: "The visualisation scales the image to the real surface; too few pixels look blurred.",
    fix: "Use an image with at least the pixels named in the message (1024 px per metre of width and length).",
    example: (bad: "a 1.06 m wide repeat in a 500 px image", good: "1086 px or more"))
}

enum ImageResolutionLowCheck {
  /// rules.md: ≥ 1024 px per metre on each axis whose physical size is known (width ↔ image
  /// width, length ↔ image height); no size known: the smaller side ≥ 1024 px. Decals: smaller
  /// side; rugs: longer side.
  static func finding(
    info: ImageInfo, rules: ProductSchema.ImageRules, widthMetres: Double?, lengthMetres: Double?, type: String,
    at location: Location
  ) -> Finding? {
    let entry = Shown.quoted(location.entry ?? "")
    let size = "\(info.width) × \(info.height) px"
    switch rules.resolution {
    case .shortSide:
      guard min(info.width, info.height) < rules.pixels else { return nil }
      return finding("\(entry) is \(size); \(type) needs at least \(rules.pixels) px on the smaller side", at: location)
    case .longSide:
      guard max(info.width, info.height) < rules.pixels else { return nil }
      return finding("\(entry) is \(size); \(type) needs at least \(rules.pixels) px on the longer side", at: location)
    case .perMetre:
      let perMetre = Double(rules.pixels)
      guard widthMetres != nil || lengthMetres != nil else {
        guard min(info.width, info.height) < rules.pixels else { return nil }
        return finding("\(entry) is \(size) and the row gives no size; the smaller side needs at least \(rules.pixels) px", at: location)
      }
      // Compared as Double: a size cell of 1e20 metres must not overflow an Int.
      let neededWidth = widthMetres.map { (perMetre * $0).rounded(.up) } ?? 0
      let neededHeight = lengthMetres.map { (perMetre * $0).rounded(.up) } ?? 0
      guard Double(info.width) < neededWidth || Double(info.height) < neededHeight else { return nil }
      var needs: [String] = []
      if let widthMetres { needs.append("\(pixels(neededWidth)) px wide for \(metres(widthMetres)) m") }
      if let lengthMetres { needs.append("\(pixels(neededHeight)) px high for \(metres(lengthMetres)) m") }
      return finding(
        "\(entry) is \(size); at \(rules.pixels) px per metre it needs \(needs.joined(separator: " and "))", at: location)
    }
  }

  private static func finding(_ message: String, at location: Location) -> Finding {
    Finding(.imageResolutionLow, message, hint: "use a larger image; the visualisation will look blurred", at: location)
  }

  private static func metres(_ value: Double) -> String { NumberMistake.plain(value) }

  private static func pixels(_ value: Double) -> String {
    value < 1e15 ? String(Int(value)) : String(format: "%.3g", value)
  }
}
