import Foundation

/// `peer_axon.py` (the Python SDK's axon from the interop folder) started for a benchmark. It
/// prints `READY <hotkey> <port>` once it serves; `stop()` ends it.
///
/// A long-running peer whose readiness line must be read while it runs, so it is the one kind of
/// child not run through `Program` (which runs a program to its end).
package struct PythonAxonPeer {
    /// Why the peer did not come up.
    package struct Failure: Error, CustomStringConvertible {
        package enum Reason { case cannotRun(any Error), noReadyLine }
        package let python: String
        package let folder: String
        package let reason: Reason
        package var description: String {
            switch reason {
            case let .cannotRun(error):
                "peer_axon.py could not run with \(python) (\(error)); run `bash interop/setup.sh` or pass --python"
            case .noReadyLine:
                "peer_axon.py (python \(python), folder \(folder)) ended without printing READY; run `bash interop/setup.sh`"
            }
        }
    }

    package let process: Process
    package let hotkey: String
    package let port: Int

    /// Starts the peer with the miner's `mnemonic` on a free port and waits for its READY line.
    package static func start(python: String, folder: String, mnemonic: String) throws(Failure) -> PythonAxonPeer {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = [URL(fileURLWithPath: folder).appendingPathComponent("peer_axon.py").path, "--port", "0",
                             "--mnemonic", mnemonic]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        do { try process.run() } catch {
            throw Failure(python: python, folder: folder, reason: .cannotRun(error))
        }
        // The READY line is at most a few hundred bytes; a peer that prints more without it fails.
        var line: [UInt8] = []
        var seen = 0
        let handle = out.fileHandleForReading
        while seen < 1 << 20 {
            let byte = handle.readData(ofLength: 1)
            guard let first = byte.first else { break }
            seen += 1
            if first == 0x0a {
                if line.starts(with: Array("READY ".utf8)) { break }
                line = []
            } else if line.count < 4096 {
                line.append(first)
            }
        }
        let parts = String(decoding: line, as: UTF8.self).split(separator: " ")
        guard parts.count == 3, parts[0] == "READY", let port = Int(parts[2]) else {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            throw Failure(python: python, folder: folder, reason: .noReadyLine)
        }
        return PythonAxonPeer(process: process, hotkey: String(parts[1]), port: port)
    }

    /// Ends the peer (SIGKILL: children of a Swift process can inherit a blocked SIGTERM).
    package func stop() {
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }
}
