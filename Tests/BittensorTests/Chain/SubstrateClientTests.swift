import Bittensor
import Foundation
import NIOCore
import NIOPosix
import NIOSSL
import Synchronization
import Testing

/// `SubstrateClient` end to end over a real WebSocket to a loopback JSON-RPC server that
/// answers from the recorded finney fixtures.
@Suite(.serialized) struct SubstrateClientTests {
    static let hotkeyMnemonic = "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about"

    /// Starts a fixture chain and a server, runs `body` with a client, and stops both.
    func withChain(requestTimeout: Duration = .seconds(10), _ configure: (inout FixtureChain.State) -> Void = { _ in },
                   _ body: (SubstrateClient, FixtureChain, LoopbackRPCServer) async throws -> Void) async throws {
        let chain = try FixtureChain()
        var initial = FixtureChain.State()
        configure(&initial)
        let configured = initial
        chain.state.withLock { $0 = configured }
        let server = try await LoopbackRPCServer { chain.respond($0, $1) }
        var config = SubstrateClient.Configuration()
        config.rpc.requestTimeout = requestTimeout
        config.rpc.connectAttempts = 2
        config.rpc.initialBackoff = .milliseconds(20)
        config.inclusionTimeout = .seconds(10)
        let client = SubstrateClient(endpoint: server.url, configuration: config)
        do {
            try await body(client, chain, server)
        } catch {
            await client.close(); await server.stop()
            throw error
        }
        await client.close()
        await server.stop()
    }

    @Test func readsTheMetagraph() async throws {
        try await withChain { client, _, _ in
            #expect(try await client.currentBlock() == FixtureChain.head)
            let mg = try await client.metagraph(netuid: 1)
            #expect(mg.block == FixtureChain.head)
            #expect(mg.netuid == 1)
            #expect(mg.neurons.count == 1024)
            #expect(mg.neurons[395].hotkey == "5HCFWvRqzSHWRPecN7q8J6c7aKQnrCZTMHstPv39xL1wgDHh")
            #expect(mg.neurons[0].axon.ip == "192.222.59.109")
            #expect(try await client.isRegistered(hotkey: "5HbScNssaEfioJHXjcXdpyqo1AKnYjymidGF8opcF9rTFZdT", netuid: 1))
            #expect(try await !client.isRegistered(hotkey: "5EPCUjPxiHAcNooYipQFWr9NmmXJKpNG5RhcntXwbtUySrgH", netuid: 1))
            #expect(try await client.uid(hotkey: "5HCFWvRqzSHWRPecN7q8J6c7aKQnrCZTMHstPv39xL1wgDHh", netuid: 1) == 395)
            #expect(try await client.uid(hotkey: "5HCFWvRqzSHWRPecN7q8J6c7aKQnrCZTMHstPv39xL1wgDHh", netuid: 2) == nil)
            await #expect(throws: ChainError.self) { _ = try await client.isRegistered(hotkey: "not-an-address", netuid: 1) }
            // A subnet without neurons gives an empty metagraph.
            #expect(try await client.metagraph(netuid: 2).neurons.isEmpty)
            // TaoWeight was never written on the fixture node: the metadata default, the runtime's
            // InitialTaoWeight (971_718_665_099_567_868 / u64::MAX ≈ 0.0527).
            #expect(mg.taoWeight == TaoWeight.runtimeDefault)
            #expect(try await client.taoWeight() == TaoWeight(raw: 971_718_665_099_567_868))
        }
    }

