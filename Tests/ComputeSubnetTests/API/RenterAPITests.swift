import ComputeSubnet
@testable import ComputeSubnetAPI
import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

@Suite struct RenterAPITests {
    @Test func eachKeySeesAndEndsOnlyItsOwnAllocations() async throws {
        let bed = try await APITestBed()
        try await bed.app().test(.router) { client in
            var aliceID = "", bobID = ""
            do {
                let response = try await client.execute(uri: "/v1/allocations", method: .post, headers: .bearer(bed.alice),
                                         body: ByteBuffer(string: APITestBed.allocationBody(hotkey: "hk1")))
                #expect(response.status == .created, "\(response.text)")
                let allocation = response.json["allocation"] as? [String: Any]
                aliceID = allocation?["id"] as? String ?? ""
                #expect(allocation?["host"] as? String == "10.0.0.1")
                #expect(allocation?["port"] as? Int == 4444)
                #expect(allocation?["user"] as? String == "root")
                #expect(allocation?["state"] as? String == "active")
            }
            do {
                let response = try await client.execute(uri: "/v1/allocations", method: .post, headers: .bearer(bed.bob),
                                         body: ByteBuffer(string: APITestBed.allocationBody(hotkey: nil)))
                #expect(response.status == .created, "\(response.text)")
                bobID = (response.json["allocation"] as? [String: Any])?["id"] as? String ?? ""
            }
            // A taken miner is a conflict, not a server error.
            do {
                let response = try await client.execute(uri: "/v1/allocations", method: .post, headers: .bearer(bed.bob),
                                         body: ByteBuffer(string: APITestBed.allocationBody(hotkey: "hk1")))
                #expect(response.status == .conflict)
                #expect(response.errorMessage != nil)
            }
            for (token, own, other) in [(bed.alice, aliceID, bobID), (bed.bob, bobID, aliceID)] {
                do {
                    let response = try await client.execute(uri: "/v1/allocations", method: .get, headers: .bearer(token))
                    let ids = (response.json["allocations"] as? [[String: Any]])?.compactMap { $0["id"] as? String }
                    #expect(ids == [own])
                }
                do {
                    let response = try await client.execute(uri: "/v1/allocations/\(other)", method: .get, headers: .bearer(token))
                    #expect(response.status == .notFound)
                    #expect(response.errorMessage != nil)
                }
                do {
                    let response = try await client.execute(uri: "/v1/allocations/\(other)", method: .delete, headers: .bearer(token))
                    #expect(response.status == .notFound)
                }
            }
            #expect(bed.allocator.ended.withLock { $0 }.isEmpty, "a renter ended another's allocation")
            do {
                let response = try await client.execute(uri: "/v1/allocations/\(aliceID)", method: .delete, headers: .bearer(bed.alice))
                #expect(response.status == .ok)
                #expect(response.json["state"] as? String == "ended")
            }
            #expect(bed.allocator.ended.withLock { $0 } == ["hk1"])
            do {
                let response = try await client.execute(uri: "/v1/allocations/\(bobID)", method: .get, headers: .bearer(bed.bob))
                #expect(response.json["state"] as? String == "active")
            }
        }
        let keys = try await bed.environment.store.apiKeys()
        let made = try await bed.environment.store.renterAllocations(keyID: keys[0].id)
        #expect(made.count == 1 && made[0].hotkey == "hk1", "every allocation records the key that made it")
    }

    @Test func minersAreListedFilteredAndLookedUp() async throws {
        let bed = try await APITestBed()
        try await bed.app().test(.router) { client in
            do {
                let response = try await client.execute(uri: "/v1/miners", method: .get)
                let miners = response.json["miners"] as? [[String: Any]] ?? []
                #expect(miners.compactMap { $0["hotkey"] as? String } == ["hk1", "hk2"])
                #expect(miners[0]["success_rate"] as? Double == 1)
                #expect(miners[1]["success_rate"] as? Double == 0.5)
                #expect(miners[0]["specs"] is [String: Any])
                #expect(miners[1]["specs"] is NSNull || miners[1]["specs"] == nil)
            }
            for (query, expected) in [("gpu_model=H100", ["hk1"]), ("gpu_model=a100", []), ("gpu_count=2&cpu_count=8&ram_gb=32", ["hk1"]),
                                      ("gpu_count=3", []), ("disk_gb=2000", [])] {
                do {
                    let response = try await client.execute(uri: "/v1/miners?\(query)", method: .get)
                    let miners = response.json["miners"] as? [[String: Any]] ?? []
                    #expect(miners.compactMap { $0["hotkey"] as? String } == expected, "\(query)")
                }
            }
            do {
                let response = try await client.execute(uri: "/v1/miners/hk2", method: .get)
                #expect(response.json["uid"] as? Int == 2)
            }
            do {
                let response = try await client.execute(uri: "/v1/miners/hk9", method: .get)
                #expect(response.status == .notFound)
                #expect(response.errorMessage != nil)
            }
            do {
                let response = try await client.execute(uri: "/v1/miners/hk2/history", method: .get)
                let results = response.json["results"] as? [[String: Any]] ?? []
                #expect(results.compactMap { $0["success"] as? Bool } == [false, true])
            }
            do {
                let response = try await client.execute(uri: "/v1/validator", method: .get)
                #expect(response.json["hotkey"] as? String == "validator-hk")
                #expect(response.json["netuid"] as? Int == 27)
            }
        }
    }

