import ArgumentParser
import Bittensor
import ComputeSubnet
import Foundation

/// Requirement flags shared by `a` and `a_hotkey`.
struct RequirementOptions: ParsableArguments {
    @Option(name: .customLong("cpu-count"), help: "CPUs the container needs.") var cpuCount = 1
    @Option(name: .customLong("gpu-type"), help: "GPU model, matched case-insensitively in the GPU name (e.g. h100).")
    var gpuType: String?
    @Option(name: .customLong("gpu-memory-gb"), help: "Total GPU memory in GB.") var gpuMemoryGB: Double?
    @Option(name: .customLong("gpu-count"), help: "Number of GPUs.") var gpuCount: Int?
    @Option(name: .customLong("ram-gb"), help: "RAM in GB.") var ramGB: Double = 1
    @Option(name: .customLong("disk-gb"), help: "Disk in GB.") var diskGB: Double = 1
    @Option(help: "Lease length in days (1-60).") var days = 30
    @Flag(name: .customLong("store-password"), help: "Keep a container password, if an older miner sends one, in the database.")
    var storePassword = false
    @Option(name: .customLong("identity-dir"), help: "Folder for the SSH login keys (default: keys/ next to the database).")
    var identityDirectory: String?

    /// `--identity-dir`, else `keys/` next to the database.
    func keyDirectory(_ options: RegisterOptions) -> String {
        if let identityDirectory { return NSString(string: identityDirectory).expandingTildeInPath }
        return (options.resolvedDBPath as NSString).deletingLastPathComponent + "/keys"
    }

    var request: ResourceRequest {
        ResourceRequest(cpuCount: cpuCount, gpuType: gpuType, gpuMemoryGB: gpuMemoryGB, gpuCount: gpuCount,
                        ramGB: ramGB, diskGB: diskGB, days: days)
    }
}

/// Writes the grant's login key (0600) under `keyDirectory`, then prints the grant as the
/// original's success block, or as JSON.
func report(_ grant: Grant, resource: String?, json: Bool, keyDirectory: String) throws {
    var grant = grant
    do { try grant.writeIdentity(in: keyDirectory) } catch {
        throw CLIFailure("cannot write the SSH key under \(keyDirectory): \(error)")
    }
    if json {
        struct Out: Encodable {
            let hotkey, ip: String; let port: Int; let username, password, ssh: String; let identity_file: String?; let expires: Date
        }
        try printJSON(Out(hotkey: grant.hotkey, ip: grant.ip, port: grant.port, username: grant.username,
                          password: grant.password, ssh: grant.sshCommand, identity_file: grant.identityFile,
                          expires: grant.expiresAt))
        return
    }
    let rule = String(repeating: "-", count: 72)
    print("Allocation successful! Details and access data:")
    print(rule)
    print("Hotkey:   \(grant.hotkey)")
    if let resource { print("Resource: \(resource)") }
    print("Username: \(grant.username)")
    if let identity = grant.identityFile { print("Key:      \(identity)   (root logs in with this key only)") }
    if !grant.password.isEmpty { print("Password: \(grant.password)   (shown once: it is not stored unless --store-password)") }
    print("Port:     \(grant.port)")
    print("IP:       \(grant.ip)")
    print("Expires:  \(ISO8601DateFormatter().string(from: grant.expiresAt))")
    print("\n    \(grant.sshCommand)\n")
    print(rule)
}

/// `register a`: allocate the best miner meeting the requirements.
struct RegisterAllocateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "a", abstract: "Allocate a miner that meets the requirements.")
    @OptionGroup var options: RegisterOptions
    @OptionGroup var requirements: RequirementOptions
    @Flag(help: "Print JSON.") var json = false

    func run() async throws {
        let request = requirements.request
        if !json { FileHandle.standardError.write(Data("Looking for: \(request.summary)\n".utf8)) }
        let grant = try await options.withClient(storePassword: requirements.storePassword) { try await $0.allocate(request) }
        try report(grant, resource: try? await options.openStore().allocation(hotkey: grant.hotkey)?.resource, json: json,
                   keyDirectory: requirements.keyDirectory(options))
    }
}

/// `register a_hotkey`: allocate one given miner.
struct RegisterAllocateHotkeyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "a_hotkey", abstract: "Allocate the miner with a given hotkey.")
    @OptionGroup var options: RegisterOptions
    @Option(help: "The miner's hotkey (SS58).") var hotkey: String
    @OptionGroup var requirements: RequirementOptions
    @Flag(help: "Print JSON.") var json = false

    func run() async throws {
        let request = requirements.request
        let grant = try await options.withClient(storePassword: requirements.storePassword) {
            try await $0.allocate(hotkey: hotkey, request: request)
        }
        try report(grant, resource: try? await options.openStore().allocation(hotkey: grant.hotkey)?.resource, json: json,
                   keyDirectory: requirements.keyDirectory(options))
    }
}

/// `register d`: end an allocation.
struct RegisterDeallocateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "d", abstract: "De-allocate the miner with a given hotkey.")
    @OptionGroup var options: RegisterOptions
    @Option(help: "The miner's hotkey (SS58).") var hotkey: String
    @Flag(help: "Forget the allocation even when the miner does not confirm.") var force = false
    @Flag(help: "Print JSON.") var json = false

    func run() async throws {
        let (hotkey, force) = (self.hotkey, self.force)
        let confirmed = try await options.withClient { try await $0.deallocate(hotkey: hotkey, force: force) }
        if json {
            struct Out: Encodable { let hotkey: String; let deallocated: Bool; let confirmed_by_miner: Bool }
            try printJSON(Out(hotkey: hotkey, deallocated: true, confirmed_by_miner: confirmed))
        } else {
            print(confirmed ? "Resource de-allocated successfully." : "Allocation forgotten (the miner did not confirm).")
        }
    }
}