    /// Root TAO comes from `TotalHotkeyAlpha(hotkey, 0)`; stake weight = alpha + tao_weight × TAO.
    @Test func readsRootTAOStakeAndWeighsItWithTaoWeight() async throws {
        let hotkey = "5HCFWvRqzSHWRPecN7q8J6c7aKQnrCZTMHstPv39xL1wgDHh"
        let tao: UInt64 = 5_000 * 1_000_000_000
        try await withChain({ $0.rootStake[try! SS58.decode(hotkey).publicKey] = tao }) { client, _, _ in
            let mg = try await client.metagraph(netuid: 1)
            let staked = try #require(mg.neuron(hotkey: hotkey))
            #expect(staked.taoStake == tao)
            #expect(staked.stakeWeight == mg.taoWeight.stakeWeight(alpha: staked.alphaStake, tao: tao))
            #expect(staked.stakeWeight > staked.alphaStake)  // ≈ alpha + 0.0527 × 5000 TAO
            // Everyone else has no root stake: weight is alpha.
            let other = try #require(mg.neurons.first { $0.hotkey != hotkey })
            #expect(other.taoStake == 0 && other.stakeWeight == other.alphaStake)
            let roots = try await client.rootStakes(hotkeys: [hotkey, other.hotkey], at: FixtureChain.hash(FixtureChain.head))
            #expect(roots == [hotkey: tao])
        }
    }

    @Test func readsHyperparametersThroughTheRuntimeApi() async throws {
        try await withChain { client, _, _ in
            let hp = try await client.hyperparameters(netuid: 1)
            #expect(hp.tempo == 360)
            #expect(hp.weightsRateLimit == 100)
            #expect(hp.weightsVersionKey == 1_005_000)
            #expect(!hp.commitRevealEnabled)
            #expect(hp.immunityPeriod == 5000)
            await #expect(throws: ChainError.subnetNotFound(netuid: 9)) { try await client.hyperparameters(netuid: 9) }
        }
    }

    @Test func submitsSetWeightsAndWatchesItIntoABlock() async throws {
        try await withChain { client, chain, server in
            let hotkey = try Keypair(mnemonic: Self.hotkeyMnemonic)
            try await client.setWeights(netuid: 1, uids: [0, 1, 5], weights: [1, 0.5, 0.5], versionKey: 1_005_000, signer: hotkey)
            let submitted = chain.state.withLock { $0.submitted }
            try #require(submitted.count == 1)
            // The node received a v4 extrinsic from the hotkey, with the nonce it reported and a
            // 128-block era anchored at the finalized head, whose signature verifies.
            let ext = submitted[0]
            var d = ScaleDecoder(ext)
            let length = try d.compact()
            #expect(Int(length) == d.remaining)
            #expect(try d.u8() == 0x84)
            #expect(try d.u8() == 0x00)
            #expect(try d.readBytes(32) == hotkey.publicKey)
            #expect(try d.u8() == 0x01)
            let signature = try d.readBytes(64)
            let era = try Era(from: &d)
            #expect(era == Era(period: 128, currentBlock: FixtureChain.finalized))
            #expect(try d.compact() == 5)  // nonce
            let call = SubtensorCalls.setMechanismWeights(netuid: 1, mechanism: 0, uids: [0, 1, 5], weights: [65535, 32768, 32768], versionKey: 1_005_000)
            let builder = ExtrinsicBuilder(metadata: chain.metadata)
            let callBytes = try builder.callData(call)
            #expect(Array(ext.suffix(callBytes.count)) == callBytes)
            let ctx = SigningContext(specVersion: UInt32(FixtureChain.specVersion), transactionVersion: 1, genesisHash: FixtureChain.genesis, era: era,
                                     checkpointHash: FixtureChain.hash(era.birth(currentBlock: FixtureChain.finalized)!), nonce: 5)
            let payload = try builder.signingPayload(call: callBytes, context: ctx)
            #expect(hotkey.verify(signature, message: ExtrinsicBuilder.bytesToSign(payload)))
            let methods = server.methods
            #expect(methods.contains("system_accountNextIndex"))
            #expect(methods.contains("chain_getFinalizedHead"))
            #expect(methods.contains("state_getStorage"))
        }
    }

