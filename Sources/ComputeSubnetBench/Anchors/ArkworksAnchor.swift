import Foundation

/// arkworks (BLS12-381, through `py-arkworks-bls12381` in the interop venv) timed from Python in
/// the same run as the Swift side: pairing and hash-to-G1 with quicknet's DST, thread CPU time,
/// best of batches (`ThreadCPUBench`'s rule).
package enum ArkworksAnchor {
    /// CPU seconds per operation on the arkworks side.
    package struct Costs: Codable, Sendable {
        package var pairingSeconds: Double
        package var hashToG1Seconds: Double
    }

    /// Runs the anchor with `python` (which must import `py_arkworks_bls12381`).
    package static func measure(python: String, iterations: Int, batches: Int) async throws(PythonAnchor.Failure) -> Costs {
        let script = """
            import json, sys, time
            from py_arkworks_bls12381 import G1Point, G2Point, GT, Scalar
            n = int(sys.argv[1]); batches = int(sys.argv[2])
            p = G1Point() * Scalar(12345); q = G2Point() * Scalar(2)
            dst = b"BLS_SIG_BLS12381G1_XMD:SHA-256_SSWU_RO_NUL_"
            \(ThreadCPUBench.pythonBest)
            pairing = best(lambda i: GT.pairing(p, q))
            h = best(lambda i: G1Point.hash_to_curve(i.to_bytes(32, "big"), dst))
            print(json.dumps({"pairingSeconds": pairing, "hashToG1Seconds": h}))
            """
        return try await PythonAnchor(name: "arkworks", python: python)
            .run(script, arguments: [String(iterations), String(batches)], as: Costs.self)
    }
}
