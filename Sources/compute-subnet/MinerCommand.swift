import ArgumentParser
import Bittensor
import ComputeSubnet
import Foundation
import Logging
import ServiceLifecycle

/// `compute-subnet miner`: serves Specs, Challenge and Allocate to validators of the subnet.
struct MinerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "miner",
        abstract: "Run an SN27 miner: answer specs queries and proof-of-work challenges, rent out this machine over SSH."
    )

    @Option(help: "Subnet uid.") var netuid: UInt16 = 27
    @OptionGroup var subtensor: SubtensorOptions
    @OptionGroup var wallet: WalletOptions
    @OptionGroup var logging: LoggingOptions

    @Option(name: .customLong("axon.port"), help: "Port the axon listens on.") var axonPort = 8091
    @Option(name: .customLong("axon.ip"), help: "Address the axon binds to.") var axonIP = "0.0.0.0"
    @Option(name: .customLong("axon.external_ip"), help: "Address published on chain (default: the bind address, or 127.0.0.1).")
    var externalIP: String?
    @Option(name: .customLong("axon.external_port"), help: "Port published on chain (default: the bound port).")
    var externalPort: Int?

    @Option(name: .customLong("miner.pow.backend"), help: "native, hashcat or auto.") var powBackend: SolverBackend = .auto
    @Option(name: .customLong("miner.pow.threads"), help: "Native solver threads (0: all cores).") var powThreads = 0
    @Option(name: .customLong("miner.hashcat.path"), help: "hashcat executable.") var hashcatPath = "hashcat"
    @Option(name: .customLong("miner.hashcat.workload.profile"), help: "hashcat -w profile, 1-4.") var workloadProfile = 3
    @Option(name: .customLong("miner.hashcat.extended.options"), help: "Extra hashcat options, e.g. \"-O\" (split into tokens).")
    var hashcatOptions = "-O"

    @Option(name: .customLong("miner.validator.min.stake"),
            help: "Least stake weight a caller needs, in alpha-equivalent (alpha + tao_weight × TAO); callers also need a validator permit.")
    var minStake: Double = 1024
    @Flag(name: .customLong("miner.whitelist.not.enough.stake"), help: "Let registered permitted callers below the stake weight through.")
    var allowLowStake = false
    @Option(name: .customLong("blacklist.hotkeys"), help: "Comma-separated hotkeys to refuse.") var blacklistHotkeys = ""
    @Option(name: .customLong("blacklist.coldkeys"), help: "Comma-separated coldkeys to refuse.") var blacklistColdkeys = ""
    @Option(name: .customLong("whitelist.hotkeys"), help: "Comma-separated hotkeys exempt from the stake check.") var whitelistHotkeys = ""
    @Option(name: .customLong("whitelist.coldkeys"), help: "Comma-separated coldkeys exempt from the stake check.") var whitelistColdkeys = ""

    @Option(name: .customLong("ssh.port"), help: "Host port for the rented container's SSH.") var sshPort = 4444
    @Option(name: .customLong("miner.image"), help: "SSH image reference (built from a debootstrap rootfs when missing).")
    var image = SSHImage.defaultReference
    @Option(name: .customLong("miner.container.name"), help: "Name of the rented container (one miner per name on a Docker host).")
    var containerName = "sn27-ssh-container"
    @Option(name: .customLong("miner.data.path"), help: "Folder for leases and the image cache (default ~/.bittensor/miners/<wallet>/<hotkey>).")
    var dataPath: String?
    @Flag(name: .customLong("miner.isolation.off"),
          help: "UNSAFE: run tenants on Docker's default bridge without the iptables rules (they reach this host's services and 169.254.0.0/16). Only for hosts where the miner may not change iptables; by default allocations are refused there.")
    var isolationOff = false
    @Flag(name: .customLong("miner.disk.quota.required"),
          help: "Refuse allocations when the storage driver cannot limit a container's disk (default: allocate and log a warning).")
    var requireDiskQuota = false

    func run() async throws {
        logging.bootstrap()
        let logger = Logger(label: "compute-subnet.miner")
        let hotkey: Keypair
        do {
            hotkey = try Wallet(path: wallet.resolvedPath, name: wallet.resolvedName, hotkey: wallet.resolvedHotkey).hotkey()
        } catch {
            throw CLIFailure("cannot load the hotkey: \(error)")
        }
        let chain = try await subtensor.makeSubtensor()
        let miner = Miner(configuration: configuration(), hotkey: hotkey, chain: chain, logger: logger)
        let running: Miner.Running
        do {
            running = try await miner.start()
        } catch let error as MinerError {
            throw CLIFailure(error.description)
        }
        let group = ServiceGroup(services: running.services, gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
        do {
            try await group.run()
        } catch let error as MinerError {
            throw CLIFailure(error.description)
        }
    }

    func configuration() -> MinerConfiguration {
        var c = MinerConfiguration()
        c.netuid = netuid
        c.axon = AxonConfiguration(host: axonIP, port: axonPort)
        c.axon.externalIP = externalIP
        c.axon.externalPort = externalPort
        c.axon.version = ComputeSubnetVersion.asInt
        c.sshPort = sshPort
        c.image = image
        c.containerName = containerName
        c.tenant.isolation = !isolationOff
        c.tenant.requireDiskQuota = requireDiskQuota
        c.pow.backend = powBackend
        c.pow.threads = powThreads
        c.pow.hashcatPath = hashcatPath
        c.pow.workloadProfile = workloadProfile
        c.pow.hashcatOptions = HashcatCommand.splitOptions(hashcatOptions)
        c.callers = CallerPolicy(
            minimumStakeWeight: Rao.from(tokens: minStake), allowInsufficientStake: allowLowStake,
            blacklistedHotkeys: Self.list(blacklistHotkeys), blacklistedColdkeys: Self.list(blacklistColdkeys),
            whitelistedHotkeys: Self.list(whitelistHotkeys), whitelistedColdkeys: Self.list(whitelistColdkeys))
        c.dataPath = dataPath.map { NSString(string: $0).expandingTildeInPath }
            ?? NSString(string: "~/.bittensor/miners/\(wallet.resolvedName)/\(wallet.resolvedHotkey)").expandingTildeInPath
        if subtensor.isDevnet { c.blockPoll = .milliseconds(500) }
        return c
    }

    static func list(_ text: String) -> Set<String> { Set(commaList(text)) }
}


/// A failure a command reports as one line on stderr, exiting 1.
struct CLIFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
