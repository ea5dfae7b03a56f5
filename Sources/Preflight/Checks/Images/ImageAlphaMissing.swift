import ImageProbe

extension DiagnosticCode {
  public static let imageAlphaMissing = DiagnosticCode(
    id: "image-alpha-missing", stage: .checkingImages, effect: .quality,
    summary: "A decal or rug PNG has no transparency (no alpha channel, no tRNS).",
    explanation: "Decals and rugs are cut out: without transparency their background shows as a rectangle.",
    fix: "Export the PNG with a transparent background (RGBA).")
}

enum ImageAlphaMissingCheck {
  static func finding(entry: String, info: ImageInfo, alphaExpected: Bool, type: String, at location: Location) -> Finding? {
    guard alphaExpected, info.format == .png, !info.hasAlpha else { return nil }
    return Finding(
      .imageAlphaMissing, "\(Shown.quoted(entry)) has no transparency; \(type) images are cut out",
      hint: "export the PNG with a transparent background (RGBA)", at: location)
  }
}
