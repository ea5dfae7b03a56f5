// swift-tools-version: 6.0
import PackageDescription

let package = Package(
  name: "wizart-preflight",
  products: [
    .executable(name: "wizart-preflight", targets: ["wizart-preflight"]),
    .library(name: "Preflight", targets: ["Preflight"]),
  ],
  targets: [
    .systemLibrary(name: "CLibzip", pkgConfig: "libzip", providers: [.apt(["libzip-dev"])]),
    .systemLibrary(name: "CLibXML2", pkgConfig: "libxml-2.0", providers: [.apt(["libxml2-dev"])]),
    .target(name: "ZipKit", dependencies: ["CLibzip"]),
    .target(name: "XLSXKit", dependencies: ["CLibXML2", "ZipKit"]),
    .target(name: "ImageProbe"),
    .target(name: "CPrefetch"),
    .target(
      name: "Preflight", dependencies: ["ZipKit", "XLSXKit", "ImageProbe", "CPrefetch"],
      // The row loop touches class state per cell; static exclusivity checking still applies.
      swiftSettings: [.unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release))]),
    // The Wizart PIM API client (upload, status, templates); Foundation only, no engine.
    .target(name: "PIMClient"),
    .target(name: "PreflightCLI", dependencies: ["Preflight", "ZipKit", "XLSXKit", "PIMClient"]),
    .executableTarget(name: "wizart-preflight", dependencies: ["PreflightCLI"]),
    .executableTarget(name: "preflight-bench", dependencies: ["Preflight"]),
    // Fixture builders (raw ZIP bytes, PNG and JPEG headers) shared by the test suites.
    .target(name: "PreflightTestSupport", path: "Tests/Support"),
    .testTarget(
      name: "PreflightTests", dependencies: ["Preflight", "ZipKit", "ImageProbe", "PreflightTestSupport"],
      exclude: ["Golden"]),
    .testTarget(name: "ZipKitTests", dependencies: ["ZipKit"]),
    .testTarget(name: "XLSXKitTests", dependencies: ["XLSXKit", "ZipKit"]),
    .testTarget(name: "ImageProbeTests", dependencies: ["ImageProbe"]),
    .testTarget(name: "PreflightCLITests", dependencies: ["PreflightCLI", "Preflight", "ZipKit", "PIMClient", "PreflightTestSupport"]),
    .testTarget(name: "PIMClientTests", dependencies: ["PIMClient", "PreflightTestSupport"]),

  ],
  swiftLanguageModes: [.v6]
)
