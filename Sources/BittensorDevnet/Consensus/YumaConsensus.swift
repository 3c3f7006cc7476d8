/// Yuma consensus as subtensor's epoch computes it (`run_epoch.rs`, the original Yuma path with
/// liquid alpha and Yuma3 off), over one subnet's neurons indexed by uid.
///
/// Steps, in the chain's order: activity mask (`last_update + activity_cutoff < block`),
/// normalised stake, new validator permits (top-k non-zero stake), active stake (inactive and
/// non-permitted masked, normalised), weights (rows of non-permitted validators, the diagonal and
/// outdated entries masked, rows normalised), preranks, consensus = stake-weighted median per
/// column at `kappa`, clipped weights `min(w_ij, c_j)`, validator trust = row sums of the clipped
/// weights, ranks from the clipped weights, trust = ranks / preranks, incentive = normalised ranks,
/// bonds: stored bonds with recently registered columns masked, column-normalised; ΔB = W_b ◦ S
/// column-normalised (W_b = clipped weights at bonds penalty 1); EMA `α·ΔB + (1−α)·B` with
/// `α = 1 − bonds_moving_average / 10⁶`, column-normalised; dividends `d_i = Σ_j B_ij · I_j`,
/// normalised; emission split: miners get `I / Σ(I + D)`, validators `D / Σ(I + D)` — so half
/// each when both are non-zero — and, when nobody earned anything, validators get the
/// (active) stake share; pruning score = normalised combined emission.
///
/// Simplifications against the chain:
/// - `Double` arithmetic instead of `I32F32`/`I64F64` fixed point; results agree to ~1e-9 before
///   the u16 quantisation that storage applies (`YumaMath.toU16`).
/// - Stake is the caller's stake weight per uid (alpha + tao_weight × TAO, see `Ledger`); no
///   AMM pools, no stake threshold, no subnet-owner cut, no owner-uid self-weight exemption.
/// - No liquid alpha, no Yuma3, no commit-reveal, no weight-cut iterations, no childkeys, no
///   delegate take: a neuron's whole emission goes to its own hotkey stake.
public enum YumaConsensus {
    /// Everything the epoch reads, per uid (all arrays have the subnet's length `n`).
    public struct Input: Sendable, Hashable {
        public var currentBlock: UInt64
        public var tempo: UInt64
        public var activityCutoff: UInt64
        /// Consensus majority, `kappa` as a proportion (the chain's default 32767/65535 ≈ 0.5).
        public var kappa: Double
        /// `BondsMovingAverage` in millionths (default 900 000 → EMA alpha 0.1).
        public var bondsMovingAverage: UInt64
        /// Interpolation between raw (0) and clipped (1) weights for bonds.
        public var bondsPenalty: Double
        public var maxAllowedValidators: Int
        /// Stake weight per uid (alpha + tao_weight × TAO), in rao of alpha-equivalent.
        public var stake: [UInt64]
        public var lastUpdate: [UInt64]
        public var blockAtRegistration: [UInt64]
        /// Permits from the previous epoch (those decide whose weights count now).
        public var validatorPermit: [Bool]
        /// `weights[i][j]`: u16 weight validator i set on neuron j (n×n, 0 where unset).
        public var weights: [[UInt16]]
        /// `bonds[i][j]`: stored u16 bond of validator i on neuron j (n×n).
        public var bonds: [[UInt16]]
        /// Rao distributed by this epoch.
        public var emission: UInt64

        public init(currentBlock: UInt64, tempo: UInt64, activityCutoff: UInt64 = 5000, kappa: Double = 32767.0 / 65535.0,
                    bondsMovingAverage: UInt64 = 900_000, bondsPenalty: Double = 1, maxAllowedValidators: Int = 64,
                    stake: [UInt64], lastUpdate: [UInt64], blockAtRegistration: [UInt64], validatorPermit: [Bool],
                    weights: [[UInt16]], bonds: [[UInt16]]? = nil, emission: UInt64) {
            self.currentBlock = currentBlock; self.tempo = tempo; self.activityCutoff = activityCutoff
            self.kappa = kappa; self.bondsMovingAverage = bondsMovingAverage; self.bondsPenalty = bondsPenalty
            self.maxAllowedValidators = maxAllowedValidators; self.stake = stake; self.lastUpdate = lastUpdate
            self.blockAtRegistration = blockAtRegistration; self.validatorPermit = validatorPermit
            self.weights = weights
            self.bonds = bonds ?? Array(repeating: Array(repeating: 0, count: stake.count), count: stake.count)
            self.emission = emission
        }
    }

