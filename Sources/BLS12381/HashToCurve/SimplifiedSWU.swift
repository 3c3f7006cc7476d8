/// Simplified SWU map onto the 11-isogenous curve E': y² = x³ + A'x + B' (RFC 9380 §6.6.2), Z = 11.
enum SimplifiedSWU {
    static let a = Fp(montgomeryLimbs: (0x2f65aa0e9af5aa51, 0x86464c2d1e8416c3, 0xb85ce591b7bd31e2, 0x27e11c91b5f24e7c, 0x28376eda6bfc1835, 0x155455c3e5071d85))
    static let b = Fp(montgomeryLimbs: (0xfb996971fe22a1e0, 0x9aa93eb35b742d6f, 0x8c476013de99c5c4, 0x873e27c3a221e571, 0xca72b5e45a52d888, 0x06824061418a386b))
    static let z = Fp(montgomeryLimbs: (0x886c00000023ffdc, 0x0f70008d3090001d, 0x77672417ed5828c3, 0x9dac23e943dc1740, 0x50553f1b9c131521, 0x078c712fbe0ab6e8))
    /// −B'/A'.
    static let minusBOverA = Fp(montgomeryLimbs: (0x052583c93555a7fe, 0x3b40d72430f93c82, 0x1b75faa0105ec983, 0x2527e7dc63851767, 0x99fffd1f34fc181d, 0x097cab54770ca0d3))
    /// B'/(Z·A').
    static let bOverZA = Fp(montgomeryLimbs: (0xaefbc579583dc22f, 0x70cca69e8ca26edc, 0xaf05f2a3b113ce57, 0x4ed257417860c764, 0xbb16a0c0d526ff96, 0x1469e7cf3b7ec553))

    /// Maps a field element to an affine point of E'. Variable time (inputs are public hashes).
    static func map(_ u: Fp) -> (x: Fp, y: Fp) {
        let u2 = u.squared()
        let zu2 = z * u2
        let den = zu2.squared() + zu2
        let tv1 = den.inverse()
        let x1 = tv1.isZero ? bOverZA : minusBOverA * (Fp.one + tv1)
        let gx1 = (x1.squared() + a) * x1 + b
        var x: Fp
        var y: Fp
        if let s = gx1.squareRoot() {
            x = x1
            y = s
        } else {
            x = zu2 * x1
            let gx2 = (x.squared() + a) * x + b
            // gx2 = Z³u⁶·gx1 is a square whenever gx1 is not.
            y = gx2.squareRoot() ?? .zero
        }
        if u.sgn0 != y.sgn0 { y = -y }
        return (x, y)
    }
}
