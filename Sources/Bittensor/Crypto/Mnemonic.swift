import CSodium
import Crypto
import _CryptoExtras

/// BIP39 English mnemonics as Substrate and the Bittensor SDK use them: the key comes from the
/// mnemonic's *entropy* (not the BIP39 seed): mini secret =
/// PBKDF2-HMAC-SHA512(entropy, "mnemonic" ‖ passphrase, 2048 rounds)[0..<32].
public enum Mnemonic {
    /// The word counts BIP39 defines (128…256 bits of entropy).
    public static let validWordCounts = [12, 15, 18, 21, 24]

    /// A fresh mnemonic of `words` words (12, 15, 18, 21 or 24) from the system CSPRNG.
    public static func generate(words: Int = 12) -> String {
        precondition(validWordCounts.contains(words), "BIP39 mnemonics have 12, 15, 18, 21 or 24 words")
        Sodium.ensureInitialized()
        var entropy = [UInt8](repeating: 0, count: words * 4 / 3)
        randombytes_buf(&entropy, entropy.count)
        defer { entropy.withUnsafeMutableBytes { sodium_memzero($0.baseAddress, $0.count) } }
        return phrase(entropy: entropy)
    }

    /// The mnemonic for `entropy` (16, 20, 24, 28 or 32 bytes), with its SHA-256 checksum bits.
    public static func phrase(entropy: [UInt8]) -> String {
        precondition([16, 20, 24, 28, 32].contains(entropy.count), "BIP39 entropy is 16…32 bytes in steps of 4")
        let checksumBits = entropy.count / 4
        let bits = entropy + [sha256(entropy)[0]]
        let wordCount = (entropy.count * 8 + checksumBits) / 11
        var words = [String]()
        words.reserveCapacity(wordCount)
        for w in 0..<wordCount {
            var index = 0
            for bit in (w * 11)..<(w * 11 + 11) {
                index = index << 1 | Int(bits[bit / 8] >> (7 - UInt8(bit % 8)) & 1)
            }
            words.append(MnemonicWordlist.english[index])
        }
        return words.joined(separator: " ")
    }

    /// Checks word count, every word against the English list, and the checksum.
    public static func validate(_ mnemonic: String) throws(KeyError) {
        _ = try entropy(mnemonic)
    }

    /// The entropy a mnemonic encodes, after validating it.
    public static func entropy(_ mnemonic: String) throws(KeyError) -> [UInt8] {
        let words = mnemonic.split(whereSeparator: { $0.isWhitespace }).map { $0.lowercased() }
        guard validWordCounts.contains(words.count) else {
            throw .invalidMnemonic("expected 12, 15, 18, 21 or 24 words, got \(words.count)")
        }
        var bits = [Bool]()
        bits.reserveCapacity(words.count * 11)
        for (position, word) in words.enumerated() {
            guard let index = MnemonicWordlist.index[word] else {
                throw .invalidMnemonic("word \(position + 1) (\"\(word)\") is not in the BIP39 English word list")
            }
            for shift in stride(from: 10, through: 0, by: -1) { bits.append(index >> shift & 1 == 1) }
        }
        let checksumBits = words.count / 3
        let entropyBytes = (bits.count - checksumBits) / 8
        var entropy = [UInt8](repeating: 0, count: entropyBytes)
        for i in 0..<(entropyBytes * 8) where bits[i] { entropy[i / 8] |= 0x80 >> UInt8(i % 8) }
        let expected = sha256(entropy)[0]
        for i in 0..<checksumBits where bits[entropyBytes * 8 + i] != (expected >> (7 - UInt8(i)) & 1 == 1) {
            throw .invalidMnemonic("checksum mismatch (a word is wrong or the words are out of order)")
        }
        return entropy
    }

    /// The 32-byte sr25519 mini secret of a mnemonic (substrate-bip39 `mini_secret_from_entropy`).
    public static func miniSecret(mnemonic: String, passphrase: String = "") throws(KeyError) -> [UInt8] {
        miniSecret(entropy: try entropy(mnemonic), passphrase: passphrase)
    }

    /// PBKDF2-HMAC-SHA512(entropy, "mnemonic" ‖ passphrase, 2048)[0..<32].
    public static func miniSecret(entropy: [UInt8], passphrase: String = "") -> [UInt8] {
        let salt = Array(("mnemonic" + passphrase).utf8)
        // 2048 rounds is what BIP39/substrate-bip39 fix; the "unchecked" API only lifts the
        // library's minimum for new password hashes.
        let key = try! KDF.Insecure.PBKDF2.deriveKey(
            from: entropy, salt: salt, using: .sha512, outputByteCount: 64, unsafeUncheckedRounds: 2048)
        return key.withUnsafeBytes { Array($0.prefix(32)) }
    }

    private static func sha256(_ data: [UInt8]) -> [UInt8] {
        Array(SHA256.hash(data: data))
    }
}
