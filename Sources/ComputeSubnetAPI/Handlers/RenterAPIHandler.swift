import ComputeSubnet
import Foundation
import OpenAPIRuntime

/// The operations of `openapi.yaml` (the generated `APIProtocol`). Expected refusals are the
/// documented responses; anything thrown becomes `{"error": "..."}` in `JSONErrorMiddleware`.
struct RenterAPIHandler: APIProtocol {
    let environment: APIEnvironment

    var directory: MinerDirectory { MinerDirectory(environment: environment) }

    func getHealth(_ input: Operations.getHealth.Input) async throws -> Operations.getHealth.Output {
        .ok(.init(body: .json(.init(status: "ok"))))
    }

    func listMiners(_ input: Operations.listMiners.Input) async throws -> Operations.listMiners.Output {
        let q = input.query
        if let why = Validation.minerFilter(q) { return .badRequest(.init(body: .json(.init(error: why)))) }
        let filter = MinerFilter(gpuModel: q.gpu_model, gpuCount: q.gpu_count, cpuCount: q.cpu_count, ramGB: q.ram_gb, diskGB: q.disk_gb)
        let miners = try await directory.miners(filter: filter)
        return .ok(.init(body: .json(.init(miners: try miners.map(Self.schema)))))
    }

    func getMiner(_ input: Operations.getMiner.Input) async throws -> Operations.getMiner.Output {
        let hotkey = input.path.hotkey
        if let why = Validation.hotkey(hotkey) { return .badRequest(.init(body: .json(.init(error: why)))) }
        guard let miner = try await directory.miner(hotkey: hotkey) else {
            return .notFound(.init(body: .json(.init(error: "no miner with hotkey \(hotkey) on this subnet"))))
        }
        return .ok(.init(body: .json(try Self.schema(miner))))
    }

    func getMinerHistory(_ input: Operations.getMinerHistory.Input) async throws -> Operations.getMinerHistory.Output {
        let hotkey = input.path.hotkey
        if let why = Validation.hotkey(hotkey) { return .badRequest(.init(body: .json(.init(error: why)))) }
        guard try await directory.miner(hotkey: hotkey) != nil else {
            return .notFound(.init(body: .json(.init(error: "no miner with hotkey \(hotkey) on this subnet"))))
        }
        let now = environment.now()
        let results = try await environment.store.challengeResults(hotkey: hotkey, from: environment.window.start(endingAt: now), to: now)
        return .ok(.init(body: .json(.init(
            hotkey: hotkey, window_seconds: environment.window.duration,
            results: results.map { .init(success: $0.success, elapsed: $0.elapsed, difficulty: $0.difficulty, at: $0.createdAt) }))))
    }

    func getValidator(_ input: Operations.getValidator.Input) async throws -> Operations.getValidator.Output {
        .ok(.init(body: .json(try await ValidatorInfoBuilder.info(environment.state.status))))
    }

    // MARK: - Allocations (Bearer key)

    func listAllocations(_ input: Operations.listAllocations.Input) async throws -> Operations.listAllocations.Output {
        let key = try Self.requestKey()
        let now = environment.now()
        let list = try await environment.store.renterAllocations(keyID: key.id)
        return .ok(.init(body: .json(.init(allocations: list.map { Self.schema($0, now: now) }))))
    }

    func getAllocation(_ input: Operations.getAllocation.Input) async throws -> Operations.getAllocation.Output {
        let key = try Self.requestKey()
        guard Validation.allocationID(input.path.id),
              let allocation = try await environment.store.renterAllocation(id: input.path.id, keyID: key.id) else {
            return .notFound(.init(body: .json(.init(error: "no allocation \(input.path.id) for this key"))))
        }
        return .ok(.init(body: .json(Self.schema(allocation, now: environment.now()))))
    }

    func deleteAllocation(_ input: Operations.deleteAllocation.Input) async throws -> Operations.deleteAllocation.Output {
        let key = try Self.requestKey()
        let id = input.path.id
        guard Validation.allocationID(id), let allocation = try await environment.store.renterAllocation(id: id, keyID: key.id) else {
            return .notFound(.init(body: .json(.init(error: "no allocation \(id) for this key"))))
        }
        let now = environment.now()
        if allocation.endedAt == nil {
            do {
                _ = try await environment.allocator.deallocate(hotkey: allocation.hotkey)
            } catch {
                // Already forgotten by the validator (expired, `register d`): only the record is left to end.
                let refusal = error.apiError
                if refusal.status != .notFound { throw refusal }
            }
        }
        let ended = try await environment.store.endRenterAllocation(id: id, keyID: key.id, at: now) ?? allocation
        environment.logger.info("API allocation ended", metadata: ["id": "\(id)", "key": "\(key.name)", "hotkey": "\(allocation.hotkey)"])
        return .ok(.init(body: .json(Self.schema(ended, now: now))))
    }

    // MARK: - Helpers

    static func requestKey() throws -> StoredAPIKey {
        guard let key = RequestKey.current else { throw APIError.unauthorized }
        return key
    }

    static func schema(_ m: MinerView) throws -> Components.Schemas.Miner {
        let specs = try m.specsJSON.map { try JSONDecoder().decode(Components.Schemas.Miner.specsPayload.self, from: Data($0.utf8)) }
        return .init(hotkey: m.hotkey, uid: Int(m.uid), score: m.score, specs: specs, allocated: m.allocated,
                     last_seen: m.lastSeen, success_rate: m.successRate, challenges: m.challenges)
    }

    static func schema(_ a: StoredRenterAllocation, now: Date) -> Components.Schemas.Allocation {
        .init(id: a.id, hotkey: a.hotkey, host: a.host, port: Int(a.port), user: a.username, created_at: a.createdAt,
              expires_at: a.expiresAt, ended_at: a.endedAt,
              state: Components.Schemas.Allocation.statePayload(rawValue: a.state(at: now)) ?? .active)
    }
}
