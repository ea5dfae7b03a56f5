import Foundation
import ImageProbe

extension DiagnosticCode {
  public static let imageDPILow = DiagnosticCode(
    id: "image-dpi-low", stage: .checkingImages, effect: .quality,
    summary: "An image states a density below 72 dpi.",
    explanation: "Wizart asks for at least 72 dpi (300 recommended); a low value often means the image was scaled down.",
    fix: "Export the image at 300 dpi (and enough pixels, see image-resolution-low).")
}

enum ImageDPICheck {
  /// Below 72 dpi: warning; no density at all: notice.
  static func finding(entry: String, info: ImageInfo, at location: Location) -> Finding? {
    guard let resolution = info.resolution else {
      return Finding(
        .imageDPIMissing, "\(Shown.quoted(entry)) states no dpi", hint: "optional: export with 300 dpi", at: location)
    }
    let lowest = min(resolution.x, resolution.y)
    guard lowest < 72 else { return nil }
    let shown = resolution.x == resolution.y ? format(resolution.x) : "\(format(resolution.x)) × \(format(resolution.y))"
    return Finding(
      .imageDPILow, "\(Shown.quoted(entry)) states \(shown) dpi (from \(resolution.source.rawValue)), below the minimum of 72",
      hint: "export at 300 dpi", at: location)
  }

  private static func format(_ value: Double) -> String {
    value == value.rounded() ? String(Int(value)) : String(format: "%.1f", value)
  }
}
