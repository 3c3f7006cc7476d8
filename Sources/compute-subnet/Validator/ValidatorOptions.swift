import ArgumentParser
import ComputeSubnet
import Foundation

/// The validator's own flags (spec §15.2, plus periods, timeouts and difficulty bounds so a
/// localnet can run rounds every few blocks).
struct ValidatorOptions: ParsableArguments {
    @Option(name: .customLong("validator.challenge.batch.size"), help: "Challenges in flight at once.")
    var challengeBatchSize = 256

    @Option(name: .customLong("validator.specs.batch.size"), help: "Specs queries in flight at once.")
    var specsBatchSize = 64

    @Option(name: .customLong("validator.perform.hardware.query"), help: "Run specs rounds: true or false.")
    var performHardwareQuery: BoolFlag = BoolFlag(true)

    @Option(name: .customLong("validator.whitelist.updated.threshold"),
            help: "At most this share (%) of miners up to date: the version floor is not applied.")
    var updatedThreshold: Double = 60

    @Option(name: .customLong("validator.min.miner.version"), help: "Lowest accepted miner axon version, e.g. 1.5.0 (default: none).")
    var minimumMinerVersion: String?

    @Option(name: .customLong("validator.challenge.interval"),
            help: "Blocks between challenge rounds: N or MIN-MAX, drawn per round.")
    var challengeInterval = "50-80"

    @Option(name: .customLong("validator.specs.interval"), help: "Blocks between specs rounds.")
    var specsInterval: UInt64 = 150

    @Option(name: .customLong("validator.weights.interval"), help: "Blocks between weight sets (default: the subnet's weights_rate_limit).")
    var weightsInterval: UInt64?

    @Option(name: .customLong("validator.challenge.timeout"), help: "Seconds a miner has to answer a challenge.")
    var challengeTimeout: Double = 30

    @Option(name: .customLong("validator.specs.timeout"), help: "Seconds a miner has to answer a specs query.")
    var specsTimeout: Double = 60

    @Option(name: .customLong("validator.difficulty.min"), help: "Lowest challenge difficulty (password length).")
    var minDifficulty = 6

    @Option(name: .customLong("validator.difficulty.max"), help: "Highest challenge difficulty.")
    var maxDifficulty = 12

    @Option(name: .customLong("validator.poll.interval"), help: "Seconds between polls of the chain head.")
    var pollInterval: Double = 1

    @Option(name: .customLong("blacklist.hotkeys"), help: "Miner hotkeys never queried (comma separated).")
    var blacklistHotkeys: String = ""

    @Option(name: .customLong("blacklist.coldkeys"), help: "Miner coldkeys never queried (comma separated).")
    var blacklistColdkeys: String = ""

    @Option(name: .customLong("blacklist.exploiters"), help: "Also skip the original's suspected exploiter hotkeys: true or false.")
    var blacklistExploiters: BoolFlag = BoolFlag(true)

    @Option(name: .customLong("db.path"), help: "The validator's database (default ~/.bittensor/validators/<wallet>/<hotkey>/compute-subnet.sqlite).")
    var dbPath: String?

    @Option(name: .customLong("metrics.port"), help: "Serve Prometheus /metrics and /status JSON on this port (0: any free port).")
    var metricsPort: Int?

    @Option(name: .customLong("metrics.host"), help: "Address of the metrics server.")
    var metricsHost = "0.0.0.0"

    @Option(name: .customLong("api.port"), help: "Serve the renter REST API and dashboard on this port (0: any free port; default: off).")
    var apiPort: Int?

    @Option(name: .customLong("api.host"), help: "Address of the renter API server.")
    var apiHost = "127.0.0.1"

    @Option(name: .customLong("validator.mecid"), help: "Subnet mechanism whose weights are committed under commit-reveal.")
    var mecid: UInt8 = 0

    func resolvedDBPath(wallet: WalletOptions) -> String {
        if let dbPath { return NSString(string: dbPath).expandingTildeInPath }
        return NSString(string: "~/.bittensor/validators/\(wallet.resolvedName)/\(wallet.resolvedHotkey)/compute-subnet.sqlite")
            .expandingTildeInPath
    }

    static func list(_ text: String) -> Set<String> { Set(commaList(text)) }

    /// The services' configuration from these flags.
    func configuration(netuid: UInt16) throws -> ValidatorConfiguration {
        var config = ValidatorConfiguration(netuid: netuid)
        config.challengeBatchSize = challengeBatchSize
        config.specsBatchSize = specsBatchSize
        config.performHardwareQuery = performHardwareQuery.value
        config.specsInterval = specsInterval
        config.weightsInterval = weightsInterval
        config.challengeTimeout = challengeTimeout
        config.specsTimeout = specsTimeout
        config.pollInterval = pollInterval
        config.formula.timeout = challengeTimeout
        config.mecid = mecid
        config.timelock = DevnetTimelock.suite?.cipher
        let bounds = challengeInterval.split(separator: "-").map { UInt64($0.trimmingCharacters(in: .whitespaces)) }
        switch bounds.count {
        case 1 where bounds[0] != nil: config.challengeSchedule = ChallengeSchedule(intervals: bounds[0]!...bounds[0]!)
        case 2 where bounds[0] != nil && bounds[1] != nil && bounds[0]! <= bounds[1]!:
            config.challengeSchedule = ChallengeSchedule(intervals: bounds[0]!...bounds[1]!)
        default: throw ValidationError("--validator.challenge.interval must be N or MIN-MAX blocks, got '\(challengeInterval)'")
        }
        do { config.difficulty = try DifficultyController(min: minDifficulty, max: maxDifficulty) } catch {
            throw ValidationError(error.description)
        }
        var hotkeys = Self.list(blacklistHotkeys)
        if blacklistExploiters.value { hotkeys.formUnion(SuspectedExploiters.hotkeys) }
        var minimumVersion: UInt32?
        if let minimumMinerVersion {
            guard let number = MinerSelection.versionNumber(minimumMinerVersion) else {
                throw ValidationError("--validator.min.miner.version must be a.b.c, got '\(minimumMinerVersion)'")
            }
            minimumVersion = number
        }
        var coldkeys = Self.list(blacklistColdkeys)
        if blacklistExploiters.value { coldkeys.formUnion(SuspectedExploiters.coldkeys) }
        config.selection = MinerSelection(blacklistedHotkeys: hotkeys, blacklistedColdkeys: coldkeys,
                                          minimumVersion: minimumVersion, updatedThresholdPercent: updatedThreshold)
        return config
    }
}

/// `true|false` flag values (the original's `type=bool` took any non-empty string as true, §19.12).
struct BoolFlag: ExpressibleByArgument, Sendable {
    let value: Bool
    init(_ value: Bool) { self.value = value }
    init?(argument: String) {
        switch argument.lowercased() {
        case "true", "1", "yes", "on": value = true
        case "false", "0", "no", "off": value = false
        default: return nil
        }
    }
    var defaultValueDescription: String { value ? "true" : "false" }
}
