import ComputeSubnetTestSupport
import Foundation
import Testing

@testable import Bittensor

/// The key vectors made with the Python SDK (`Tests/Fixtures/vectors/keys.json`).
struct KeyVectors: Decodable {
    struct PassphraseVariant: Decodable {
        let mini_secret_seed: String
        let public_key: String
        let ss58_42: String
    }
    struct Key: Decodable {
        let mnemonic: String
        let passphrase: String
        let entropy: String?
        let mini_secret_seed: String
        let private_key_64: String
        let public_key: String
        let ss58_42: String
        let with_passphrase_Substrate: PassphraseVariant
    }
    struct Signature: Decodable {
        let tag: String
        let signer_ss58: String
        let public_key: String
        let message_utf8: String?
        let message_hex: String?
        let signed_bytes_utf8: String?
        let signature: String
        let valid: Bool
        let tampered_signature: String?
        let tampered_valid: Bool?

        /// The message the SDK verifies against (what was signed may be its `<Bytes>` wrapping).
        var message: [UInt8] { message_hex.map { unhex($0) } ?? Array((message_utf8 ?? "").utf8) }
    }
    struct DevAccount: Decodable {
        let uri: String
        let public_key: String
        let ss58_42: String
        let private_key_64: String
        let mini_secret_seed: String?
    }
    struct SS58Check: Decodable {
        let public_key: String
        let ss58_42: String
    }

    let keys: [Key]
    let signatures: [Signature]
    let dev_accounts: [DevAccount]
    let ss58_checks: [SS58Check]

    static let shared: KeyVectors = {
        let data = try! TestRepository.fixtureData("vectors/keys.json")
        return try! JSONDecoder().decode(KeyVectors.self, from: data)
    }()
}

/// Hex → bytes for test literals (fails the test on bad hex).
func unhex(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) -> [UInt8] {
    guard let bytes = Hex.decode(text) else {
        Issue.record("bad hex literal \(text)", sourceLocation: sourceLocation)
        return []
    }
    return bytes
}
