import Foundation
import Testing

@testable import PIMClient

@Suite struct JSONParserTests {
  @Test func readsTheUsualShapes() throws {
    let node = try JSONParser.parse(Array(#"{"data":[{"id":123,"name":"Ivy Gr\u00fcn \ud83c\udf3f","ok":true,"none":null,"n":-1.5e3}]}"#.utf8))
    let item = try #require(node["data"]?.single)
    #expect(item["id"]?.integer == 123)
    #expect(item["id"]?.text == "123")
    #expect(item["name"]?.text == "Ivy Grün 🌿")
    #expect(item["ok"] == .bool(true))
    #expect(item["none"] == .null)
    #expect(item["n"] == .number("-1.5e3"))
  }

  @Test func keepsEveryDigitOfALargeId() throws {
    let node = try JSONParser.parse(Array(#"{"id":123456789012345678901234567890}"#.utf8))
    #expect(node["id"]?.text == "123456789012345678901234567890")
  }

  @Test(arguments: ["", "{", "{\"a\":}", "[1,]", "{\"a\":1}x", "nul", "\"tab\there\"", "{'a':1}", "01x", "<html>"])
  func refusesWhatIsNotJSON(_ text: String) {
    #expect(throws: JSONParser.Failure.self) { try JSONParser.parse(Array(text.utf8)) }
  }

  @Test func refusesDeepNestingInsteadOfOverflowingTheStack() {
    let bomb = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
    #expect(throws: JSONParser.Failure.self) { try JSONParser.parse(Array(bomb.utf8)) }
    let fine = String(repeating: "[", count: 60) + String(repeating: "]", count: 60)
    #expect(throws: Never.self) { try JSONParser.parse(Array(fine.utf8)) }
  }

  @Test func integerReadsNumericStrings() {
    #expect(JSONNode.string("1109").integer == 1109)
    #expect(JSONNode.number("12.0").integer == 12)
    #expect(JSONNode.number("12.5").integer == nil)
    #expect(JSONNode.string("many").integer == nil)
    #expect(JSONNode.bool(true).integer == nil)
  }
}

@Suite struct ImportRecordTests {
  func record(_ json: String, wanted: String? = nil) throws -> ImportRecord? {
    ImportRecord.from(document: try JSONParser.parse(Array(json.utf8)), wantedID: wanted)
  }

  @Test func readsTheSpecShape() throws {
    let json = #"{"data":{"type":"import_data","id":"123","attributes":{"path":null,"original_name":"Feb-03-2022-Wallpaper.csv","status":"success","status_message":"Total rows imported: 1109 out of 1109","result":{"total_rows":"1109","imported_rows":"1109"},"mapping_id":1,"created_at":"2022-02-03 12:38:40","updated_at":"2022-02-03 12:50:49","timezone":"UTC"}}}"#
    let record = try #require(try record(json))
    #expect(record == ImportRecord(
      id: "123", status: "success", statusMessage: "Total rows imported: 1109 out of 1109", totalRows: 1109, importedRows: 1109,
      originalName: "Feb-03-2022-Wallpaper.csv", createdAt: "2022-02-03 12:38:40", updatedAt: "2022-02-03 12:50:49", timezone: "UTC"))
    #expect(record.isFinished)
  }

  @Test func picksTheWantedElementOfAList() throws {
    let json = #"{"data":[{"id":"1","attributes":{"status":"success"}},{"id":"2","attributes":{"status":"checking_images"}}]}"#
    #expect(try record(json, wanted: "2")?.status == "checking_images")
    #expect(try record(json)?.id == "1")
  }

  @Test func readsLegacyAndOddShapes() throws {
    let legacy = try #require(try record(#"{"data":{"id":8558,"status":{"name":"warning"},"result":"{\"total_rows\":\"10\",\"imported_rows\":\"8\"}"}}"#))
    #expect(legacy.id == "8558")
    #expect(legacy.status == "warning")
    #expect(legacy.totalRows == 10 && legacy.importedRows == 8)
    let textual = try #require(try record(#"{"data":{"id":"5","attributes":{"status":"failure","result":"Import stopped at row 3"}}}"#))
    #expect(textual.resultText == "Import stopped at row 3")
    #expect(textual.totalRows == nil)
    let fromMessage = try #require(try record(#"{"data":{"id":"6","attributes":{"status":"success","status_message":"Total rows imported: 3 out of 4"}}}"#))
    #expect(fromMessage.importedRows == 3 && fromMessage.totalRows == 4)
  }

  @Test func statusesAreReadInLowerCase() throws {
    let record = try #require(try record(#"{"data":{"id":"5","attributes":{"status":"Success"}}}"#))
    #expect(record.status == "success")
    #expect(record.isFinished, "a capital letter must not keep --wait polling for ever")
  }

  @Test func anIdWithoutAStatusTakesTheDefaultWhenOneIsGiven() throws {
    let document = try JSONParser.parse(Array(#"{"data":{"type":"import_data","id":"41","attributes":{"status":null}}}"#.utf8))
    #expect(ImportRecord.from(document: document) == nil)
    #expect(ImportRecord.from(document: document, defaultStatus: "uploading_files") == ImportRecord(id: "41", status: "uploading_files"))
  }

  @Test func unknownStatusesAreStillRunning() throws {
    let record = try #require(try record(#"{"data":{"id":"5","attributes":{"status":"resizing_images"}}}"#))
    #expect(!record.isFinished)
    #expect(ImportStage.meaning(of: "resizing_images") == nil)
  }

  @Test(arguments: [#"{"data":{}}"#, #"{"data":{"id":"1"}}"#, #"{"data":{"id":true,"attributes":{"status":"success"}}}"#, #"{"errors":[]}"#, #"{"data":[]}"#])
  func refusesWhatNamesNoImport(_ json: String) throws {
    #expect(try record(json) == nil)
  }

  @Test func serverTextLosesControlCharacters() throws {
    let record = try #require(try record(#"{"data":{"id":"5","attributes":{"status":"failure","status_message":"bad\u001b[2J row\n\n 7"}}}"#))
    #expect(record.statusMessage == "bad [2J row 7")
  }
}

@Suite struct ProductTypeTests {
  func types(_ json: String) throws -> [ProductType]? { ProductType.list(from: try JSONParser.parse(Array(json.utf8))) }

  @Test func readsBothShapes() throws {
    #expect(try types(#"{"data":[{"type":"product_type","uuid":"u1","attributes":{"code":"wallpaper","name":"Wallpaper"}}]}"#)
      == [ProductType(code: "wallpaper", name: "Wallpaper", id: "u1")])
    #expect(try types(#"{"data":[{"type":"product_type","id":"u2","attributes":{"propertyName":{"type":"tile","name":"Tile"}}}]}"#)
      == [ProductType(code: "tile", name: "Tile", id: "u2")])
    #expect(try types(#"{"data":{"uuid":"u3","attributes":{"code":"laminate"}}}"#) == [ProductType(code: "laminate", id: "u3")])
    #expect(try types(#"{"data":[]}"#) == [])
  }

  @Test func refusesAListOfUnknownItems() throws {
    #expect(try types(#"{"data":[{"foo":1}]}"#) == nil)
    #expect(try types(#"{"items":[]}"#) == nil)
  }
}

@Suite struct ErrorBodyTests {
  func message(_ json: String) throws -> String? { ErrorBody.message(try JSONParser.parse(Array(json.utf8))) }

  @Test func readsEveryErrorShape() throws {
    #expect(try message(#"{"errors":[{"id":"x","status":"404","title":"Model not found.","detail":"Model not found."}]}"#) == "Model not found.")
    #expect(try message(#"{"errors":[{"status":"422","title":"Invalid","detail":"The archive is required.","source":{"parameter":"archive"}}]}"#)
      == "archive: Invalid: The archive is required.")
    #expect(try message(#"{"data":[{"status":"403","title":"Unathorized.","detail":"Unathorized."}]}"#) == "Unathorized.")
    #expect(try message(#"{"message":"The given data was invalid.","errors":{"data":["The data field is required."],"archive":["Too big.", "Wrong type."]}}"#)
      == "archive: Too big. Wrong type.; data: The data field is required.")
    #expect(try message(#"{"error":"invalid_grant","error_description":"The user credentials were incorrect.","message":"x"}"#)
      == "The user credentials were incorrect.")
    #expect(try message(#"{"message":"Server Error"}"#) == "Server Error")
    #expect(try message(#"{"data":{"id":"1"}}"#) == nil)
  }
}
