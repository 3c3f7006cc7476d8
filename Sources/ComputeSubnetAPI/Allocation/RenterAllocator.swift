import Bittensor
import ComputeSubnet
import Foundation

/// What the API needs to rent a miner out: allocate with the validator's wallet (installing the
/// renter's SSH key) and end an allocation. `WalletAllocator` does it over the subnet; tests
/// give a fake.
public protocol RenterAllocator: Sendable {
    /// Allocates miner `hotkey`, or the best miner meeting `request` when `hotkey` is nil.
    func allocate(hotkey: String?, request: ResourceRequest, loginKey: String) async throws(RegisterError) -> Grant
    /// Ends the allocation of miner `hotkey`; returns whether the miner confirmed.
    func deallocate(hotkey: String) async throws(RegisterError) -> Bool
}

/// Allocation with the validator's own hotkey and database, as `register a` / `a_hotkey` / `d` do.
public struct WalletAllocator: RenterAllocator {
    public let client: AllocationClient

    public init(client: AllocationClient) { self.client = client }

    public func allocate(hotkey: String?, request: ResourceRequest, loginKey: String) async throws(RegisterError) -> Grant {
        if let hotkey { return try await client.allocate(hotkey: hotkey, request: request, loginKey: loginKey) }
        return try await client.allocate(request, loginKey: loginKey)
    }

    public func deallocate(hotkey: String) async throws(RegisterError) -> Bool {
        // The renter asked to end it: the lease is forgotten even when the miner does not confirm.
        try await client.deallocate(hotkey: hotkey, force: true)
    }
}

extension RegisterError {
    /// The API's answer to a failed allocation.
    var apiError: APIError {
        switch self {
        case .invalidRequest: APIError(.badRequest, description)
        case .notInMetagraph: APIError(.notFound, description)
        case .noCandidates, .noServedAxon, .alreadyAllocated, .refused: APIError(.conflict, description)
        case .unreachable, .credentials: APIError(.badGateway, description)
        case .noAllocation: APIError(.notFound, description)
        case .store, .chain: APIError(.badGateway, description)
        }
    }
}
