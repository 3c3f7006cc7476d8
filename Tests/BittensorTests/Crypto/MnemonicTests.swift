import Testing

@testable import Bittensor

@Suite("BIP39 mnemonics")
struct MnemonicTests {
    @Test("the word list is BIP39 English")
    func wordlist() {
        #expect(MnemonicWordlist.english.count == 2048)
        #expect(MnemonicWordlist.index.count == 2048)
        #expect(MnemonicWordlist.english.first == "abandon" && MnemonicWordlist.english.last == "zoo")
        #expect(MnemonicWordlist.english == MnemonicWordlist.english.sorted())
    }

    @Test("generated mnemonics validate and round-trip their entropy", arguments: [12, 15, 18, 21, 24])
    func generate(_ words: Int) throws {
        let a = Mnemonic.generate(words: words)
        let b = Mnemonic.generate(words: words)
        #expect(a != b)
        #expect(a.split(separator: " ").count == words)
        try Mnemonic.validate(a)
        let entropy = try Mnemonic.entropy(a)
        #expect(entropy.count == words * 4 / 3)
        #expect(Mnemonic.phrase(entropy: entropy) == a)
    }

    @Test("entropy → phrase matches the BIP39 vectors")
    func phrases() {
        #expect(Mnemonic.phrase(entropy: [UInt8](repeating: 0, count: 16)) == "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about")
        #expect(Mnemonic.phrase(entropy: [UInt8](repeating: 0xff, count: 32)) == "zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo vote")
    }

    @Test("bad checksum, unknown word and wrong count are clear errors")
    func rejects() {
        let badChecksum = "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon"
        #expect(throws: KeyError.invalidMnemonic("checksum mismatch (a word is wrong or the words are out of order)")) {
            try Mnemonic.validate(badChecksum)
        }
        #expect(throws: KeyError.self) { try Keypair(mnemonic: badChecksum) }
        #expect(throws: KeyError.invalidMnemonic("word 2 (\"abandonx\") is not in the BIP39 English word list")) {
            try Mnemonic.validate("abandon abandonx abandon abandon abandon abandon abandon abandon abandon abandon abandon about")
        }
        #expect(throws: KeyError.invalidMnemonic("expected 12, 15, 18, 21 or 24 words, got 11")) {
            try Mnemonic.validate("abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about")
        }
    }
}
