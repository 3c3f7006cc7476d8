/// Fixed-base multiplication by the G2 generator: 4-bit windows, 64 rows of 16 multiples
/// (row w holds j·16^w·G, j = 0…15), built once on first use (~1,200 group operations).
/// Each row is scanned in full with masked selects, so timing and memory access do not depend on the scalar.
enum G2GeneratorTable {
    static let rows: [[ProjectivePoint<Fp2>]] = {
        var rows: [[ProjectivePoint<Fp2>]] = []
        rows.reserveCapacity(64)
        var base = G2Point.generator.point
        for _ in 0..<64 {
            var row = [ProjectivePoint<Fp2>.identity, base]
            for j in 2..<16 { row.append(row[j - 1] + base) }
            rows.append(row)
            base = base.doubled().doubled().doubled().doubled()
        }
        return rows
    }()

    /// k·G2 in constant time.
    static func multiply(_ k: Scalar) -> ProjectivePoint<Fp2> {
        var acc = ProjectivePoint<Fp2>.identity
        for w in 0..<64 {
            let nibble = (k.limbs[w >> 4] >> UInt64(4 * (w & 15))) & 15
            let row = rows[w]
            var sel = row[0]
            for j in 1..<16 {
                let d = UInt64(j) ^ nibble
                let mask = ((d | (0 &- d)) >> 63) &- 1 // all-ones iff d == 0
                sel = ProjectivePoint.select(sel, row[j], mask: mask)
            }
            acc = acc + sel
        }
        return acc
    }
}

extension G2Point {
    /// k·G for the standard generator, constant-time, using a precomputed window table.
    public static func generatorMultiple(_ k: Scalar) -> G2Point { G2Point(G2GeneratorTable.multiply(k)) }
}
