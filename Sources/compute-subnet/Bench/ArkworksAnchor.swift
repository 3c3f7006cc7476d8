import Foundation

/// arkworks (BLS12-381, through `py-arkworks-bls12381` in the interop venv) timed from Python in
/// the same run as the Swift side: pairing and hash-to-G1 with quicknet's DST, thread CPU time,
/// best of batches (`ThreadCPUBench`'s rule).
enum ArkworksAnchor {
    /// CPU seconds per operation on the arkworks side.
    struct Costs: Codable, Sendable {
        var pairingSeconds: Double
        var hashToG1Seconds: Double
    }

    /// Why the anchor could not be measured.
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// Runs the anchor with `python` (which must import `py_arkworks_bls12381`).
    static func measure(python: String, iterations: Int, batches: Int) throws(Failure) -> Costs {
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
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = ["-c", script, String(iterations), String(batches)]
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        do { try process.run() } catch {
            throw Failure(description: "cannot run \(python) (\(error)); run `bash interop/setup.sh` and pass its python with --python or $INTEROP_PYTHON")
        }
        let errors = ErrorText()
        let reader = Thread { errors.data = err.fileHandleForReading.readDataToEndOfFile() }
        reader.start()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        while !reader.isFinished { usleep(1000) }
        guard process.terminationStatus == 0,
              let line = String(decoding: data, as: UTF8.self).split(separator: "\n").last,
              let costs = try? JSONDecoder().decode(Costs.self, from: Data(line.utf8)) else {
            let last = String(decoding: errors.data, as: UTF8.self).split(separator: "\n").last.map(String.init) ?? ""
            throw Failure(description: "the arkworks anchor failed with status \(process.terminationStatus) (\(last)); "
                + "`bash interop/setup.sh` installs py-arkworks-bls12381 into the interop venv")
        }
        return costs
    }

    /// What the stderr reader thread collected; read only after it finished.
    private final class ErrorText: @unchecked Sendable { var data = Data() }
}
