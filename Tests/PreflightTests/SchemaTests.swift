import Foundation
import Testing
@testable import Preflight

@Suite struct SchemaTests {
  static let codes = [
    "wallpaper", "wall_mural", "wall_decals", "plaster", "paint", "wall_border", "wall_panel", "laminate", "tile",
    "carpet_tile", "carpet_roll", "hardwood_flooring", "engineered_wood_flooring", "vinyl_flooring", "linoleum", "rug",
  ]

  @Test func everyProductTypeOfRulesMdIsShipped() {
    #expect(Set(SchemaCatalog.codes) == Set(Self.codes))
  }

  @Test func theEmbeddedCopiesMatchSchemasFolder() throws {
    let folder = Fixtures.repositoryRoot.appendingPathComponent("schemas")
    let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".json") }.sorted()
    #expect(files.map { String($0.dropLast(5)) }.sorted() == SchemaCatalog.codes.sorted())
    for file in files {
      let onDisk = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
      let embedded = SchemaCatalog.json(String(file.dropLast(5)))
      #expect(embedded?.trimmingCharacters(in: .whitespacesAndNewlines) == onDisk.trimmingCharacters(in: .whitespacesAndNewlines),
        "\(file) changed: run `make schemas`")
    }
  }

  @Test(arguments: codes)
  func schemaInvariants(_ code: String) throws {
    let schema = try #require(try SchemaCatalog.builtIn(code))
    #expect(schema.code == code)
    #expect(schema.path == "schemas/\(code).json")
    let names = schema.fields.map(\.name)
    #expect(Array(names.prefix(5)) == ["brand_name", "collection_name", "product_name", "unique_sku_id", "product_image"])
    #expect(Set(names).count == names.count)
    for core in schema.fields.prefix(5) { #expect(core.required && core.documented, "\(core.name)") }
    for name in ["brand_name", "collection_name", "product_name"] {
      #expect(schema.field(named: name)?.maxLength == 255)
    }
    #expect(schema.imageField == "product_image")
    #expect(schema.uniqueness?.field == "unique_sku_id" && schema.uniqueness?.scope == "collection_name")
    #expect(!schema.dimensionRule.requireOneOf.isEmpty)
    // The single group a type must fill is required cell by cell.
    if schema.dimensionRule.requireOneOf.count == 1 {
      for name in schema.dimensionRule.requireOneOf[0] { #expect(schema.field(named: name)?.required == true, "\(name)") }
    }
    let legacy = schema.fields.flatMap(\.legacyNames)
    #expect(Set(legacy).isDisjoint(with: names))
    for field in schema.fields {
      if let minimum = field.minimum, let maximum = field.maximum { #expect(minimum <= maximum) }
      if ["repeatable", "customized_size", "flip", "black_white", "reverse"].contains(field.name) {
        #expect(field.kind == .boolean, "\(field.name)")
      }
      if ["color", "interior", "coating", "texture", "usage", "sheen", "application_surface", "product_image", "width_options", "height_options"].contains(field.name) {
        #expect(field.list != nil, "\(field.name) is a list")
      }
    }
    #expect(schema.images.formats == (code == "wall_decals" ? ["png"] : ["jpeg", "png"]))
  }

  @Test func rangesFollowRulesMd() throws {
    func field(_ code: String, _ name: String) throws -> Field {
      try #require(try SchemaCatalog.builtIn(code)?.field(named: name), "\(code).\(name)")
    }
    #expect(try field("wallpaper", "product_width").minimum == 0.01)
    #expect(try field("wallpaper", "product_width").maximum == 15)
    #expect(try field("wallpaper", "repeat_width").maximum == 10)
    #expect(try field("wallpaper", "wallpaper_roll_length").maximum == 30)
    #expect(try field("laminate", "product_width").maximum == 5)
    #expect(try field("laminate", "product_thickness").maximum == 0.5)
    #expect(try field("rug", "product_length").maximum == 15)
    #expect(try field("rug", "pattern_width").maximum == 15)
    #expect(try field("linoleum", "pattern_length").maximum == 9)
    #expect(try field("paint", "opacity").maximum == 100)
    #expect(try field("laminate", "product_width").exclusiveMinimum == 0)
    #expect(try field("rug", "product_shape").allowed == ["round", "square"])
    #expect(try field("wallpaper", "product_availability").allowed == ["In stock", "Out of stock", "Preorder"])
    #expect(try field("paint", "application_surface").list?.allowed == ["wall", "ceiling", "floor"])
    #expect(try field("wallpaper", "unique_sku_id").legacyNames.contains("Unique_SKU_ID"))
    #expect(try field("wallpaper", "pattern_repeat").legacyNames.contains("repeat"))
  }

  @Test func dimensionRulesPerFamily() throws {
    func rule(_ code: String) throws -> ProductSchema.DimensionRule { try #require(try SchemaCatalog.builtIn(code)).dimensionRule }
    let product = ["product_width", "product_length"]
    let pattern = ["pattern_width", "pattern_length"]
    #expect(try rule("laminate").requireOneOf == [product, pattern])
    #expect(try rule("laminate").completePairs == [product, pattern])
    #expect(try rule("linoleum").requireOneOf == [pattern])
    #expect(try rule("carpet_roll").requireOneOf == [pattern])
    #expect(try rule("wall_mural").requireOneOf == [pattern])
    #expect(try rule("wall_mural").completePairs.isEmpty)
    #expect(try rule("wallpaper").requireOneOf == [["product_width", "repeat_width"]])
    #expect(try rule("paint").requireOneOf == [["pattern_width"]])
  }

  @Test func brokenSchemasNameTheKeyThatIsWrong() {
    func problem(_ json: String) -> String? {
      do {
        _ = try SchemaLoader.parse(Data(json.utf8), path: "custom.json")
        return nil
      } catch {
        return error.description
      }
    }
    #expect(problem("{") == "custom.json: not valid JSON")
    #expect(problem(#"{"name": "x", "fields": [{"name": "a", "type": "date"}]}"#)?.contains("fields[0].type") == true)
    #expect(problem(#"{"name": "x", "fields": [{"name": "a", "constraints": {"maximum": "five"}}]}"#)?.contains("fields[0].constraints.maximum") == true)
    #expect(problem(#"{"name": "x", "fields": [{"name": "a"}], "wizart:dimensionRule": {"requireOneOf": [["b"]]}}"#)?.contains("wizart:dimensionRule") == true)
    #expect(problem(#"{"name": "x", "fields": [{"name": "a"}, {"name": "a"}]}"#)?.contains("appears twice") == true)
    #expect(problem(#"{"fields": []}"#)?.contains("name") == true)
    #expect(problem(#"{"name": "x", "fields": [{"name": "a"}]}"#) == nil)
  }
}

@Suite struct TypeInferenceTests {
  @Test func aWallpaperHeaderIsRecognised() {
    let report = Fixtures.check(WallpaperCatalog().csv, type: nil)
    #expect(report.productType.code == "wallpaper")
    #expect(report.productType.inferred)
    #expect(report.diagnostics.isEmpty)
  }

  @Test func aRugHeaderIsRecognisedByItsShape() {
    let header = "brand_name,collection_name,product_name,unique_sku_id,product_image,product_width,product_length,product_shape"
    let report = Fixtures.check(header + "\nW,C,P,r1,rug,1.6,2.3,square\n", type: nil)
    #expect(report.productType.code == "rug")
  }

  @Test func aTieListsTheCandidatesAndChecksNoCells() throws {
    let report = Fixtures.check(flooringHeader + "\nW,C,P,s1,img,abc,1.2,,\n", type: nil)
    let diagnostic = try #require(report.diagnostics(.typeAmbiguous).first)
    #expect(diagnostic.message.contains("laminate") && diagnostic.message.contains("tile"))
    #expect(report.productType.code == nil)
    #expect(report.diagnostics(.invalidNumber).isEmpty)
    #expect(report.prediction.outcome == .failure)
  }
}
