import ArgumentParser
import Bittensor
import ComputeSubnet
import ComputeSubnetBench
import Foundation

/// `register list_a`: this validator's allocations.
struct RegisterListAllocationsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list_a", abstract: "List the resources this validator allocated.")
    @OptionGroup var options: RegisterOptions
    @Flag(help: "Print JSON.") var json = false

    func run() async throws {
        let allocations = try await options.openStore().allocations()
        if json {
            struct Out: Encodable {
                let hotkey: String; let uid: UInt16?; let ip: String; let port: UInt16; let username: String
                let resource: String?; let ssh: String; let created, expires: Date
            }
            try printJSON(allocations.map {
                Out(hotkey: $0.hotkey, uid: $0.uid, ip: $0.ip, port: $0.port, username: $0.username, resource: $0.resource,
                    ssh: "ssh \($0.username)@\($0.ip) -p \($0.port)", created: $0.createdAt, expires: $0.expiresAt)
            })
            return
        }
        guard !allocations.isEmpty else {
            print("No resources allocated. Allocate a resource with 'a'.")
            return
        }
        var table = TextTable([("UID", .right), ("Hotkey", .left), ("Resource", .left), ("SSH", .left), ("Expires", .left)])
        let formatter = ISO8601DateFormatter()
        for a in allocations {
            table.append([a.uid.map(String.init) ?? "-", a.hotkey, a.resource ?? "-", "ssh \(a.username)@\(a.ip) -p \(a.port)",
                          formatter.string(from: a.expiresAt)])
        }
        print("LIST OF ALLOCATED RESOURCES")
        print(table.render())
    }
}

/// `register list_r`: every miner's reported resources and whether it is free.
struct RegisterListResourcesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list_r", abstract: "List the miners' resources (from their specs).")
    @OptionGroup var options: RegisterOptions
    @Flag(help: "Print JSON.") var json = false

    struct Row: Encodable {
        let hotkey: String; let gpu_name: String?; let gpu_memory_gb: Double?; let gpu_count: Int
        let vcpus: Int?; let ram_gb: Double?; let disk_gb: Double?; let allocated: Bool
    }

    func run() async throws {
        let store = try options.openStore()
        let specs = try await store.allSpecs()
        let taken = Set(try await store.allocations(activeAt: Date()).map(\.hotkey))
        let gib = 1024.0 * 1024 * 1024
        let rows: [Row] = specs.map { entry in
            let json = (try? JSONParser.parse(Array(entry.json.utf8))) ?? .null
            let gpu = json["gpu"]
            return Row(hotkey: entry.hotkey, gpu_name: gpu?["details"]?.arrayValue?.first?["name"]?.stringValue,
                       gpu_memory_gb: gpu?["capacity"]?.doubleValue.map { $0 / 1024 }, gpu_count: gpu?["count"]?.intValue ?? 0,
                       vcpus: json["cpu"]?["count"]?.intValue, ram_gb: json["ram"]?["available"]?.doubleValue.map { $0 / gib },
                       disk_gb: json["hard_disk"]?["free"]?.doubleValue.map { $0 / gib }, allocated: taken.contains(entry.hotkey))
        }
        if json { try printJSON(rows); return }
        guard !rows.isEmpty else {
            print("No miner specs stored yet: the validator collects them every specs round.")
            return
        }
        func n(_ v: Double?) -> String { v.map { String(format: "%.1f", $0) } ?? "N/A" }
        var table = TextTable([("Hotkey", .left), ("GPU Name", .left), ("GPU GB", .right), ("GPUs", .right),
                               ("vCPUs", .right), ("RAM GB", .right), ("Disk GB", .right), ("Status", .left)])
        for r in rows {
            table.append([r.hotkey, r.gpu_name ?? "-", n(r.gpu_memory_gb), String(r.gpu_count), r.vcpus.map(String.init) ?? "N/A",
                          n(r.ram_gb), n(r.disk_gb), r.allocated ? "Res." : "Avail."])
        }
        print(table.render())
        var summary: [String: (count: Int, gpus: Int)] = [:]
        for r in rows { summary[r.gpu_name ?? "CPU only", default: (0, 0)].count += 1; summary[r.gpu_name ?? "CPU only"]!.gpus += r.gpu_count }
        var totals = TextTable([("GPU Name", .left), ("Instances", .right), ("GPUs", .right)])
        for (name, s) in summary.sorted(by: { $0.key < $1.key }) { totals.append([name, String(s.count), String(s.gpus)]) }
        print("\nSUMMARY")
        print(totals.render())
    }
}

/// `register p_hotkey`: penalise miners (their score becomes 0 in this validator's weights).
struct RegisterPenalizeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "p_hotkey", abstract: "Penalize miners (comma-separated hotkeys).")
    @OptionGroup var options: RegisterOptions
    @Option(help: "Hotkeys, comma-separated.") var hotkeys: String
    @Option(help: "Why (kept in the database).") var reason = ""

    func run() async throws {
        let store = try options.openStore()
        for hotkey in commaList(hotkeys) {
            guard (try? SS58.decode(hotkey)) != nil else { throw CLIFailure("not an SS58 address: \(hotkey)") }
            let added = try await store.penalize(hotkey: hotkey, reason: reason, at: Date())
            print(added ? "penalized \(hotkey)" : "\(hotkey) was already penalized")
        }
    }
}

/// `register dp_hotkey`: lift penalties.
struct RegisterDepenalizeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "dp_hotkey", abstract: "Lift penalties (comma-separated hotkeys).")
    @OptionGroup var options: RegisterOptions
    @Option(help: "Hotkeys, comma-separated.") var hotkeys: String

    func run() async throws {
        let store = try options.openStore()
        for hotkey in commaList(hotkeys) {
            let removed = try await store.removePenalty(hotkey: hotkey)
            print(removed ? "de-penalized \(hotkey)" : "\(hotkey) was not penalized")
        }
    }
}

/// `register list_p`: penalised miners.
struct RegisterListPenaltiesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list_p", abstract: "List penalized miners.")
    @OptionGroup var options: RegisterOptions
    @Flag(help: "Print JSON.") var json = false

    func run() async throws {
        let penalties = try await options.openStore().penalties()
        if json {
            struct Out: Encodable { let hotkey: String; let reason: String; let created: Date }
            try printJSON(penalties.map { Out(hotkey: $0.hotkey, reason: $0.reason, created: $0.createdAt) })
            return
        }
        guard !penalties.isEmpty else { print("No penalized miners."); return }
        var table = TextTable([("Hotkey", .left), ("Reason", .left), ("Since", .left)])
        let formatter = ISO8601DateFormatter()
        for p in penalties { table.append([p.hotkey, p.reason.isEmpty ? "-" : p.reason, formatter.string(from: p.createdAt)]) }
        print(table.render())
    }
}
