internal import CLibXML2

/// The libxml2 this binary runs with, for `--version` and bug reports.
public enum LibXML2 {
  public static var version: String {
    // libxml2 2.9 exposes the version per thread through __xmlParserVersion().
    guard let pointer = __xmlParserVersion(), let text = pointer.pointee else { return "unknown" }
    let digits = Int(String(cString: text)) ?? 0
    return "\(digits / 10000).\(digits / 100 % 100).\(digits % 100)"
  }
}
