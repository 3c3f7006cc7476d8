import ArgumentParser
import Bittensor
import BittensorDevnet

/// `compute-subnet devnet fund`: the faucet.
struct DevnetFundCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "fund", abstract: "Mint TAO into an account's free balance.")

    @OptionGroup var devnet: DevnetPathOptions

    @Option(help: "The account (SS58).")
    var ss58: String

    @Option(help: "Amount in TAO (up to 9 decimals).")
    var tao: TAOAmount

    func run() async throws {
        let chain = try devnet.open()
        try await chain.fund(address: ss58, rao: tao.rao)
        print("funded \(ss58) with \(formatTAO(tao.rao)) τ; balance \(formatTAO(try await chain.balance(of: ss58))) τ")
    }
}

/// `compute-subnet devnet stake`: stake on a hotkey (minted, or paid by `--coldkey`).
struct DevnetStakeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stake",
        abstract: "Stake TAO on a hotkey (swapped 1:1 into the subnet's alpha, or kept on root with --root): minted by the devnet, or taken from --coldkey's balance.")

    @OptionGroup var devnet: DevnetPathOptions

    @Option(help: "The hotkey (SS58).")
    var hotkey: String

    @Option(help: "Amount in TAO (up to 9 decimals).")
    var tao: TAOAmount

    @Option(help: "Pay from this coldkey's balance (SS58) instead of minting.")
    var coldkey: String?

    @Flag(help: "Stake on root: the hotkey holds TAO, counted at tao_weight in its stake weight.")
    var root = false

    func run() async throws {
        let chain = try devnet.open()
        try await chain.addStake(hotkey: hotkey, rao: tao.rao, coldkey: coldkey, root: root)
        let alpha = try await chain.stake(of: hotkey), taoStake = try await chain.taoStake(of: hotkey)
        let weight = try await chain.stakeWeight(of: hotkey), taoWeight = try await chain.taoWeight()
        print("staked \(formatTAO(tao.rao)) τ on \(hotkey)\(root ? " (root)" : ""); alpha \(formatTAO(alpha)) α, TAO \(formatTAO(taoStake)) τ, "
              + "stake weight \(formatTAO(weight)) α (tao_weight \(taoWeight))")
    }
}

/// `compute-subnet devnet register`: burned registration of a wallet's hotkey, paid by its
/// (unencrypted, or password-supplied) coldkey — the devnet's own path, next to `subnet register`.
struct DevnetRegisterCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "register",
        abstract: "Burned-register a wallet's hotkey on a devnet subnet (the coldkey pays).")

    @OptionGroup var devnet: DevnetPathOptions
    @OptionGroup var wallet: WalletOptions

    @Option(help: "The subnet.")
    var netuid: UInt16 = 27

    func run() async throws {
        let chain = try devnet.open()
        let w = wallet.wallet
        let coldkey = try w.coldkey(password: .environment())
        guard let hotkey = try w.hotkeyAddress() else {
            throw DevnetError.invalidArgument("wallet \(w.name) has no hotkey \(w.hotkeyName)")
        }
        if try await chain.isRegistered(hotkey: hotkey, netuid: netuid) {
            print("\(hotkey) is already registered on subnet \(netuid)")
            return
        }
        let uid = try await chain.register(netuid: netuid, hotkey: hotkey, coldkey: coldkey.ss58Address)
        print("registered \(hotkey) on subnet \(netuid) as uid \(uid)")
    }
}
