import AsyncHTTPClient
import Bittensor
@testable import ComputeSubnet
import Foundation
import Testing

@Suite struct ValidatorConfigurationTests {
    @Test func defaultsAreTheOriginalsAndValid() throws {
        let config = ValidatorConfiguration()
        #expect(config.challengeSchedule.intervals == 50...80)
        #expect(config.specsInterval == 150 && config.weightsInterval == nil)
        #expect(config.challengeBatchSize == 256 && config.specsBatchSize == 64)
        #expect(config.challengeTimeout == 30 && config.specsTimeout == 60)
        #expect(config.difficulty.min == 6 && config.difficulty.max == 12)
        #expect(config.versionKey == 150)
        try config.validate()
    }

    @Test func badValuesAreRefusedByName() {
        var config = ValidatorConfiguration()
        config.challengeBatchSize = 0
        #expect(throws: ValidatorError.invalidConfiguration("challenge batch size must be at least 1")) { try config.validate() }
        config = ValidatorConfiguration()
        config.challengeTimeout = .nan
        #expect(throws: ValidatorError.invalidConfiguration("challenge timeout must be a positive number of seconds")) {
            try config.validate()
        }
        config = ValidatorConfiguration()
        config.weightsInterval = 0
        #expect(throws: ValidatorError.self) { try config.validate() }
        config = ValidatorConfiguration()
        config.selection.updatedThresholdPercent = 120
        #expect(throws: ValidatorError.self) { try config.validate() }
    }
}

@Suite struct ValidatorParsingTests {
    @Test func specsAnswersMustBeNonEmptyJSONObjects() {
        #expect(SpecsService.specsObject(#"{"cpu": {"count": 4}}"#) == #"{"cpu": {"count": 4}}"#)
        #expect(SpecsService.specsObject("{}") == nil)
        #expect(SpecsService.specsObject("[1, 2]") == nil)
        #expect(SpecsService.specsObject("not json") == nil)
        #expect(SpecsService.specsObject("") == nil)
    }

    @Test func storedSpecsParseIntoHardwareSpecs() throws {
        let json = #"{"cpu": {"count": 16, "frequency": 3100.0}, "gpu": {"count": 1, "capacity": 81559, "details": [{"name": "NVIDIA H100 80GB HBM3", "capacity": 81559}]}, "hard_disk": {"total": 1000, "free": 500, "used": 500}, "ram": {"total": 64, "available": 32, "used": 32, "free": 32, "swap_total": 0, "swap_used": 0, "swap_free": 0}, "has_docker": true}"#
        let specs = StoredSpecs(hotkey: "h", json: json, missedCount: 0, updatedAt: Date())
        let hardware = try #require(SpecsService.hardware(specs))
        #expect(hardware.hasDocker && hardware.gpu.devices.first?.name == "NVIDIA H100 80GB HBM3")
        #expect(SpecsService.hardware(StoredSpecs(hotkey: "h", json: "{}", missedCount: 1, updatedAt: Date())) == nil)
    }

    @Test func theLeaseOwnerKeyComesFromTheAllocationDetails() {
        func allocation(_ details: String?) -> StoredAllocation {
            StoredAllocation(hotkey: "h", ip: "1.2.3.4", port: 4444, username: "root", publicKeyFingerprint: "f",
                             details: details, createdAt: Date(), expiresAt: Date().addingTimeInterval(60))
        }
        #expect(AllocationVerifier.publicKey(of: allocation(#"{"regkey": "PEM"}"#)) == "PEM")
        #expect(AllocationVerifier.publicKey(of: allocation(#"{"public_key": "PEM2"}"#)) == "PEM2")
        #expect(AllocationVerifier.publicKey(of: allocation(#"{"regkey": ""}"#)) == nil)
        #expect(AllocationVerifier.publicKey(of: allocation("garbage")) == nil)
        #expect(AllocationVerifier.publicKey(of: allocation(nil)) == nil)
    }
}

@Suite(.serialized) struct ValidatorMetricsServerTests {
    @Test func metricsAndStatusAreServedAndStaleMinersDropOut() async throws {
        let metrics = ValidatorMetrics()
        let state = ValidatorState(hotkey: "5Validator", netuid: 27)
        let server = MetricsServer(host: "127.0.0.1", port: 0, metrics: metrics, state: state)
        let port = try await server.start()
        metrics.answered(.success, count: 3)
        metrics.answered(.timeout)
        metrics.roundFinished("challenge", seconds: 1.5)
        let a = MinerScore(uid: 1, hotkey: "5A", score: 200, weight: 0.75, difficulty: 8, allocated: false, penalized: false)
        let b = MinerScore(uid: 2, hotkey: "5B", score: 50, weight: 0.25, difficulty: 6, allocated: false, penalized: false)
        metrics.miners([a, b])
        await state.record(scores: [a, b])

        var (status, body) = try await Self.get(port, "/metrics")
        #expect(status == 200)
        #expect(body.contains(#"sn27_validator_challenge_answers_total{outcome="success"} 3"#))
        #expect(body.contains(#"sn27_validator_challenge_answers_total{outcome="timeout"} 1"#))
        #expect(body.contains(#"sn27_validator_miner_score{uid="2",hotkey="5B"} 50"#))
        #expect(body.contains("sn27_validator_round_duration_seconds_count{round=\"challenge\"} 1"))

        // A miner that left loses its series.
        metrics.miners([a])
        (_, body) = try await Self.get(port, "/metrics")
        #expect(!body.contains(#"hotkey="5B""#))
        #expect(body.contains(#"sn27_validator_miner_weight{uid="1",hotkey="5A"} 0.75"#))

        (status, body) = try await Self.get(port, "/status")
        #expect(status == 200)
        let decoded = try JSONDecoder().decode(ValidatorStatus.self, from: Data(body.utf8))
        #expect(decoded.hotkey == "5Validator" && decoded.netuid == 27 && decoded.miners == [a, b])

        (status, _) = try await Self.get(port, "/nothing")
        #expect(status == 404)
        await server.stop()
    }

    static func get(_ port: Int, _ path: String) async throws -> (Int, String) {
        let response = try await HTTPClient.shared.execute(HTTPClientRequest(url: "http://127.0.0.1:\(port)\(path)"), timeout: .seconds(5))
        let body = try await response.body.collect(upTo: 1 << 20)
        return (Int(response.status.code), String(buffer: body))
    }
}