    @Test func theDashboardShowsEachMinerWithAnSVGChart() async throws {
        let bed = try await APITestBed()
        try await bed.app().test(.router) { client in
            do {
                let response = try await client.execute(uri: "/", method: .get)
                #expect(response.headers[.contentType]?.hasPrefix("text/html") == true)
                let html = response.text
                #expect(html.contains("hk1") && html.contains("hk2"))
                #expect(html.components(separatedBy: "<svg class=\"history-chart\"").count == 3)
                #expect(html.contains(#"http-equiv="refresh""#))
                #expect(!html.contains("<script src") && !html.contains("<link"), "nothing is fetched from outside")
            }
        }
    }

    @Test func theDocumentHealthAndMetricsAreServed() async throws {
        let bed = try await APITestBed()
        try await bed.app().test(.router) { client in
            do {
                let response = try await client.execute(uri: "/openapi.json", method: .get)
                let paths = response.json["paths"] as? [String: Any] ?? [:]
                #expect(Set(paths.keys).isSuperset(of: ["/healthz", "/v1/miners", "/v1/allocations", "/v1/allocations/{id}"]))
            }
            do {
                let response = try await client.execute(uri: "/healthz", method: .get)
                #expect(response.json["status"] as? String == "ok")
            }
            do {
                let response = try await client.execute(uri: "/metrics", method: .get)
                #expect(response.status == .ok)
            }
            do {
                let response = try await client.execute(uri: "/status", method: .get)
                #expect(response.json["hotkey"] as? String == "validator-hk")
            }
        }
    }

    @Test func keysAreStoredHashedAndRevocable() async throws {
        let t = try TemporaryStore()
        let (key, token) = try await t.store.createAPIKey(name: "carol")
        #expect(token.hasPrefix("sn27_") && token.count == 69)
        #expect(try await t.store.apiKey(token: token)?.id == key.id)
        let raw = try Data(contentsOf: URL(fileURLWithPath: t.store.path))
        #expect(raw.range(of: Data(token.utf8)) == nil, "the token itself is never stored")
        await #expect(throws: StoreError.self) { try await t.store.createAPIKey(name: "carol") }
        #expect(try await t.store.revokeAPIKey(name: "carol"))
        #expect(try await t.store.apiKey(token: token) == nil)
    }

    @Test func theHistoryChartPlotsRateAndTime() {
        let start = storeNow.addingTimeInterval(-3600)
        let chart = HistoryChart(results: [storeResult(1, ago: 1800), storeResult(1, ok: false, ago: 60)], start: start, end: storeNow)
        let svg = chart.svg(label: "x")
        #expect(svg.contains("class=\"success-rate\"") && svg.contains("class=\"solve-time\""))
        #expect(HTML.escape("<a href=\"x\">'&") == "&lt;a href=&quot;x&quot;&gt;&#39;&amp;")
    }
}

@Suite struct AllocationReaperTests {
    @Test func allocationsWhoseHoursRanOutAreEnded() async throws {
        let bed = try await APITestBed()
        let store = bed.environment.store
        let key = try #require(try await store.apiKeys().first)
        let grant = try await bed.allocator.allocate(hotkey: "hk1", request: ResourceRequest(), loginKey: APITestBed.sshKey)
        try await store.insertRenterAllocation(StoredRenterAllocation(
            id: "00000000-0000-0000-0000-000000000001", keyID: key.id, hotkey: grant.hotkey, host: grant.ip, port: 4444,
            username: "root", createdAt: storeNow.addingTimeInterval(-7200), expiresAt: storeNow.addingTimeInterval(-1)))
        try await store.insertRenterAllocation(StoredRenterAllocation(
            id: "00000000-0000-0000-0000-000000000002", keyID: key.id, hotkey: "hk2", host: grant.ip, port: 4445,
            username: "root", createdAt: storeNow, expiresAt: storeNow.addingTimeInterval(3600)))
        let ended = await AllocationReaper(environment: bed.environment).reap()
        #expect(ended == ["00000000-0000-0000-0000-000000000001"])
        #expect(bed.allocator.ended.withLock { $0 } == ["hk1"])
        let states = try await store.renterAllocations(keyID: key.id).map { ($0.id.suffix(1), $0.state(at: storeNow)) }
        #expect(states.map(\.1).sorted() == ["active", "ended"])
        #expect(await AllocationReaper(environment: bed.environment).reap().isEmpty, "ended once")
    }
}
