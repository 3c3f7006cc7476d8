import ArgumentParser
import Bittensor
import ComputeSubnet
import ComputeSubnetBench
import Foundation
import Logging

/// `compute-subnet bench validator`: the validator's real challenge round (`ChallengeService`:
/// miner selection, difficulty from the stored history, concurrent signed challenges,
/// verification, one-transaction write, pruning) against local miners, round after round.
///
/// The miners run in a child process by default (`--serve-miners`), so `getrusage` of this
/// process is the validator's CPU alone and `/proc/<child>/stat` is the miners'. Each miner
/// solves its challenge honestly and holds the answer until a known delay, the slowest
/// `--slowest` seconds, so the round's overhead beyond its slowest answer is what is measured.
struct BenchValidatorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validator",
        abstract: "A validator challenge round against local miners: overhead beyond the slowest answer, CPU, SQLite, memory.")

    @Option(help: "Local miners (one axon each, on 127.0.x.y).")
    var miners = 256

    @Option(help: "Challenges in flight at once (the validator's --challenge.batch-size); default: every miner, as the validator's default 256 is on a 256-UID subnet.")
    var batchSize: Int?

    @Option(help: "Rounds measured (after one warm-up round).")
    var rounds = 50

    @Option(help: "Seconds the slowest miner holds its answer; miner i of n answers after slowest·(i+1)/n.")
    var slowest: Double = 1

    @Option(help: "Challenge difficulty (password length; the miners brute-force it).")
    var difficulty = 3

    @Option(help: "Simulated minutes between rounds for stored timestamps (the original: 50–80 blocks ≈ 15 min), so the 24 h window and pruning reach steady state.")
    var minutesPerRound: Double = 15

    @Flag(help: "Run the miners in this process instead of a child process.")
    var inProcess = false

    @Flag(help: "Print one JSON object instead of a table.")
    var json = false

    @Flag(help: .hidden)
    var serveMiners = false

    /// The original validator's round: bounded by its 30 s `pow_timeout` (targets.md).
    static let anchorRoundSeconds = 30.0

    func validate() throws {
        guard (1...4000).contains(miners) else { throw ValidationError("--miners must be in 1…4000") }
        guard (1...100_000).contains(rounds) else { throw ValidationError("--rounds must be in 1…100000") }
        guard slowest.isFinite, (0...25).contains(slowest) else { throw ValidationError("--slowest must be in 0…25 seconds") }
        guard minutesPerRound.isFinite, minutesPerRound >= 0 else { throw ValidationError("--minutes-per-round must be ≥ 0") }
        guard (1...7).contains(difficulty) else { throw ValidationError("--difficulty must be in 1…7") }
        if let batchSize { guard (1...4000).contains(batchSize) else { throw ValidationError("--batch-size must be in 1…4000") } }
    }

    func run() async throws {
        if serveMiners {
            try await ChildMinerFleet.serve(count: miners, slowest: slowest)
            return
        }
        ProcessUsage.raiseDescriptorLimit()
        let child: ChildMinerFleet? = if inProcess { nil } else { try ChildMinerFleet.start(count: miners, slowest: slowest) }
        let local: BenchMinerFleet? = if inProcess { try await BenchMinerFleet.start(count: miners, slowest: slowest) } else { nil }
        let fleet = child?.miners ?? local?.miners ?? []
        defer { child?.stop() }

        let quiet = Logger(label: "bench.validator", factory: { _ in SwiftLogNoOpLogHandler() })
        let hotkey = try Keypair(uri: "//Alice")
        // The validator itself is in the metagraph with validator stake (never challenged).
        let validatorNeuron = NeuronInfo(uid: UInt16(fleet.count), hotkey: hotkey.ss58Address, coldkey: hotkey.ss58Address,
                                         stake: 10_000 * Rao.perToken, validatorPermit: true)
        let graph = Metagraph(block: 1, netuid: 27, neurons: fleet.map(\.neuron) + [validatorNeuron])
        var configuration = ValidatorConfiguration(netuid: 27)
        configuration.difficulty = try DifficultyController(min: difficulty, max: difficulty)
        configuration.challengeBatchSize = batchSize ?? miners
        let store = try ValidatorStore.temporary()
        let shadow = try ValidatorStore.temporary()
        let dendrite = Dendrite(keypair: hotkey)
        defer {
            for path in [store.path, shadow.path] {
                try? FileManager.default.removeItem(at: URL(fileURLWithPath: path).deletingLastPathComponent())
            }
        }
        let clock = SimulatedClock(step: minutesPerRound * 60)
        let context = ValidatorContext(chain: StaticSubtensor(graph: graph), store: store, dendrite: dendrite, hotkey: hotkey,
                                       configuration: configuration, logger: quiet, now: { clock.now })
        let service = ChallengeService(context: context)

        // Warm-up: connections, first statements, lazy allocations.
        let warmUp = try await service.runRound(at: 1)
        try await shadow.record(round: RoundRecord(id: warmUp.id, results: try await store.results(round: warmUp.id)))
        var samples: [RoundSample] = []
        let childCPU0 = child?.cpu ?? 0
        for index in 0..<rounds {
            clock.advance()
            let cpu0 = ProcessUsage.selfCPU(), childBefore = child?.cpu ?? 0
            let started = ContinuousClock.now
            let report = try await service.runRound(at: UInt64(index + 2))
            let wall = Self.seconds(since: started)
            let cpu = ProcessUsage.selfCPU() - cpu0, minersCPU = (child?.cpu ?? 0) - childBefore
            // The round's write, replayed on a shadow store holding the same rows: the round
            // code times record + prune together; this splits out the one-transaction write.
            let results = try await store.results(round: report.id)
            let statsStart = ContinuousClock.now
            _ = try await shadow.stats(window: configuration.statsWindow, now: clock.now)
            let stats = Self.seconds(since: statsStart)
            let writeStart = ContinuousClock.now
            try await shadow.record(round: RoundRecord(id: report.id, results: results))
            let write = Self.seconds(since: writeStart)
            let pruneStart = ContinuousClock.now
            try await shadow.prune(olderThan: configuration.statsWindow.start(endingAt: clock.now),
                                   keepingRecent: configuration.statsWindow.recentCount)
            let prune = Self.seconds(since: pruneStart)
            let rows = try await shadow.challengeCount()
            samples.append(RoundSample(report: report, wall: wall, validatorCPU: cpu, minersCPU: minersCPU, stats: stats,
                                       write: write, prune: prune, rows: rows, rssKiB: ProcessUsage.residentKiB() ?? 0,
                                       minersRSSKiB: child?.residentKiB))
        }
        let childCPU = (child?.cpu ?? 0) - childCPU0
        let descriptors = ProcessUsage.openDescriptors()
        try? await dendrite.shutdown()
        await local?.stop()

        var result = BenchValidatorResult(samples: samples, miners: miners, slowestConfigured: slowest, difficulty: difficulty,
                                          minutesPerRound: minutesPerRound,
                                          minersInChild: child != nil, minersCPUTotal: childCPU, descriptors: descriptors,
                                          anchorRoundSeconds: Self.anchorRoundSeconds)
        result.batch_size = configuration.challengeBatchSize
        if json {
            try printJSON(result)
        } else {
            print(result.table())
        }
        if result.failed_challenges > 0 {
            throw CLIFailure("\(result.failed_challenges) challenges did not verify (see the table)")
        }
    }

    static func seconds(since start: ContinuousClock.Instant) -> Double {
        let d = ContinuousClock.now - start
        return Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
    }
}
