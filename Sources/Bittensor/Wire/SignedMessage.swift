/// The message a dendrite signs and an axon verifies:
/// `"{nonce}.{dendrite_hotkey}.{axon_hotkey}.{dendrite_uuid}.{computed_body_hash}"` (UTF-8).
public struct SignedMessage: Sendable, Hashable {
    public var nonce: Int
    public var dendriteHotkey: String
    public var axonHotkey: String
    public var uuid: String
    /// 64 lower-case hex characters, no `0x`.
    public var bodyHash: String

    public init(nonce: Int, dendriteHotkey: String, axonHotkey: String, uuid: String, bodyHash: String) {
        self.nonce = nonce; self.dendriteHotkey = dendriteHotkey; self.axonHotkey = axonHotkey
        self.uuid = uuid; self.bodyHash = bodyHash
    }

    /// The text that is signed.
    public var text: String { "\(nonce).\(dendriteHotkey).\(axonHotkey).\(uuid).\(bodyHash)" }

    /// The bytes that are signed.
    public var bytes: [UInt8] { Array(text.utf8) }

    /// `"0x" + hex(signature)` of this message by `keypair`.
    public func sign(with keypair: Keypair) throws(KeyError) -> String {
        Hex.encode(try keypair.sign(bytes), prefix: true)
    }

    /// True when `signature` (`0x` + 128 hex) is a valid signature of this message by `keypair`.
    /// The SDK's verifier needs the `0x` form; anything else fails.
    public func verify(signature: String, with keypair: Keypair) -> Bool {
        guard signature.utf8.count == 130, signature.hasPrefix("0x"), let sig = Hex.decode(signature) else { return false }
        return keypair.verify(sig, message: bytes)
    }
}
