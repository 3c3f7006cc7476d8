import Testing

@testable import Bittensor

/// The parser's bounds: what a hostile peer's answer may make it build.
@Suite struct JSONLimitsTests {
    static func object(keys: Int) -> [UInt8] {
        var text = "{"
        for i in 0..<keys { text += (i == 0 ? "" : ",") + "\"k\(i)\":\(i)" }
        return Array((text + "}").utf8)
    }

    @Test func anObjectWithMoreKeysThanAllowedIsRefused() {
        #expect(throws: WireError(.tooManyMembers(limit: 65_536))) { try JSONParser.parse(Self.object(keys: 200_000)) }
    }

    @Test func aDocumentWithMoreValuesThanAllowedIsRefused() {
        let array = Array(("[" + Array(repeating: "0", count: 1_000).joined(separator: ",") + "]").utf8)
        #expect(throws: WireError(.tooManyMembers(limit: 999))) {
            try JSONParser.parse(array, limits: JSONParser.Limits(maxValues: 999))
        }
        #expect((try? JSONParser.parse(array, limits: JSONParser.Limits(maxValues: 1_000)))?.arrayValue?.count == 1_000)
    }

    @Test func twoHundredThousandDistinctKeysParseWhenAllowedAndKeepEveryKey() throws {
        // Linear construction: the old n² key scan made this take minutes.
        let json = try JSONParser.parse(Self.object(keys: 200_000), limits: JSONParser.Limits(maxObjectKeys: 200_000))
        let object = try #require(json.objectValue)
        #expect(object.count == 200_000)
        #expect(object["k199999"]?.intValue == 199_999)
    }

    @Test func aRepeatedKeyKeepsItsFirstPositionAndLastValue() throws {
        let json = try JSONParser.parse(Array(#"{"a":1,"b":2,"a":3}"#.utf8))
        let object = try #require(json.objectValue)
        #expect(object.map(\.key) == ["a", "b"])
        #expect(object["a"]?.intValue == 3)
    }
}