    @Test func reportsTheModuleErrorByName() async throws {
        try await withChain({ $0.outcome = .moduleError(pallet: 7, error: 28) }) { client, chain, _ in
            let hotkey = try Keypair(mnemonic: Self.hotkeyMnemonic)
            await #expect {
                try await client.setWeights(netuid: 1, uids: [3], weights: [1], versionKey: 1, signer: hotkey)
            } throws: { error in
                guard case let ChainError.module(pallet, name, _) = error else { return false }
                return pallet == "SubtensorModule" && name == "SettingWeightsTooFast"
            }
            #expect(chain.state.withLock { $0.submitted.count } == 1)
        }
    }

    @Test func refusesPlainWeightsWhenCommitRevealIsOn() async throws {
        try await withChain({ $0.commitReveal = true }) { client, chain, _ in
            let hotkey = try Keypair(mnemonic: Self.hotkeyMnemonic)
            await #expect(throws: ChainError.commitRevealEnabled(netuid: 1)) {
                try await client.setWeights(netuid: 1, uids: [3], weights: [1], versionKey: 1, signer: hotkey)
            }
            #expect(chain.state.withLock { $0.submitted.isEmpty })
        }
    }

    @Test func servesTheAxonAndRegistersWithTheColdkey() async throws {
        try await withChain { client, chain, _ in
            let hotkey = try Keypair(mnemonic: Self.hotkeyMnemonic)
            let coldkey = try Keypair(uri: "//Alice")
            try await client.serveAxon(netuid: 1, axon: AxonInfo(version: 10_005_000, ip: "1.2.3.4", port: 8091), signer: hotkey)
            try await client.burnedRegister(netuid: 1, hotkey: hotkey.ss58Address, coldkey: coldkey)
            let submitted = chain.state.withLock { $0.submitted }
            try #require(submitted.count == 2)
            #expect(Hex.encode(submitted[0].suffix(30)) == "07040100" + "08aa9800" + "04030201000000000000000000000000" + "9b1f04040000")
            #expect(Array(submitted[1][4..<36]) == coldkey.publicKey)
            #expect(Array(submitted[1].suffix(34)) == [1, 0] + hotkey.publicKey)
        }
    }

    @Test func aJSONRPCErrorObjectIsATypedError() async throws {
        try await withChain({ $0.failing["state_call"] = -32000 }) { client, _, _ in
            await #expect {
                _ = try await client.metagraph(netuid: 1)
            } throws: { error in
                guard case let ChainError.rpc(code, message) = error else { return false }
                return code == -32000 && message.contains("failed on purpose")
            }
        }
    }

    @Test func aDroppedConnectionFailsTheRequestAndSubmitsNothing() async throws {
        try await withChain({ $0.dropping = ["system_accountNextIndex"] }) { client, chain, _ in
            let hotkey = try Keypair(mnemonic: Self.hotkeyMnemonic)
            await #expect {
                try await client.setWeights(netuid: 1, uids: [3], weights: [1], versionKey: 1, signer: hotkey)
            } throws: { error in
                if case ChainError.connection = error { true } else { false }
            }
            #expect(chain.state.withLock { $0.submitted.isEmpty })
            // The client reconnects for the next request.
            chain.state.withLock { $0.dropping = [] }
            #expect(try await client.currentBlock() == FixtureChain.head)
        }
    }

    @Test func anUnansweredRequestTimesOut() async throws {
        try await withChain(requestTimeout: .milliseconds(300), { $0.silent = ["chain_getHeader"] }) { client, _, _ in
            await #expect {
                _ = try await client.currentBlock()
            } throws: { error in
                if case ChainError.timeout = error { true } else { false }
            }
        }
    }

    @Test func followsNewHeadsInOrder() async throws {
        try await withChain { client, _, server in
            var seen = [UInt64]()
            for try await number in try await client.blockNumbers() {
                seen.append(number)
                if seen.count == 3 { break }
            }
            #expect(seen == [FixtureChain.head + 1, FixtureChain.head + 2, FixtureChain.head + 3])
            #expect(server.methods.contains("chain_subscribeNewHeads"))
        }
    }

    @Test func aServerThatNeverUpgradesTimesOutTheConnect() async throws {
        // Accepts TCP and says nothing: the WebSocket handshake never completes.
        let silent = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .bind(host: "127.0.0.1", port: 0).get()
        defer { silent.close(promise: nil) }
        var config = SubstrateClient.Configuration()
        config.rpc.connectTimeout = .milliseconds(300)
        config.rpc.connectAttempts = 2
        config.rpc.initialBackoff = .milliseconds(10)
        let client = SubstrateClient(endpoint: URL(string: "ws://127.0.0.1:\(silent.localAddress!.port!)")!, configuration: config)
        let start = ContinuousClock.now
        await #expect {
            _ = try await client.currentBlock()
        } throws: { error in
            if case ChainError.connection = error { true } else { false }
        }
        #expect(ContinuousClock.now - start < .seconds(5))
    }

    /// A self-signed certificate for `localhost` made with the system's openssl.
    static func makeCertificate() throws -> (cert: String, key: String) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("wss-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "2",
                             "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1",
                             "-keyout", dir.appendingPathComponent("key.pem").path, "-out", dir.appendingPathComponent("cert.pem").path]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "openssl failed")
        return (try String(contentsOf: dir.appendingPathComponent("cert.pem"), encoding: .utf8),
                try String(contentsOf: dir.appendingPathComponent("key.pem"), encoding: .utf8))
    }

    @Test func speaksWssWithServerNameIndication() async throws {
        let (certPEM, keyPEM) = try Self.makeCertificate()
        let sni = Mutex<[String?]>([])
        var serverTLS = TLSConfiguration.makeServerConfiguration(
            certificateChain: try NIOSSLCertificate.fromPEMBytes(Array(certPEM.utf8)).map { .certificate($0) },
            privateKey: .privateKey(try NIOSSLPrivateKey(bytes: Array(keyPEM.utf8), format: .pem)))
        serverTLS.sslContextCallback = { values, promise in
            sni.withLock { $0.append(values.serverHostname) }
            promise.succeed(NIOSSLContextConfigurationOverride())
        }
        let chain = try FixtureChain()
        let server = try await LoopbackRPCServer(tls: try NIOSSLContext(configuration: serverTLS)) { chain.respond($0, $1) }
        defer { Task { await server.stop() } }
        var config = SubstrateClient.Configuration()
        config.rpc.trustRootsPEM = certPEM
        config.rpc.connectAttempts = 1
        let client = SubstrateClient(endpoint: URL(string: "wss://localhost:\(server.port)")!, configuration: config)
        #expect(try await client.currentBlock() == FixtureChain.head)
        #expect(try await client.metagraph(netuid: 1).neurons.count == 1024)
        await client.close()
        #expect(sni.withLock { $0 } == ["localhost"])

        // Without trusting the certificate the handshake fails with a connection error.
        var untrusting = SubstrateClient.Configuration()
        untrusting.rpc.connectAttempts = 1
        let stranger = SubstrateClient(endpoint: URL(string: "wss://localhost:\(server.port)")!, configuration: untrusting)
        await #expect {
            _ = try await stranger.currentBlock()
        } throws: { error in
            if case ChainError.connection = error { true } else { false }
        }
    }

    @Test func anUnreachableEndpointIsAConnectionError() async throws {
        var config = SubstrateClient.Configuration()
        config.rpc.connectAttempts = 2
        config.rpc.initialBackoff = .milliseconds(10)
        // A port nobody listens on: bind-and-release would race, port 1 is privileged and closed.
        let client = SubstrateClient(endpoint: URL(string: "ws://127.0.0.1:1")!, configuration: config)
        await #expect {
            _ = try await client.currentBlock()
        } throws: { error in
            if case ChainError.connection = error { true } else { false }
        }
        let bad = SubstrateClient(endpoint: URL(string: "http://127.0.0.1:9944")!, configuration: config)
        await #expect(throws: ChainError.self) { _ = try await bad.currentBlock() }
    }
}
