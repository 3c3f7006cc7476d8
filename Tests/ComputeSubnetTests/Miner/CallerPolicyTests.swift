import Bittensor
import ComputeSubnet
import Testing

@Suite struct CallerPolicyTests {
    static let token = Rao.perToken
    static let weight = TaoWeight.finney  // 0.18
    static func neuron(_ uid: UInt16, _ hotkey: String, _ coldkey: String, alpha: UInt64 = 0, tao: UInt64 = 0,
                       permit: Bool = true) -> NeuronInfo {
        NeuronInfo(uid: uid, hotkey: hotkey, coldkey: coldkey, alphaStake: alpha * token, taoStake: tao * token,
                   taoWeight: weight, validatorPermit: permit)
    }

    let metagraph = Metagraph(block: 100, netuid: 27, neurons: [
        neuron(0, "validator", "vcold", alpha: 2000),
        neuron(1, "smallvali", "scold", alpha: 10),
        neuron(2, "badvali", "evilcold", alpha: 5000),
        neuron(3, "exactly", "ecold", alpha: 1024),
        neuron(4, "richnopermit", "rcold", alpha: 100_000, tao: 1_000_000, permit: false),
        neuron(5, "taoonly", "tcold", tao: 10_000),        // 0.18 × 10 000 = 1800 α-equivalent
        neuron(6, "taoshort", "tscold", tao: 5000),       // 900 α-equivalent
        neuron(7, "mixed", "mcold", alpha: 124, tao: 5000),  // 124 + 900 = 1024
    ], taoWeight: weight)

    @Test func allowsARegisteredPermittedCallerWithStakeWeight() {
        #expect(CallerPolicy().check(hotkey: "validator", in: metagraph) == nil)
        #expect(CallerPolicy().check(hotkey: "exactly", in: metagraph) == nil)
    }

    @Test func refusesAnUnregisteredCaller() {
        #expect(CallerPolicy().check(hotkey: "stranger", in: metagraph) == .unregistered("stranger"))
        // A whitelist does not make an unregistered caller acceptable.
        let policy = CallerPolicy(whitelistedHotkeys: ["stranger"])
        #expect(policy.check(hotkey: "stranger", in: metagraph) == .unregistered("stranger"))
    }

    @Test func refusesAnyStakeWithoutAPermit() {
        // Plenty of alpha and TAO, but the chain gave no validator permit.
        #expect(CallerPolicy().check(hotkey: "richnopermit", in: metagraph) == .noValidatorPermit("richnopermit"))
        // Neither the whitelist nor the stake waiver lifts the permit requirement.
        #expect(CallerPolicy(whitelistedHotkeys: ["richnopermit"]).check(hotkey: "richnopermit", in: metagraph)
                == .noValidatorPermit("richnopermit"))
        #expect(CallerPolicy(allowInsufficientStake: true).check(hotkey: "richnopermit", in: metagraph)
                == .noValidatorPermit("richnopermit"))
        // Only turning the permit check off does.
        #expect(CallerPolicy(requireValidatorPermit: false).check(hotkey: "richnopermit", in: metagraph) == nil)
    }

    @Test func thresholdIsOnStakeWeightJustBelowAndAbove() {
        let exact = 1024 * Self.token
        let below = CallerPolicy(minimumStakeWeight: exact + 1), at = CallerPolicy(minimumStakeWeight: exact)
        #expect(at.check(hotkey: "exactly", in: metagraph) == nil)
        guard case .insufficientStakeWeight(let h, let have, let need)? = below.check(hotkey: "exactly", in: metagraph)
        else { Issue.record("expected a stake-weight refusal one rao above"); return }
        #expect(h == "exactly" && have == 1024 && need == 1024.000000001)
        #expect(CallerPolicy(minimumStakeWeight: exact - 1).check(hotkey: "exactly", in: metagraph) == nil)
    }

    @Test func alphaAndTAOAreWeighedByTaoWeight() {
        let policy = CallerPolicy()  // 1024 α-equivalent
        // 10 000 TAO alone counts 1800: enough. 5000 TAO alone counts 900: not enough.
        #expect(policy.check(hotkey: "taoonly", in: metagraph) == nil)
        #expect(policy.check(hotkey: "taoshort", in: metagraph)
                == .insufficientStakeWeight(hotkey: "taoshort", stakeWeight: 900, required: 1024))
        // 124 alpha + 0.18 × 5000 TAO = 1024 exactly.
        #expect(metagraph.neuron(hotkey: "mixed")?.stakeWeight == 1024 * Self.token)
        #expect(policy.check(hotkey: "mixed", in: metagraph) == nil)
        // The same TAO under a smaller tao_weight is not enough.
        let light = NeuronInfo(uid: 7, hotkey: "mixed", coldkey: "mcold", alphaStake: 124 * Self.token,
                               taoStake: 5000 * Self.token, taoWeight: TaoWeight(proportion: 0.1), validatorPermit: true)
        #expect(light.stakeWeight == 624 * Self.token)
        #expect(policy.check(hotkey: "mixed", in: Metagraph(block: 1, netuid: 27, neurons: [light])) != nil)
    }

    @Test func refusesLowStakeWeightUnlessWaivedOrWhitelisted() {
        guard case .insufficientStakeWeight(let h, let have, let need)? = CallerPolicy().check(hotkey: "smallvali", in: metagraph)
        else { Issue.record("expected a stake refusal"); return }
        #expect(h == "smallvali" && have == 10 && need == 1024)
        #expect(CallerPolicy(allowInsufficientStake: true).check(hotkey: "smallvali", in: metagraph) == nil)
        #expect(CallerPolicy(whitelistedHotkeys: ["smallvali"]).check(hotkey: "smallvali", in: metagraph) == nil)
        #expect(CallerPolicy(whitelistedColdkeys: ["scold"]).check(hotkey: "smallvali", in: metagraph) == nil)
    }

    @Test func blacklistsWinOverStakeAndWhitelist() {
        let policy = CallerPolicy(blacklistedHotkeys: ["validator"], blacklistedColdkeys: ["evilcold"],
                                  whitelistedHotkeys: ["validator", "badvali"])
        #expect(policy.check(hotkey: "validator", in: metagraph) == .blacklistedHotkey("validator"))
        #expect(policy.check(hotkey: "badvali", in: metagraph) == .blacklistedColdkey("evilcold"))
    }

    @Test func priorityIsStakeWeightPlusSynapsePriority() {
        let policy = CallerPolicy()
        #expect(policy.priority(hotkey: "validator", synapsePriority: 3, in: metagraph) == 2003)
        #expect(policy.priority(hotkey: "smallvali", synapsePriority: 1, in: metagraph) == 11)
        #expect(policy.priority(hotkey: "taoonly", synapsePriority: 1, in: metagraph) == 1801)
        #expect(policy.priority(hotkey: "stranger", synapsePriority: 2, in: metagraph) == 2)
    }

    @Test func refusalsNameTheUnit() {
        let text = CallerPolicy.Refusal.insufficientStakeWeight(hotkey: "h", stakeWeight: 10.5, required: 1024).description
        #expect(text == "hotkey h has stake weight 10.500 α-equivalent (alpha + tao_weight × TAO), below the 1024 this miner requires")
        #expect(!text.contains(" TAO,") && !text.contains("1024 TAO"))
        #expect(CallerPolicy.Refusal.noValidatorPermit("h").description.contains("validator permit"))
    }
}
