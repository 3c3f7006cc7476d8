import Bittensor
@testable import BittensorDevnet
import Foundation
import Testing

/// The devnet's dynamic-TAO stake: subnet stake is alpha (1:1 from TAO), root stake is TAO, and
/// stake weight = alpha + tao_weight × TAO decides permits and consensus weight.
@Suite struct DevnetStakeWeightTests {
    @Test func metagraphReportsAlphaTAOAndStakeWeight() async throws {
        let net = try await TestDevnet.make(.test())
        defer { net.cleanUp() }
        let chain = net.chain
        let coldkey = try testKey(1), a = try testKey(10)
        try await chain.fund(address: coldkey.ss58Address, rao: 10 * tao)
        try await chain.burnedRegister(netuid: 27, hotkey: a.ss58Address, coldkey: coldkey)

        #expect(try await chain.taoWeight() == TaoWeight.finney)
        try await chain.addStake(hotkey: a.ss58Address, rao: 100 * tao)              // → 100 α
        try await chain.addStake(hotkey: a.ss58Address, rao: 1000 * tao, root: true)  // 1000 τ on root
        #expect(try await chain.stake(of: a.ss58Address) == 100 * tao)
        #expect(try await chain.taoStake(of: a.ss58Address) == 1000 * tao)
        #expect(try await chain.stakeWeight(of: a.ss58Address) == 280 * tao)         // 100 + 0.18 × 1000

        let graph = try await chain.metagraph(netuid: 27)
        #expect(graph.taoWeight == .finney)
        let n = try #require(graph.neuron(hotkey: a.ss58Address))
        #expect(n.alphaStake == 100 * tao && n.taoStake == 1000 * tao && n.stakeWeight == 280 * tao)

        // tao_weight is a chain parameter: the metagraph follows it.
        try await chain.setTaoWeight(TaoWeight(proportion: 0.5))
        #expect(try await chain.metagraph(netuid: 27).neurons[0].stakeWeight == 600 * tao)
        try await chain.setTaoWeight(TaoWeight(raw: 0))
        #expect(try await chain.metagraph(netuid: 27).neurons[0].stakeWeight == 100 * tao)
    }

    @Test func permitsGoToTheTopStakeWeightNotTheTopAlpha() async throws {
        // One validator slot; epochs every 2 blocks.
        var params = SubnetParameters.test(tempo: 2)
        params.maxAllowedValidators = 1
        let net = try await TestDevnet.make(params)
        defer { net.cleanUp() }
        let chain = net.chain
        let coldkey = try testKey(1), alphaHolder = try testKey(10), taoHolder = try testKey(11)
        try await chain.fund(address: coldkey.ss58Address, rao: 10 * tao)
        try await chain.burnedRegister(netuid: 27, hotkey: alphaHolder.ss58Address, coldkey: coldkey)
        try await chain.burnedRegister(netuid: 27, hotkey: taoHolder.ss58Address, coldkey: coldkey)
        try await chain.addStake(hotkey: alphaHolder.ss58Address, rao: 150 * tao)             // 150 α
        try await chain.addStake(hotkey: taoHolder.ss58Address, rao: 1000 * tao, root: true)  // 180 α-equivalent

        // The faucet re-ranks permits at once, by stake weight.
        let now = try await chain.metagraph(netuid: 27)
        #expect(now.neuron(hotkey: taoHolder.ss58Address)?.validatorPermit == true)
        #expect(now.neuron(hotkey: alphaHolder.ss58Address)?.validatorPermit == false)

        try await chain.advance(blocks: 3)
        let graph = try await chain.metagraph(netuid: 27)
        let a = try #require(graph.neuron(hotkey: alphaHolder.ss58Address))
        let t = try #require(graph.neuron(hotkey: taoHolder.ss58Address))
        // Emission may have added alpha; the TAO still counts at 0.18.
        #expect(t.taoStake == 1000 * tao && t.stakeWeight == t.alphaStake + 180 * tao)
        #expect(t.validatorPermit && !a.validatorPermit)

        // With TAO weighing nothing, the alpha holder wins the slot at the next epoch.
        try await chain.setTaoWeight(TaoWeight(raw: 0))
        try await chain.advance(blocks: 2)
        let after = try await chain.metagraph(netuid: 27)
        #expect(after.neuron(hotkey: alphaHolder.ss58Address)?.validatorPermit == true)
        #expect(after.neuron(hotkey: taoHolder.ss58Address)?.validatorPermit == false)
    }

    @Test func paidStakeWaitsForTheEpochForItsPermit() async throws {
        let net = try await TestDevnet.make(.test(tempo: 2))
        defer { net.cleanUp() }
        let chain = net.chain
        let coldkey = try testKey(1), v = try testKey(10)
        try await chain.fund(address: coldkey.ss58Address, rao: 200 * tao)
        try await chain.burnedRegister(netuid: 27, hotkey: v.ss58Address, coldkey: coldkey)
        try await chain.addStake(hotkey: v.ss58Address, rao: 100 * tao, coldkey: coldkey.ss58Address)
        #expect(try await chain.metagraph(netuid: 27).neurons[0].validatorPermit == false)
        try await chain.advance(blocks: 3)
        #expect(try await chain.metagraph(netuid: 27).neurons[0].validatorPermit == true)
    }
}
