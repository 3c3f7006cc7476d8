import ComputeSubnetTestSupport
import Foundation

/// HTTP messages recorded by the capture proxy in `vectors/http/proxy_conn*.log`.
struct HTTPCapture {
    struct Message {
        var startLine: String
        var headers: [(name: String, value: String)]
        var body: [UInt8]

        func header(_ name: String) -> String? { headers.first { $0.name.lowercased() == name }?.value }
    }

    var requests: [Message] = []
    var responses: [Message] = []

    /// Parses a log: `=====REQUEST … N bytes=====\n` followed by N raw bytes, chunks of one
    /// direction concatenated into a stream of HTTP/1.1 messages.
    init(file: String) throws {
        let bytes = [UInt8](try TestRepository.fixtureData("vectors/http/" + file))
        var streams: [String: [UInt8]] = ["REQUEST": [], "RESPONSE": []]
        var i = 0
        while let markerStart = Self.find(Array("=====".utf8), in: bytes, from: i) {
            guard let lineEnd = bytes[markerStart...].firstIndex(of: 0x0a) else { break }
            let line = String(decoding: bytes[markerStart..<lineEnd], as: UTF8.self)
            let parts = line.split(separator: " ")
            let direction = parts[0].replacingOccurrences(of: "=", with: "")
            let count = Int(parts[parts.count - 2])!
            streams[direction, default: []] += bytes[(lineEnd + 1)..<(lineEnd + 1 + count)]
            i = lineEnd + 1 + count
        }
        requests = Self.messages(streams["REQUEST"]!)
        responses = Self.messages(streams["RESPONSE"]!)
    }

    private static func find(_ needle: [UInt8], in hay: [UInt8], from: Int) -> Int? {
        guard hay.count >= needle.count, from <= hay.count - needle.count else { return nil }
        for i in from...(hay.count - needle.count) where hay[i..<(i + needle.count)].elementsEqual(needle) { return i }
        return nil
    }

    private static func messages(_ stream: [UInt8]) -> [Message] {
        var out: [Message] = []
        var i = 0
        let separator = Array("\r\n\r\n".utf8)
        while let end = find(separator, in: stream, from: i) {
            let head = String(decoding: stream[i..<end], as: UTF8.self)
            var lines = head.components(separatedBy: "\r\n")
            let start = lines.removeFirst()
            let headers = lines.map { line -> (name: String, value: String) in
                let colon = line.firstIndex(of: ":")!
                return (String(line[..<colon]), String(line[line.index(after: colon)...]).trimmingCharacters(in: .whitespaces))
            }
            let length = Int(headers.first { $0.name.lowercased() == "content-length" }?.value ?? "0") ?? 0
            let bodyStart = end + 4
            let body = Array(stream[bodyStart..<min(stream.count, bodyStart + length)])
            out.append(Message(startLine: start, headers: headers, body: body))
            i = bodyStart + length
        }
        return out
    }
}
