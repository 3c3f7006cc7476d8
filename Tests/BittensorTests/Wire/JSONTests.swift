import Testing

@testable import Bittensor

@Suite struct JSONWriterTests {
    @Test func pythonStyleMatchesJsonDumps() {
        let v: JSON = ["a": 1, "b": [true, nil, 1.5], "c": "é\u{1F600}\"\\\n\u{7f}", "d": 1e-05]
        // json.dumps({"a": 1, "b": [True, None, 1.5], "c": "é😀\"\\\n\x7f", "d": 1e-05})
        #expect(v.jsonText(style: .python) == #"{"a": 1, "b": [true, null, 1.5], "c": "\u00e9\ud83d\ude00\"\\\n\u007f", "d": 1e-05}"#)
    }

    @Test func compactStyleMatchesFastAPI() {
        let v: JSON = ["a": 1, "c": "é\u{1}\u{7f}", "t": 5.0]
        #expect(v.jsonText(style: .compact) == "{\"a\":1,\"c\":\"é\\u0001\u{7f}\",\"t\":5.0}")
    }

    @Test(arguments: [(5.0, "5.0"), (8.535385131835938e-05, "8.535385131835938e-05"), (1e16, "1e+16"),
                      (1234567890123456.0, "1234567890123456.0"), (0.0001, "0.0001"), (-0.0, "-0.0")])
    func floatsUsePythonRepr(value: Double, text: String) {
        #expect(JSON.double(value).jsonText() == text)
    }
}

@Suite struct JSONParserTests {
    @Test func parsesAndKeepsKeyOrder() throws {
        let v = try JSONParser.parse(Array(#" {"z": 1, "a": {"y": [1, 2.5, -3e2, "x\u00e9\ud83d\ude00"], "b": null}, "t": true} "#.utf8))
        #expect(v.objectValue?.keys == ["z", "a", "t"])
        #expect(v["a"]?["y"] == [1, 2.5, -300.0, "xé😀"])
        #expect(v["a"]?.objectValue?.keys == ["y", "b"])
    }

    @Test(arguments: [
        "", "{", #"{"a": }"#, #"{"a": 1,}"#, "[1 2]", #""abc"#, "tru", "01", "1.", "-", #""\x""#, #""\ud800""#,
        #""\udc00x""#, "{} {}", "\"\u{1}\"", "[" + String(repeating: "[", count: 100) + String(repeating: "]", count: 101),
    ])
    func rejectsMalformedInput(_ text: String) {
        #expect(throws: WireError.self) { try JSONParser.parse(Array(text.utf8)) }
    }

    @Test func rejectsInvalidUTF8() {
        #expect(throws: WireError.self) { try JSONParser.parse([0x22, 0xff, 0xfe, 0x22]) }
        #expect(throws: WireError.self) { try JSONParser.parse([0x22, 0xc3, 0x22]) }
    }

    @Test func bigIntegersBecomeDoubles() throws {
        #expect(try JSONParser.parse(Array("1795629155171250472".utf8)) == .int(1_795_629_155_171_250_472))
        #expect(try JSONParser.parse(Array("99999999999999999999".utf8)) == .double(1e20))
    }

    @Test func writerOutputParsesBack() throws {
        let v: JSON = ["k": ["nested": [1, 2, ["deep": "\u{0}\u{10FFFF}"]]], "f": 0.1, "n": -7]
        for style in [JSONWriter.Style.python, .compact] {
            #expect(try JSONParser.parse(Array(v.jsonText(style: style).utf8)) == v)
        }
    }
}

@Suite struct PythonStringTests {
    @Test func strOfValues() {
        #expect(PythonString.str("hi") == "hi")
        #expect(PythonString.str(2) == "2")
        #expect(PythonString.str(true) == "True")
        #expect(PythonString.str(1.5) == "1.5")
        #expect(PythonString.str(nil) == "None")
        #expect(PythonString.str(["a": 1, "b": "x", "c": [nil, false]]) == "{'a': 1, 'b': 'x', 'c': [None, False]}")
        #expect(PythonString.str(["it's": "say \"hi\"\n"]) == #"{"it's": 'say "hi"\n'}"#)
    }
}
