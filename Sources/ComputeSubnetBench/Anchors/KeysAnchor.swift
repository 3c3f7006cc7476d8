import Foundation

/// The SDK's Rust sr25519 (`bittensor_wallet.Keypair`, schnorrkel through PyO3) timed from Python
/// in the same run as the Swift side.
package enum KeysAnchor {
    /// Operations per second.
    package struct Rates: Codable, Sendable {
        package var signPerSecond: Double
        package var verifyPerSecond: Double

        package init(signPerSecond: Double, verifyPerSecond: Double) {
            self.signPerSecond = signPerSecond
            self.verifyPerSecond = verifyPerSecond
        }
    }

    /// Sign and verify per second of `bittensor_wallet.Keypair` from `seed`, over `message`.
    package static func measure(python interpreter: String, seconds: Double, seed: String, message: String) async throws(PythonAnchor.Failure) -> Rates {
        let script = """
            import json, sys, time
            from bittensor_wallet import Keypair
            seconds = float(sys.argv[1]); msg = sys.argv[3].encode()
            kp = Keypair.create_from_seed(sys.argv[2])
            sig = kp.sign(msg)
            def rate(f):
                end = time.perf_counter() + 0.2
                while time.perf_counter() < end: f()
                n = 0; start = time.perf_counter(); end = start + seconds
                while time.perf_counter() < end:
                    for _ in range(16): f()
                    n += 16
                return n / (time.perf_counter() - start)
            s = rate(lambda: kp.sign(msg))
            assert kp.verify(msg, sig)
            v = rate(lambda: kp.verify(msg, sig))
            print(json.dumps({"signPerSecond": s, "verifyPerSecond": v}))
            """
        return try await PythonAnchor(name: "Rust schnorrkel (bittensor_wallet)", python: interpreter)
            .run(script, arguments: [String(seconds), seed, message], as: Rates.self)
    }
}
