internal import CLibzip

/// The libzip this binary runs with, for `--version` and bug reports.
public enum Libzip {
  public static var version: String {
    guard let text = zip_libzip_version() else { return "unknown" }
    return String(cString: text)
  }
}
