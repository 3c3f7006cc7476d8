import Foundation

/// Prints `value` as one line of JSON (sorted keys, ISO 8601 dates): what every `--json` flag
/// prints, for scripts to read.
func printJSON(_ value: some Encodable) throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    encoder.dateEncodingStrategy = .iso8601
    print(String(decoding: try encoder.encode(value), as: UTF8.self))
}
