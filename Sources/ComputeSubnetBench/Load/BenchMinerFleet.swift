import Bittensor
import ComputeSubnet
import Foundation
import Logging

/// One local miner of the validator benchmark, as the metagraph lists it.
package struct BenchMiner: Sendable, Hashable {
    package var uid: UInt16
    package var hotkey: String
    package var ip: String
    package var port: UInt16

    /// Miner `index` listens on its own loopback address (127.0.1.1, 127.0.1.2, …): the
    /// validator challenges one miner per IP, as the original does.
    package static func address(_ index: Int) -> String { "127.0.\(1 + index / 250).\(1 + index % 250)" }

    /// A fixed hotkey per index (a 32-byte mini secret from the index), so runs are repeatable.
    package static func keypair(_ index: Int) throws -> Keypair {
        let seed = String(format: "%064x", 0xB0_0000 + index)
        return try Keypair(uri: "0x" + seed)
    }

    /// The metagraph line of this miner: served, no stake.
    package var neuron: NeuronInfo {
        NeuronInfo(uid: uid, hotkey: hotkey, coldkey: hotkey, axon: AxonInfo(block: 1, version: 0, ip: ip, port: port))
    }
}

/// Lightweight SN27 miners in this process: one `Axon` per miner (one event loop thread, one
/// forward thread), answering `Challenge` honestly with the miner's own `ChallengeWorker` on a
/// one-thread native solver, then holding the answer until a fixed delay after receipt: miner
/// `i` of `n` answers `slowest · (i+1)/n` seconds after it got the challenge, so answers arrive
/// spread out and the slowest answer of a round is known.
package final class BenchMinerFleet: Sendable {
    package let miners: [BenchMiner]
    private let axons: [Axon]

    private init(miners: [BenchMiner], axons: [Axon]) {
        self.miners = miners
        self.axons = axons
    }

    package static func start(count: Int, slowest: Double) async throws -> BenchMinerFleet {
        ProcessUsage.raiseDescriptorLimit()
        let quiet = Logger(label: "bench.miner", factory: { _ in SwiftLogNoOpLogHandler() })
        var miners: [BenchMiner] = []
        var axons: [Axon] = []
        do {
            for index in 0..<count {
                let keypair = try BenchMiner.keypair(index)
                var configuration = AxonConfiguration(host: BenchMiner.address(index), port: 0)
                configuration.forwardThreads = 1
                let axon = Axon(keypair: keypair, configuration: configuration, logger: quiet)
                let worker = ChallengeWorker(solver: NativeSolver(threads: 1), maxQueued: 16, logger: quiet)
                let delay = Duration.nanoseconds(Int64(slowest * 1e9 * Double(index + 1) / Double(count)))
                axon.attach(Challenge.self, forward: { synapse, _ in
                    let received = ContinuousClock.now
                    let reply = await worker.answer(synapse, receivedAt: received)
                    try? await Task.sleep(until: received + delay, clock: .continuous)
                    return reply
                })
                axons.append(axon)
                let port = try await axon.start()
                miners.append(BenchMiner(uid: UInt16(index), hotkey: keypair.ss58Address, ip: configuration.host, port: UInt16(port)))
            }
        } catch {
            for axon in axons { await axon.stop() }
            throw error
        }
        return BenchMinerFleet(miners: miners, axons: axons)
    }

    package func stop() async {
        await withTaskGroup(of: Void.self) { group in
            for axon in axons { group.addTask { await axon.stop() } }
        }
    }
}

/// The miners served by a child process (`bench validator --serve-miners`), so the validator's
/// own CPU time is measured alone. The child prints `MINER uid hotkey ip port` lines, then
/// `READY`, and stops when its standard input closes.
package final class ChildMinerFleet {
    package let miners: [BenchMiner]
    package let pid: Int32
    private let process: Process
    private let input: FileHandle

    private init(miners: [BenchMiner], process: Process, input: FileHandle) {
        self.miners = miners
        self.process = process
        self.pid = process.processIdentifier
        self.input = input
    }

    package static func start(count: Int, slowest: Double) throws -> ChildMinerFleet {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        process.arguments = ["bench", "validator", "--serve-miners", "--miners", "\(count)", "--slowest", "\(slowest)"]
        let out = Pipe(), input = Pipe()
        process.standardOutput = out
        process.standardInput = input
        try process.run()
        var miners: [BenchMiner] = []
        var buffer = Data()
        let handle = out.fileHandleForReading
        reading: while true {
            let chunk = handle.availableData
            if chunk.isEmpty { break }
            buffer.append(chunk)
            while let newline = buffer.firstIndex(of: 0x0a) {
                let line = String(decoding: buffer[buffer.startIndex..<newline], as: UTF8.self)
                buffer.removeSubrange(buffer.startIndex...newline)
                if line == "READY" { break reading }
                let parts = line.split(separator: " ")
                if parts.count == 5, parts[0] == "MINER", let uid = UInt16(parts[1]), let port = UInt16(parts[4]) {
                    miners.append(BenchMiner(uid: uid, hotkey: String(parts[2]), ip: String(parts[3]), port: port))
                }
            }
        }
        guard miners.count == count else {
            process.terminate()
            process.waitUntilExit()
            throw FleetFailure(started: miners.count, expected: count)
        }
        return ChildMinerFleet(miners: miners, process: process, input: input.fileHandleForWriting)
    }

    /// CPU seconds the child has used so far.
    package var cpu: Double { ProcessUsage.cpu(pid: pid) ?? 0 }
    /// The child's resident memory in KiB.
    package var residentKiB: Int? { ProcessUsage.residentKiB(pid: "\(pid)") }

    package func stop() {
        try? input.close()
        process.waitUntilExit()
    }

    /// The child's side: serves the miners until standard input closes.
    package static func serve(count: Int, slowest: Double) async throws {
        let fleet = try await BenchMinerFleet.start(count: count, slowest: slowest)
        var text = ""
        for m in fleet.miners { text += "MINER \(m.uid) \(m.hotkey) \(m.ip) \(m.port)\n" }
        text += "READY\n"
        FileHandle.standardOutput.write(Data(text.utf8))
        // Wait for EOF on a plain thread: the cooperative pool stays free for the miners.
        await withCheckedContinuation { (done: CheckedContinuation<Void, Never>) in
            Thread {
                _ = FileHandle.standardInput.readDataToEndOfFile()
                done.resume()
            }.start()
        }
        await fleet.stop()
    }
}

/// The child miner process did not start every miner it was asked for.
package struct FleetFailure: Error, CustomStringConvertible {
    package let started: Int
    package let expected: Int
    package var description: String {
        "the miner process started \(started) of \(expected) miners; run with fewer --miners or see its stderr"
    }
}
