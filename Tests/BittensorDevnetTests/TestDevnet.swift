import Bittensor
@testable import BittensorDevnet
import Foundation
import Testing

/// A devnet in a fresh temporary folder, removed by `cleanUp()`.
struct TestDevnet {
    let path: String
    let chain: DevnetChain

    static func make(_ subnet: SubnetParameters, blockTime: Double = 12) async throws -> TestDevnet {
        let path = FileManager.default.temporaryDirectory
            .appendingPathComponent("devnet-test-\(UUID().uuidString)").path
        let chain = try await DevnetChain.create(path: path, genesis: DevnetGenesis(blockTime: blockTime, subnets: [subnet]))
        return TestDevnet(path: path, chain: chain)
    }

    func cleanUp() { try? FileManager.default.removeItem(atPath: path) }
}

/// Deterministic test keys: a mini secret filled with `seed`.
func testKey(_ seed: UInt8) throws -> Keypair {
    try Keypair(miniSecret: [UInt8](repeating: seed, count: 32))
}

/// The pallet error name a call fails with, or nil when it succeeds.
func moduleError(_ body: () async throws -> Void) async -> String? {
    do {
        try await body()
        return nil
    } catch let error as ChainError {
        return error.moduleErrorName ?? "\(error)"
    } catch {
        return "\(error)"
    }
}

extension SubnetParameters {
    /// Subnet 27 with short periods for tests.
    static func test(tempo: UInt16 = 360, maxUids: UInt16 = 256, immunity: UInt16 = 5000, rateLimit: UInt64 = 100,
                     versionKey: UInt64 = 0, minAllowedWeights: UInt16 = 1) -> SubnetParameters {
        var p = SubnetParameters(netuid: 27)
        p.tempo = tempo
        p.maxAllowedUids = maxUids
        p.immunityPeriod = immunity
        p.weightsRateLimit = rateLimit
        p.weightsVersionKey = versionKey
        p.minAllowedWeights = minAllowedWeights
        return p
    }
}

let tao: UInt64 = 1_000_000_000
