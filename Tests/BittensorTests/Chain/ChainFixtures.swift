import Bittensor
import ComputeSubnetTestSupport
import Foundation

/// The recorded chain data in `Tests/Fixtures` (`chain/` and `vectors/`).
enum ChainFixtures {
    static var packageRoot: URL { TestRepository.root }

    static func hexFile(_ name: String) throws -> [UInt8] {
        let url = TestRepository.fixture("chain/\(name)")
        let text = try String(contentsOf: url, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        guard let bytes = Hex.decode(text) else { throw FixtureError.badHex(name) }
        return bytes
    }

    static func json(_ name: String) throws -> [String: Any] {
        let data = try TestRepository.fixtureData("vectors/\(name)")
        guard let object = try JSONSerialization.jsonObject(with: data) as? [String: Any] else { throw FixtureError.badJSON(name) }
        return object
    }

    static let metadataV14Bytes: [UInt8] = (try? hexFile("finney_state_getMetadata_v14.hex")) ?? []
    static let metadataV15Bytes: [UInt8] = (try? hexFile("finney_Metadata_metadata_at_version_15.hex")) ?? []
    static let neuronsLiteBytes: [UInt8] = (try? hexFile("finney_NeuronInfoRuntimeApi_get_neurons_lite_netuid1.hex")) ?? []

    /// Decoded once per process (the V15 fixture is ~300 kB).
    static let metadataV14: RuntimeMetadata? = try? RuntimeMetadata(bytes: metadataV14Bytes)
    static let metadataV15: RuntimeMetadata? = try? RuntimeMetadata(bytes: metadataV15Bytes)

    enum FixtureError: Error { case badHex(String), badJSON(String) }
}
