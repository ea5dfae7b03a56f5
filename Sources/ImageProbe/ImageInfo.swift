/// What a file's first bytes say it is.
public enum ImageFormat: String, Sendable, CaseIterable {
  case jpeg, png, gif, webp, tiff, bmp, heic, pdf, zip, rar
  case sevenZip = "7z"
  case gzip, unknown
}
