import Bittensor
import Foundation

/// TEST-ONLY stand-in for the real drand tlock (the `Timelock` module replaces it at
/// integration). NOT secure: the "public key" is the secret itself, a round's "signature" is
/// BLAKE2b(key ‖ round), and the "ciphertext" is round ‖ plaintext XOR a keystream from that
/// signature ‖ a 4-byte check. It keeps the contract that matters to the chain code: only the
/// signature of the round the plaintext was encrypted to decrypts it.
struct StandInBeacon: BeaconSigner {
    let publicKey: [UInt8]
    init(secretKey: [UInt8]) { publicKey = secretKey }
    func sign(round: UInt64) -> [UInt8] { Self.signature(publicKey: publicKey, round: round) }
    static func signature(publicKey: [UInt8], round: UInt64) -> [UInt8] {
        Blake2b.hash256(publicKey + withUnsafeBytes(of: round.bigEndian, Array.init))
    }
}

struct StandInCipher: TimelockCipher {
    struct WrongSignature: Error {}

    func encrypt(_ plaintext: [UInt8], round: UInt64, publicKey: [UInt8]) throws -> [UInt8] {
        let sig = StandInBeacon.signature(publicKey: publicKey, round: round)
        return withUnsafeBytes(of: round.littleEndian, Array.init) + Self.xor(plaintext, sig) + Array(Blake2b.hash256(sig + plaintext).prefix(4))
    }

    func decrypt(_ ciphertext: [UInt8], signature: [UInt8]) throws -> [UInt8] {
        guard ciphertext.count >= 12 else { throw WrongSignature() }
        let body = Array(ciphertext[8..<(ciphertext.count - 4)])
        let plaintext = Self.xor(body, signature)
        guard Array(Blake2b.hash256(signature + plaintext).prefix(4)) == Array(ciphertext.suffix(4)) else { throw WrongSignature() }
        return plaintext
    }

    static func xor(_ data: [UInt8], _ key: [UInt8]) -> [UInt8] {
        var out = [UInt8](), counter: UInt32 = 0
        while out.count < data.count {
            out += Blake2b.hash256(key + withUnsafeBytes(of: counter, Array.init))
            counter += 1
        }
        return zip(data, out).map { $0 ^ $1 }
    }

    static var suite: TimelockSuite { TimelockSuite(cipher: StandInCipher(), makeSigner: { StandInBeacon(secretKey: $0) }) }
}

/// A hand-driven wall clock for the devnet beacon.
final class ManualClock: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Double
    init(_ start: Double) { value = start }
    var now: Double { lock.withLock { value } }
    func advance(_ seconds: Double) { lock.withLock { value += seconds } }
}
