/// The vector and matrix helpers of subtensor's `epoch/math.rs`, in `Double` instead of the
/// chain's `I32F32` fixed point. Names follow the Rust functions so the epoch reads like the
/// original. Matrices are dense, row-major: `m[i][j]` is row i (a validator), column j (a neuron).
enum YumaMath {
    /// `inplace_normalize`: scales `x` to sum 1; leaves an all-zero vector unchanged.
    static func normalize(_ x: [Double]) -> [Double] {
        let sum = x.reduce(0, +)
        guard sum > 0 else { return x }
        return x.map { $0 / sum }
    }

    /// `inplace_mask_vector`: zeroes `x[i]` where `mask[i]`.
    static func mask(_ x: [Double], where mask: [Bool]) -> [Double] {
        zip(x, mask).map { $1 ? 0 : $0 }
    }

    /// `inplace_row_normalize`: every row with a non-zero sum scaled to sum 1.
    static func rowNormalize(_ m: [[Double]]) -> [[Double]] { m.map(normalize) }

    /// `inplace_col_normalize`: every column with a non-zero sum scaled to sum 1.
    static func colNormalize(_ m: [[Double]]) -> [[Double]] {
        guard let cols = m.first?.count else { return m }
        var sums = [Double](repeating: 0, count: cols)
        for row in m { for j in 0..<cols { sums[j] += row[j] } }
        return m.map { row in (0..<cols).map { j in sums[j] > 0 ? row[j] / sums[j] : row[j] } }
    }

    /// `inplace_col_max_upscale`: every column with a non-zero max scaled so its max is 1.
    static func colMaxUpscale(_ m: [[Double]]) -> [[Double]] {
        guard let cols = m.first?.count else { return m }
        var maxima = [Double](repeating: 0, count: cols)
        for row in m { for j in 0..<cols { maxima[j] = max(maxima[j], row[j]) } }
        return m.map { row in (0..<cols).map { j in maxima[j] > 0 ? row[j] / maxima[j] : row[j] } }
    }

    /// `matmul(w, s)`: `r_j = Σ_i w_ij · s_i`.
    static func matmul(_ w: [[Double]], _ s: [Double]) -> [Double] {
        guard let cols = w.first?.count else { return [] }
        var r = [Double](repeating: 0, count: cols)
        for (i, row) in w.enumerated() { for j in 0..<cols { r[j] += row[j] * s[i] } }
        return r
    }

    /// `matmul_transpose(b, v)`: `d_i = Σ_j b_ij · v_j`.
    static func matmulTranspose(_ b: [[Double]], _ v: [Double]) -> [Double] {
        b.map { row in zip(row, v).reduce(0) { $0 + $1.0 * $1.1 } }
    }

    /// `row_hadamard(w, s)`: `w_ij · s_i`.
    static func rowHadamard(_ w: [[Double]], _ s: [Double]) -> [[Double]] {
        w.enumerated().map { i, row in row.map { $0 * s[i] } }
    }

    /// `row_sum`.
    static func rowSum(_ m: [[Double]]) -> [Double] { m.map { $0.reduce(0, +) } }

    /// `inplace_col_clip(w, c)`: `min(w_ij, c_j)`.
    static func colClip(_ w: [[Double]], _ c: [Double]) -> [[Double]] {
        w.map { row in zip(row, c).map { min($0, $1) } }
    }

    /// `vecdiv`: element-wise `x / y`, 0 where `y` is 0.
    static func vecdiv(_ x: [Double], _ y: [Double]) -> [Double] {
        zip(x, y).map { $1 == 0 ? 0 : $0 / $1 }
    }

    /// `interpolate(a, b, ratio)`: `a + ratio · (b − a)`.
    static func interpolate(_ a: [[Double]], _ b: [[Double]], _ ratio: Double) -> [[Double]] {
        zip(a, b).map { ra, rb in zip(ra, rb).map { $0 + ratio * ($1 - $0) } }
    }

    /// `mat_ema(new, old, alpha)`: `alpha · new + (1 − alpha) · old`.
    static func matEMA(new: [[Double]], old: [[Double]], alpha: Double) -> [[Double]] {
        zip(new, old).map { rn, ro in zip(rn, ro).map { alpha * $0 + (1 - alpha) * $1 } }
    }

    /// `is_topk_nonzero`: true for the `k` largest non-zero values. Ties go to the higher
    /// index, as the chain's stable ascending sort excludes the lower indices first.
    static func isTopKNonzero(_ x: [Double], k: Int) -> [Bool] {
        var result = [Bool](repeating: true, count: x.count)
        let order = x.indices.sorted { x[$0] < x[$1] || (x[$0] == x[$1] && $0 < $1) }
        for index in order.prefix(max(0, x.count - k)) { result[index] = false }
        for (i, value) in x.enumerated() where value == 0 { result[i] = false }
        return result
    }

    /// `weighted_median_col`: per column, the stake-weighted `majority` quantile of the scores
    /// of rows with positive stake (subtensor's mid-pivot search, so results are identical on ties).
    static func weightedMedianCol(stake: [Double], score: [[Double]], majority: Double) -> [Double] {
        guard let cols = score.first?.count else { return [] }
        return (0..<cols).map { c in
            var useStake: [Double] = []
            var useScore: [Double] = []
            for (r, s) in stake.enumerated() where s > 0 {
                useStake.append(s)
                useScore.append(score[r][c])
            }
            guard !useStake.isEmpty else { return 0 }
            useStake = normalize(useStake)
            let stakeSum = useStake.reduce(0, +)
            return weightedMedian(stake: useStake, score: useScore, minority: stakeSum - majority, hi: stakeSum)
        }
    }

    /// `weighted_median`: mid-pivot partition search for the score where the cumulative stake
    /// below it crosses `minority` (partition `[lo, hi]` of the stake integral).
    static func weightedMedian(stake: [Double], score: [Double], minority: Double, hi: Double) -> Double {
        var partition = Array(score.indices)
        var lo = 0.0, hi = hi
        while true {
            if partition.isEmpty { return 0 }
            if partition.count == 1 { return score[partition[0]] }
            let pivot = score[partition[partition.count / 2]]
            var loStake = 0.0, hiStake = 0.0
            var lower: [Int] = [], upper: [Int] = []
            for index in partition where score[index] != pivot {
                if score[index] < pivot { loStake += stake[index]; lower.append(index) }
                else { hiStake += stake[index]; upper.append(index) }
            }
            if lo + loStake <= minority && minority < hi - hiStake {
                return pivot
            } else if minority < lo + loStake && !lower.isEmpty {
                partition = lower
                hi = lo + loStake
            } else if hi - hiStake <= minority && !upper.isEmpty {
                partition = upper
                lo = hi - hiStake
            } else {
                return pivot
            }
        }
    }

    /// `fixed_proportion_to_u16`: a proportion in [0, 1] as the chain stores it (truncating).
    /// A tiny epsilon keeps `Double` round-off (0.4999999…) from losing a whole unit.
    static func toU16(_ x: Double) -> UInt16 {
        let scaled = (x * 65535 + 1e-9).rounded(.down)
        return UInt16(max(0, min(65535, scaled)))
    }

    /// `u16_proportion_to_fixed`.
    static func fromU16(_ x: UInt16) -> Double { Double(x) / 65535 }
}