    /// What the epoch writes back, per uid. Proportions are `Double` in [0, 1]; `quantised`
    /// gives the u16 values the chain stores.
    public struct Output: Sendable, Hashable {
        public var active: [Bool]
        public var validatorPermit: [Bool]
        public var stake: [Double]
        public var activeStake: [Double]
        public var consensus: [Double]
        public var validatorTrust: [Double]
        public var rank: [Double]
        public var trust: [Double]
        public var incentive: [Double]
        public var dividends: [Double]
        public var pruningScore: [Double]
        /// Rao to each uid's hotkey as a miner (incentive share).
        public var serverEmission: [UInt64]
        /// Rao to each uid's hotkey as a validator (dividend share).
        public var validatorEmission: [UInt64]
        /// Combined emission per uid, as the chain's `Emission` storage.
        public var emission: [UInt64]
        /// Column-max-upscaled EMA bonds as stored; nil rows mean "leave stored row unchanged",
        /// an empty row means "clear" (a validator that lost its permit).
        public var bonds: [[UInt16]?]
    }

    /// Runs one epoch.
    public static func run(_ input: Input) -> Output {
        typealias M = YumaMath
        let n = input.stake.count
        let inactive = input.lastUpdate.map { $0 &+ input.activityCutoff < input.currentBlock }
        let outdated = input.lastUpdate.map { updated in input.blockAtRegistration.map { updated <= $0 } }
        let lastTempo = input.currentBlock > input.tempo ? input.currentBlock - input.tempo : 0
        let recentlyRegistered = input.blockAtRegistration.map { lastTempo <= $0 }

        let stake = M.normalize(input.stake.map(Double.init))
        let newPermits = M.isTopKNonzero(stake, k: input.maxAllowedValidators)
        let forbids = input.validatorPermit.map(!)
        let activeStake = M.normalize(M.mask(M.mask(stake, where: inactive), where: forbids))

        // Weights: permitted rows only, no self-weight, none on neurons registered since the
        // validator last set weights; rows normalised.
        var weights = input.weights.map { $0.map(M.fromU16) }
        for i in 0..<n {
            for j in 0..<n where forbids[i] || i == j || outdated[i][j] { weights[i][j] = 0 }
        }
        weights = M.rowNormalize(weights)

        let preranks = M.matmul(weights, activeStake)
        let consensus = M.weightedMedianCol(stake: activeStake, score: weights, majority: input.kappa)
        let clipped = M.colClip(weights, consensus)
        let validatorTrust = M.rowSum(clipped)

        let rawRanks = M.matmul(clipped, activeStake)
        let trust = M.vecdiv(rawRanks, preranks)
        let ranks = M.normalize(rawRanks)
        let incentive = ranks

        // Bonds (original Yuma): stored bonds lose columns of recently registered neurons.
        var bonds = input.bonds.map { $0.map(M.fromU16) }
        for i in 0..<n { for j in 0..<n where recentlyRegistered[j] { bonds[i][j] = 0 } }
        bonds = M.colNormalize(bonds)
        let weightsForBonds = M.interpolate(weights, clipped, input.bondsPenalty)
        let delta = M.colNormalize(M.rowHadamard(weightsForBonds, activeStake))
        let alpha = 1 - Double(input.bondsMovingAverage) / 1_000_000
        let ema = M.colNormalize(M.matEMA(new: delta, old: bonds, alpha: alpha))
        let dividends = M.normalize(M.matmulTranspose(ema, incentive))
        let storedBonds = M.colMaxUpscale(ema)

        // Emission: servers get incentive, validators dividends, normalised on their joint sum.
        let combined = zip(incentive, dividends).map(+)
        let emissionSum = combined.reduce(0, +)
        var serverShare = incentive.map { emissionSum > 0 ? $0 / emissionSum : 0 }
        var validatorShare = dividends.map { emissionSum > 0 ? $0 / emissionSum : 0 }
        var combinedShare = M.normalize(combined)
        if emissionSum == 0 {
            let fallback = activeStake.allSatisfy { $0 == 0 } ? stake : activeStake
            serverShare = Array(repeating: 0, count: n)
            validatorShare = fallback
            combinedShare = fallback
        }
        let rao = Double(input.emission)
        let toRao: (Double) -> UInt64 = { UInt64(max(0, ($0 * rao).rounded(.down))) }

        var bondRows: [[UInt16]?] = Array(repeating: nil, count: n)
        for i in 0..<n {
            if newPermits[i] { bondRows[i] = storedBonds[i].map(M.toU16) }
            else if input.validatorPermit[i] { bondRows[i] = [] }
        }

        return Output(
            active: inactive.map(!), validatorPermit: newPermits, stake: stake, activeStake: activeStake,
            consensus: consensus, validatorTrust: validatorTrust, rank: ranks, trust: trust,
            incentive: incentive, dividends: dividends, pruningScore: combinedShare,
            serverEmission: serverShare.map(toRao), validatorEmission: validatorShare.map(toRao),
            emission: combinedShare.map(toRao), bonds: bondRows
        )
    }
}
