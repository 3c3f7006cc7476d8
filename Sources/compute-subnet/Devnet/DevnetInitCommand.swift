import ArgumentParser
import Bittensor
import BittensorDevnet
import Foundation

/// `compute-subnet devnet init`: creates a devnet with one subnet and funded dev accounts.
struct DevnetInitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create a devnet: block 0, //Alice…//Ferdie with 1 000 000 TAO each, and one subnet.")

    @OptionGroup var devnet: DevnetPathOptions

    @Option(help: "The subnet to create.")
    var netuid: UInt16 = 27

    @Option(name: .customLong("devnet.block-time"), help: "Seconds between blocks (fractions allowed).")
    var blockTime: Double = 12

    @Option(help: "Blocks between epochs.")
    var tempo: UInt16 = 360

    @Option(name: .customLong("immunity-period"), help: "Blocks a new neuron cannot be replaced.")
    var immunityPeriod: UInt16 = 5000

    @Option(name: .customLong("weights-rate-limit"), help: "Blocks between two set_weights of one neuron.")
    var weightsRateLimit: UInt64 = 100

    @Option(name: .customLong("weights-version-key"), help: "Minimum version_key for set_weights (0: any).")
    var weightsVersionKey: UInt64 = 0

    @Option(name: .customLong("min-allowed-weights"), help: "Fewest weights a validator may set.")
    var minAllowedWeights: UInt16 = 1

    @Option(name: .customLong("max-uids"), help: "Neurons the subnet holds.")
    var maxUids: UInt16 = 256

    @Option(name: .customLong("max-validators"), help: "Validator permits (top stake weights: alpha + tao_weight × TAO).")
    var maxValidators: UInt16 = 64

    @Option(name: .customLong("burn"), help: "Registration cost in TAO.")
    var burn: TAOAmount = TAOAmount(argument: "1")!

    @Option(name: .customLong("tao-weight"),
            help: "tao_weight in [0, 1]: what one root TAO counts next to one alpha in stake weight (finney: 0.18).")
    var taoWeight: Double = 0.18

    @Flag(name: .customLong("no-dev-funds"), help: "Do not endow //Alice…//Ferdie.")
    var noDevFunds = false

    @Option(name: .customLong("commit-reveal"),
            help: "Commit-reveal v4 weights, as finney: on or off (default: on when this build has a timelock implementation).")
    var commitReveal: BoolFlag?

    @Option(name: .customLong("reveal-period"), help: "Epochs between a weights commit and its reveal (RevealPeriodEpochs).")
    var revealPeriod: UInt64 = 1

    @Option(name: .customLong("beacon.period"), help: "Seconds between the devnet beacon's rounds (quicknet: 3).")
    var beaconPeriod: Double = 3

    @Option(name: .customLong("beacon.genesis"), help: "Unix time of the devnet beacon's round 1 (default: now).")
    var beaconGenesis: Double?

    func run() async throws {
        var subnet = SubnetParameters(netuid: netuid)
        subnet.tempo = tempo
        subnet.immunityPeriod = immunityPeriod
        subnet.weightsRateLimit = weightsRateLimit
        subnet.weightsVersionKey = weightsVersionKey
        subnet.minAllowedWeights = minAllowedWeights
        subnet.maxAllowedUids = maxUids
        subnet.maxAllowedValidators = maxValidators
        subnet.burn = burn.rao
        let suite = DevnetTimelock.suite
        if commitReveal?.value == true && suite == nil {
            throw ValidationError("--commit-reveal on needs a timelock implementation, and this build has none; use --commit-reveal off")
        }
        subnet.commitRevealEnabled = commitReveal?.value ?? (suite != nil)
        subnet.revealPeriodEpochs = revealPeriod
        guard beaconPeriod.isFinite, beaconPeriod > 0 else { throw ValidationError("--beacon.period must be a positive number of seconds") }
        _ = try BlockClock(seconds: blockTime)
        guard taoWeight.isFinite, (0...1).contains(taoWeight) else { throw ValidationError("--tao-weight must be between 0 and 1") }
        let chain = try await DevnetChain.create(
            path: devnet.resolvedPath,
            genesis: DevnetGenesis(blockTime: blockTime, fundDevAccounts: !noDevFunds, subnets: [subnet],
                                   beaconGenesis: beaconGenesis, beaconPeriod: beaconPeriod),
            timelock: suite)
        try await chain.setTaoWeight(TaoWeight(proportion: taoWeight))
        print("devnet created at \(devnet.resolvedPath)")
        print("  subnet \(netuid): tempo \(tempo), max uids \(maxUids), immunity \(immunityPeriod), rate limit \(weightsRateLimit), burn \(formatTAO(burn.rao)) τ")
        print("  commit-reveal \(subnet.commitRevealEnabled ? "on (reveal period \(revealPeriod) epochs)" : "off")"
              + (suite == nil ? "; no beacon (this build has no timelock implementation)" : "; beacon round every \(beaconPeriod) s"))
        print("  tao_weight \(TaoWeight(proportion: taoWeight)) (stake weight = alpha + tao_weight × TAO)")
        print("  block time \(blockTime) s; start it with: compute-subnet devnet start --devnet.path \(devnet.resolvedPath)")
    }
}
