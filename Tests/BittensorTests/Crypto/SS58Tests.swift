import Testing

@testable import Bittensor

@Suite("SS58 addresses")
struct SS58Tests {
    @Test("vector addresses encode and decode", arguments: KeyVectors.shared.ss58_checks)
    func vectors(_ v: KeyVectors.SS58Check) throws {
        #expect(SS58.encode(publicKey: unhex(v.public_key)) == v.ss58_42)
        let decoded = try SS58.decode(v.ss58_42)
        #expect(decoded.prefix == 42)
        #expect(decoded.publicKey == unhex(v.public_key))
    }

    @Test("every prefix form round-trips", arguments: [0, 1, 42, 63, 64, 65, 255, 256, 1000, 4096, 16383] as [UInt16])
    func prefixes(_ prefix: UInt16) throws {
        let key = try Keypair(uri: "//Alice").publicKey
        let address = SS58.encode(publicKey: key, prefix: prefix)
        let decoded = try SS58.decode(address)
        #expect(decoded.prefix == prefix)
        #expect(decoded.publicKey == key)
    }

    @Test("known addresses on other networks")
    func knownNetworks() throws {
        let alice = try Keypair(uri: "//Alice").publicKey
        // Polkadot (0), Kusama (2) — Substrate's well-known Alice addresses.
        #expect(SS58.encode(publicKey: alice, prefix: 0) == "15oF4uVJwmo4TdGW7VfQxNLavjCXviqxT9S1MgbjMNHr6Sp5")
        #expect(SS58.encode(publicKey: alice, prefix: 2) == "HNZata7iMYWmk5RvZRTiAsSDhV8366zq2YGb3tLH5Upf74F")
        // Two-byte prefixes, as py-scalecodec's ss58_encode writes them.
        let twoByte: [(UInt16, String)] = [
            (64, "cEaNSpz4PxFcZ7nT1VEKrKewH67rfx6MfcM6yKojyyPz7qaqp"),
            (255, "yGHXkYLYqxijLKKfd9Q2CB9shRVu8rPNBS53wvwGTutYg4zTg"),
            (1000, "vji5kpxBaPKwct6PAdHiJUPCU1hqBEAPaLMF59sXAjn4NeEaJ"),
            (16383, "yNa8JpqfFB3q8A29rCwSgxvdU94ufJw2yKKxDgznS5m1PoFvn"),
        ]
        for (prefix, address) in twoByte {
            #expect(SS58.encode(publicKey: alice, prefix: prefix) == address)
            let decoded = try SS58.decode(address)
            #expect(decoded.prefix == prefix && decoded.publicKey == alice)
        }
    }

    @Test("a bad checksum, bad length, or bad character is refused")
    func rejects() {
        let good = "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY"
        let badChecksum = String(good.dropLast()) + "Z"
        #expect(throws: KeyError.invalidSS58("bad checksum")) { try SS58.decode(badChecksum) }
        #expect(throws: KeyError.self) { try SS58.decode(String(good.dropLast(3))) }
        #expect(throws: KeyError.self) { try SS58.decode("0" + good.dropFirst()) }
        #expect(throws: KeyError.self) { try SS58.decode("") }
        #expect(throws: KeyError.self) { try Keypair(ss58Address: badChecksum) }
        #expect(SS58.isValid(good))
    }
}
