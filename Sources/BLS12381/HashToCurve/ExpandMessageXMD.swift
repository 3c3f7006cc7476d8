import Crypto

/// expand_message_xmd with SHA-256 (RFC 9380 §5.3.1).
public enum ExpandMessageXMD {
    /// Produces `length` uniform bytes from `message` under domain separation tag `dst`.
    /// Precondition: 0 < length ≤ 8160. DSTs over 255 bytes are hashed as RFC 9380 §5.3.3 specifies.
    public static func expand(_ message: [UInt8], dst: [UInt8], length: Int) -> [UInt8] {
        precondition(length <= 255 * 32 && length > 0)
        let dst = dst.count <= 255 ? dst : Array(SHA256.hash(data: Array("H2C-OVERSIZE-DST-".utf8) + dst))
        let ell = (length + 31) / 32
        let dstPrime = dst + [UInt8(dst.count)]
        var h = SHA256()
        h.update(data: [UInt8](repeating: 0, count: 64))
        h.update(data: message)
        h.update(data: [UInt8(length >> 8), UInt8(length & 0xff), 0])
        h.update(data: dstPrime)
        let b0 = Array(h.finalize())
        var prev = Array(SHA256.hash(data: b0 + [1] + dstPrime))
        var out = prev
        if ell >= 2 {
            for i in 2...ell {
                let mixed = zip(b0, prev).map { $0 ^ $1 }
                prev = Array(SHA256.hash(data: mixed + [UInt8(i)] + dstPrime))
                out += prev
            }
        }
        return Array(out.prefix(length))
    }
}
