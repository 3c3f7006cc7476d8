/// The optimal ate pairing e: G1 × G2 → GT (arkworks conventions).
public enum Pairing {
    /// e(p, q).
    public static func pairing(_ p: G1Point, _ q: G2Point) -> GT {
        GT(FinalExponentiation.apply(MillerLoop.run([(p, q)])))
    }

    /// ∏ e(pᵢ, qᵢ) with one shared final exponentiation.
    public static func multiPairing(_ pairs: [(G1Point, G2Point)]) -> GT {
        GT(FinalExponentiation.apply(MillerLoop.run(pairs)))
    }
}
