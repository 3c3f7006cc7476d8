import ComputeSubnet
@testable import ComputeSubnetAPI
import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

/// Hostile input first: every refusal is a 4xx with `{"error": "..."}`, and changes nothing.
@Suite struct RenterAPIHostileTests {
    @Test func malformedJSONIsA400WithAnErrorBody() async throws {
        let bed = try await APITestBed()
        try await bed.app().test(.router) { client in
            for body in [#"{"hotkey":"hk1","#, "not json", #"{"hotkey":"hk1","ssh_public_key":"x","hours":"two"}"#,
                         #"{"hotkey":"hk1","ssh_public_key":"x","hours":NaN}"#, #"{"hotkey":"hk1","hours":2}"#, "[]", ""] {
                do {
                    let response = try await client.execute(uri: "/v1/allocations", method: .post, headers: .bearer(bed.alice),
                                             body: ByteBuffer(string: body))
                    #expect(response.status == .badRequest, "\(body) → \(response.status) \(response.text)")
                    #expect(response.errorMessage != nil, "\(body) → \(response.text)")
                }
            }
        }
        #expect(try await bed.environment.store.renterAllocations(keyID: 1).isEmpty)
    }

    @Test func anOversizedBodyIsA413() async throws {
        let bed = try await APITestBed()
        let huge = #"{"hotkey":"hk1","hours":2,"ssh_public_key":""# + String(repeating: "A", count: 10_000) + #""}"#
        try await bed.app().test(.router) { client in
            do {
                let response = try await client.execute(uri: "/v1/allocations", method: .post, headers: .bearer(bed.alice),
                                         body: ByteBuffer(string: huge))
                #expect(response.status == .contentTooLarge)
                #expect(response.errorMessage != nil)
            }
        }
    }

    @Test func noKeyOrAWrongOrRevokedKeyIsA401() async throws {
        let bed = try await APITestBed()
        _ = try await bed.environment.store.revokeAPIKey(name: "bob")
        let bodies: [HTTPFields] = [[:], [.authorization: "Bearer sn27_wrong"], [.authorization: "Basic \(bed.alice)"],
                                    [.authorization: bed.alice], .bearer(bed.bob)]
        try await bed.app().test(.router) { client in
            for headers in bodies {
                for (uri, method) in [("/v1/allocations", HTTPRequest.Method.get), ("/v1/allocations", .post),
                                      ("/v1/allocations/x", .get), ("/v1/allocations/x", .delete)] {
                    do {
                        let response = try await client.execute(uri: uri, method: method, headers: headers,
                                                 body: ByteBuffer(string: APITestBed.allocationBody()))
                        #expect(response.status == .unauthorized, "\(method) \(uri) \(headers)")
                        #expect(response.headers[.wwwAuthenticate]?.hasPrefix("Bearer") == true)
                        #expect(response.errorMessage != nil)
                    }
                }
            }
        }
        #expect(bed.allocator.taken.withLock { $0.isEmpty })
    }

    @Test func outOfRangeNumbersAndBadKeysAreRefused() async throws {
        let bed = try await APITestBed()
        let key = APITestBed.sshKey
        let bodies = [
            APITestBed.allocationBody(hours: 0), APITestBed.allocationBody(hours: 100_000), APITestBed.allocationBody(hours: -3),
            #"{"hotkey":"hk1","ssh_public_key":"ssh-ed25519 AAAA","hours":2}"#,
            #"{"hotkey":"hk1","ssh_public_key":"command=\"sh\" \#(key)","hours":2}"#,
            #"{"hotkey":"hk1","requirements":{},"ssh_public_key":"\#(key)","hours":2}"#,
            #"{"ssh_public_key":"\#(key)","hours":2}"#,
            #"{"hotkey":"../../etc/passwd","ssh_public_key":"\#(key)","hours":2}"#,
            #"{"requirements":{"ram_gb":1e308,"gpu_count":-1},"ssh_public_key":"\#(key)","hours":2}"#,
            #"{"hotkey":"hk1","ssh_public_key":"\#(key)","hours":2.5}"#,
        ]
        try await bed.app().test(.router) { client in
            for body in bodies {
                do {
                    let response = try await client.execute(uri: "/v1/allocations", method: .post, headers: .bearer(bed.alice),
                                             body: ByteBuffer(string: body))
                    #expect(response.status == .badRequest, "\(body) → \(response.status) \(response.text)")
                    #expect(response.errorMessage != nil)
                }
            }
            for uri in ["/v1/miners?gpu_count=-1", "/v1/miners?ram_gb=abc", "/v1/miners?cpu_count=99999999999999999999",
                        "/v1/miners/..%2F..%2Fetc", "/v1/miners/hk1%00/history", "/v1/miners/\(String(repeating: "a", count: 65))"] {
                do {
                    let response = try await client.execute(uri: uri, method: .get)
                    #expect([.badRequest, .notFound].contains(response.status), "\(uri) → \(response.status)")
                    #expect(response.errorMessage != nil, "\(uri) → \(response.text)")
                }
            }
        }
        #expect(bed.allocator.taken.withLock { $0.isEmpty })
    }

    @Test func unknownPathsAndMethodsAnswerJSONErrors() async throws {
        let bed = try await APITestBed()
        try await bed.app().test(.router) { client in
            do {
                let response = try await client.execute(uri: "/nowhere", method: .get)
                #expect(response.status == .notFound)
                #expect(response.errorMessage != nil)
            }
        }
    }

    @Test func aKeysRateLimitAnswers429() async throws {
        let bed = try await APITestBed(rateLimit: .init(burst: 3, perSecond: 0.001))
        try await bed.app().test(.router) { client in
            var statuses: [HTTPResponse.Status] = []
            for _ in 0..<5 {
                do {
                    let response = try await client.execute(uri: "/v1/allocations", method: .get, headers: .bearer(bed.alice))
                    statuses.append(response.status)
                }
            }
            #expect(statuses == [.ok, .ok, .ok, .tooManyRequests, .tooManyRequests])
            // Another key has its own bucket.
            do {
                let response = try await client.execute(uri: "/v1/allocations", method: .get, headers: .bearer(bed.bob))
                #expect(response.status == .ok)
            }
        }
    }
}
