import Bittensor
import ComputeSubnet
@testable import ComputeSubnetAPI
import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import Synchronization

/// Allocates without a subnet: every miner in `free` can be taken once; records what was asked.
final class FakeAllocator: RenterAllocator, Sendable {
    let taken = Mutex<Set<String>>([])
    let ended = Mutex<[String]>([])
    let free: [String]
    init(free: [String]) { self.free = free }

    func allocate(hotkey: String?, request: ResourceRequest, loginKey: String) async throws(RegisterError) -> Grant {
        if let hotkey, !free.contains(hotkey) { throw .notInMetagraph(hotkey: hotkey) }
        let wanted = hotkey.map { [$0] } ?? free
        let pick: String? = taken.withLock { taken in
            guard let choice = wanted.first(where: { !taken.contains($0) }) else { return nil }
            taken.insert(choice)
            return choice
        }
        guard let pick else { throw .noCandidates(request.summary) }
        return Grant(hotkey: pick, uid: 1, ip: "10.0.0.1", port: 4444, username: "root", password: "",
                     expiresAt: Date().addingTimeInterval(3600))
    }

    func deallocate(hotkey: String) async throws(RegisterError) -> Bool {
        ended.withLock { $0.append(hotkey) }
        _ = taken.withLock { $0.remove(hotkey) }
        return true
    }
}

/// A store with two miners' history and specs, two renter keys, and the API's router; the
/// store's folder is removed with the bed.
final class APITestBed: Sendable {
    let store: ValidatorStore
    let allocator = FakeAllocator(free: ["hk1", "hk2"])
    let environment: APIEnvironment
    let alice: String, bob: String

    static let sshKey = OpenSSHKey().publicKeyLine(comment: "renter")

    init(rateLimit: RateLimiter.Limit = .init(burst: 1000, perSecond: 1000)) async throws {
        let store = try ValidatorStore.temporary()
        self.store = store
        try await store.syncMiners([1: "hk1", 2: "hk2"])
        try await store.record(round: RoundRecord(id: "r1", results: [storeResult(1, ago: 600), storeResult(2, ok: false, elapsed: nil, ago: 600)]))
        try await store.record(round: RoundRecord(id: "r2", results: [storeResult(1, ago: 60), storeResult(2, ago: 60)]))
        try await store.storeSpecs(hotkey: "hk1", json: #"{"cpu":{"count":16},"gpu":{"count":2,"capacity":163840,"details":[{"name":"NVIDIA H100"}]},"ram":{"available":68719476736,"total":68719476736},"hard_disk":{"free":1099511627776}}"#, at: storeNow)
        environment = APIEnvironment(store: store, state: ValidatorState(hotkey: "validator-hk", netuid: 27), metrics: ValidatorMetrics(),
                                     allocator: allocator, now: { storeNow })
        alice = try await store.createAPIKey(name: "alice").token
        bob = try await store.createAPIKey(name: "bob").token
        self.rateLimit = rateLimit
    }

    deinit { try? FileManager.default.removeItem(at: URL(fileURLWithPath: store.path).deletingLastPathComponent()) }

    let rateLimit: RateLimiter.Limit

    func app() throws -> some ApplicationProtocol {
        let server = RenterAPIServer(configuration: .init(port: 0, maxBodySize: 4096, rateLimit: rateLimit), environment: environment)
        return Application(router: try server.router())
    }

    static func allocationBody(hotkey: String? = "hk1", hours: Int = 2) -> String {
        let target = hotkey.map { #""hotkey":"\#($0)""# } ?? #""requirements":{"gpu_model":"h100","gpu_count":1}"#
        return #"{\#(target),"ssh_public_key":"\#(sshKey)","hours":\#(hours)}"#
    }
}

extension HTTPFields {
    static func bearer(_ token: String, json: Bool = true) -> HTTPFields {
        var fields: HTTPFields = [.authorization: "Bearer \(token)"]
        if json { fields[.contentType] = "application/json" }
        return fields
    }
}

extension TestResponse {
    var text: String { String(buffer: body) }
    var json: [String: Any] { (try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]) ?? [:] }
    /// The `{"error": "..."}` text, `nil` when the body is not that shape.
    var errorMessage: String? { json.count == 1 ? json["error"] as? String : nil }
}
