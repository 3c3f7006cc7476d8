import Bittensor
import ComputeSubnet
import Testing

@Suite struct CallerPolicyTests {
    static let tao: UInt64 = 1_000_000_000
    let metagraph = Metagraph(block: 100, netuid: 27, neurons: [
        NeuronInfo(uid: 0, hotkey: "validator", coldkey: "vcold", stake: 2000 * tao, validatorPermit: true),
        NeuronInfo(uid: 1, hotkey: "smallvali", coldkey: "scold", stake: 10 * tao),
        NeuronInfo(uid: 2, hotkey: "badvali", coldkey: "evilcold", stake: 5000 * tao),
        NeuronInfo(uid: 3, hotkey: "exactly", coldkey: "ecold", stake: 1024 * tao),
    ])

    @Test func allowsARegisteredCallerWithValidatorStake() {
        #expect(CallerPolicy().check(hotkey: "validator", in: metagraph) == nil)
        #expect(CallerPolicy().check(hotkey: "exactly", in: metagraph) == nil)
    }

    @Test func refusesAnUnregisteredCaller() {
        #expect(CallerPolicy().check(hotkey: "stranger", in: metagraph) == .unregistered("stranger"))
        // A whitelist does not make an unregistered caller acceptable.
        let policy = CallerPolicy(whitelistedHotkeys: ["stranger"])
        #expect(policy.check(hotkey: "stranger", in: metagraph) == .unregistered("stranger"))
    }

    @Test func refusesLowStakeUnlessWaivedOrWhitelisted() {
        guard case .insufficientStake(let h, let have, let need)? = CallerPolicy().check(hotkey: "smallvali", in: metagraph)
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

    @Test func priorityIsStakePlusSynapsePriority() {
        let policy = CallerPolicy()
        #expect(policy.priority(hotkey: "validator", synapsePriority: 3, in: metagraph) == 2003)
        #expect(policy.priority(hotkey: "smallvali", synapsePriority: 1, in: metagraph) == 11)
        #expect(policy.priority(hotkey: "stranger", synapsePriority: 2, in: metagraph) == 2)
    }

    @Test func refusalsReadLikeSentences() {
        let text = CallerPolicy.Refusal.insufficientStake(hotkey: "h", stakeTAO: 10.5, requiredTAO: 1024).description
        #expect(text == "hotkey h holds 10.500 TAO, below the 1024 TAO validator stake")
    }
}
