import Foundation
import Testing
@testable import Preflight

/// A small deterministic generator (SplitMix64) so every failure can be replayed from its seed.
struct SeededGenerator: RandomNumberGenerator {
  var state: UInt64
  init(seed: UInt64) { state = seed }
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}

/// An independent RFC 4180 writer: quotes every cell that needs it, doubles inner quotes.
func rfc4180(_ table: [[String]], lineEnding: String) -> String {
  table.map { row in
    row.map { cell in
      // Scalars, not Characters: "\r\n" is one Character and equals neither "\r" nor "\n".
      cell.unicodeScalars.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) || cell.isEmpty && row.count == 1
        ? "\"" + doubledQuotes(cell) + "\"" : cell
    }.joined(separator: ",")
  }.joined(separator: lineEnding) + lineEnding
}

/// Doubles every quote scalar: a quote followed by a combining mark is one Character, so
/// `replacingOccurrences` would miss it.
func doubledQuotes(_ text: String) -> String {
  var out = String.UnicodeScalarView()
  for scalar in text.unicodeScalars {
    out.append(scalar)
    if scalar == "\"" { out.append(scalar) }
  }
  return String(out)
}

@Suite struct PropertyTests {
  static let alphabet: [String] = ["a", "Z", "0", " ", ",", "\"", "\n", "\r\n", "\r", "é", "ж", "😀", "\u{0301}", ";", "'", "x"]

  @Test(arguments: 0..<150)
  func randomTablesRoundTripThroughTheTokenizer(_ seed: Int) throws {
    var random = SeededGenerator(seed: UInt64(seed))
    let columns = Int.random(in: 1...6, using: &random)
    let rows = Int.random(in: 1...8, using: &random)
    let table = (0..<rows).map { _ in
      (0..<columns).map { _ in
        (0..<Int.random(in: 0...6, using: &random)).map { _ in Self.alphabet.randomElement(using: &random)! }.joined()
      }
    }
    let text = rfc4180(table, lineEnding: Bool.random(using: &random) ? "\r\n" : "\n")
    let chunk = [64, 100, 4096].randomElement(using: &random)!
    let records = try tokenize(Array(text.utf8), chunkSize: chunk)
    #expect(records.map(\.cells) == table, "seed \(seed)")
  }

  @Test(arguments: 0..<120)
  func randomByteMutationsAlwaysYieldAReport(_ seed: Int) throws {
    var random = SeededGenerator(seed: UInt64(seed) &+ 1000)
    var catalog = WallpaperCatalog(rowCount: 6)
    catalog.set(2, "product_name", "Ivy \"Grün\", deluxe\nedition")
    var bytes = Array(catalog.csv.utf8)
    for _ in 0..<Int.random(in: 1...12, using: &random) {
      guard !bytes.isEmpty else { break }
      let position = Int.random(in: 0..<bytes.count, using: &random)
      switch Int.random(in: 0..<5, using: &random) {
      case 0: bytes[position] = UInt8.random(in: 0...255, using: &random)
      case 1: bytes.insert(UInt8.random(in: 0...255, using: &random), at: position)
      case 2: bytes.remove(at: position)
      case 3: bytes.removeSubrange(position...)
      default: bytes.insert(contentsOf: [0x22, 0x2C, 0x0D, 0x0A, 0xFF, 0x00].shuffled(using: &random).prefix(3), at: position)
      }
    }
    let path = Fixtures.write(bytes)
    let first = Fixtures.check(path: path, type: seed % 3 == 0 ? nil : "wallpaper")
    let second = Fixtures.check(path: path, type: seed % 3 == 0 ? nil : "wallpaper")
    #expect(first.stages.count == 3)
    #expect(JSONReporter.render(first) == JSONReporter.render(second), "same input, same report")
    #expect(!TextReporter(color: false).render(first).isEmpty)
  }
}
