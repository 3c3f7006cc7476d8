import ArgumentParser
import Bittensor
import Foundation

/// `compute-subnet subnet register --netuid N`: burned registration of the wallet's hotkey,
/// signed and paid by its coldkey (btcli `subnet register`).
struct SubnetRegisterCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "register", abstract: "Register the wallet's hotkey on a subnet by burning TAO from the coldkey.")

    @Option(help: "The subnet's netuid.") var netuid: UInt16
    @Option(name: .customLong("wallet.password-file"), help: "Read the coldkey password from this file (else BT_PW_… or a prompt).")
    var passwordFile: String?
    @OptionGroup var subtensor: SubtensorOptions
    @OptionGroup var wallet: WalletOptions

    func run() async throws {
        let w = wallet.wallet
        guard let hotkey = try w.hotkeyAddress() else {
            throw ValidationError("wallet \(w.name) has no hotkey \(w.hotkeyName) under \(w.path)")
        }
        let chain = try await subtensor.makeSubtensor()
        defer { if let client = chain as? SubstrateClient { Task { await client.close() } } }
        if try await chain.isRegistered(hotkey: hotkey, netuid: netuid) {
            print("hotkey \(hotkey) is already registered on subnet \(netuid)")
            return
        }
        let coldkey = try w.coldkey(password: passwordFile.map(PasswordSource.file) ?? .environment())
        try await chain.burnedRegister(netuid: netuid, hotkey: hotkey, coldkey: coldkey)
        let uid = try await chain.metagraph(netuid: netuid).neuron(hotkey: hotkey)?.uid
        print("registered hotkey \(hotkey) on subnet \(netuid)" + (uid.map { " as uid \($0)" } ?? ""))
    }
}
