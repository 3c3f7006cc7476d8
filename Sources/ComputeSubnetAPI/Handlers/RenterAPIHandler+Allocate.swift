import ComputeSubnet
import Foundation
import OpenAPIRuntime

extension RenterAPIHandler {
    /// `POST /v1/allocations`: rents a miner out with the validator's wallet, installing the
    /// renter's SSH key, and records which key made it.
    func createAllocation(_ input: Operations.createAllocation.Input) async throws -> Operations.createAllocation.Output {
        let key = try Self.requestKey()
        guard case .json(let body) = input.body else { throw APIError(.unsupportedMediaType, "send application/json") }
        let request: ResourceRequest, loginKey: String
        switch Validation.allocation(body) {
        case .failure(let why): return .badRequest(.init(body: .json(.init(error: why.message))))
        case .success(let valid): (request, loginKey) = valid
        }
        let grant: Grant
        do {
            grant = try await environment.allocator.allocate(hotkey: body.hotkey, request: request, loginKey: loginKey)
        } catch {
            let refusal = error.apiError
            switch refusal.status {
            case .notFound: return .notFound(.init(body: .json(.init(error: refusal.message))))
            case .conflict: return .conflict(.init(body: .json(.init(error: refusal.message))))
            case .badRequest: return .badRequest(.init(body: .json(.init(error: refusal.message))))
            default: return .badGateway(.init(body: .json(.init(error: refusal.message))))
            }
        }
        let now = environment.now()
        let record = StoredRenterAllocation(
            id: UUID().uuidString.lowercased(), keyID: key.id, hotkey: grant.hotkey, host: grant.ip,
            port: UInt16(clamping: grant.port), username: grant.username, createdAt: now,
            expiresAt: now.addingTimeInterval(Double(body.hours) * 3600))
        try await environment.store.insertRenterAllocation(record)
        environment.logger.info("API allocation", metadata: ["id": "\(record.id)", "key": "\(key.name)", "hotkey": "\(grant.hotkey)"])
        return .created(.init(body: .json(.init(
            allocation: Self.schema(record, now: now),
            ssh_command: "ssh -i <your private key> \(grant.username)@\(grant.ip) -p \(grant.port)",
            password: grant.password.isEmpty ? nil : grant.password,
            private_key: grant.privateKey))))
    }
}
