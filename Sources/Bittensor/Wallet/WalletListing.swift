import Foundation

/// What `wallet list` shows: each wallet under a wallets folder with its coldkey address and
/// hotkeys, read from public files (or unencrypted keyfiles) only, so no password is needed.
public struct WalletListing: Sendable, Hashable, Codable {
    /// One hotkey of a wallet.
    public struct Hotkey: Sendable, Hashable, Codable {
        public var name: String
        /// nil when the address cannot be read without a password.
        public var ss58Address: String?
    }

    public var name: String
    /// nil when there is no coldkey, or it is encrypted and has no `coldkeypub.txt`.
    public var coldkey: String?
    public var hotkeys: [Hotkey]

    /// Every wallet folder under `path` (`~` expanded), sorted by name; empty when `path` does not exist.
    /// A keyfile that cannot be parsed shows as an address of nil rather than failing the listing.
    public static func scan(path: String) -> [WalletListing] {
        let root = Wallet(path: path).path
        let fm = FileManager.default
        guard let names = try? fm.contentsOfDirectory(atPath: root) else { return [] }
        var result: [WalletListing] = []
        for name in names.sorted() where !name.hasPrefix(".") {
            var isDir: ObjCBool = false
            guard fm.fileExists(atPath: root + "/" + name, isDirectory: &isDir), isDir.boolValue else { continue }
            let wallet = Wallet(path: root, name: name)
            let hotkeyNames = ((try? fm.contentsOfDirectory(atPath: wallet.directory + "/hotkeys")) ?? [])
                .filter { !$0.hasPrefix(".") && !$0.hasSuffix("pub.txt") }
                .sorted()
            let hotkeys = hotkeyNames.map { h in
                Hotkey(name: h, ss58Address: try? Wallet(path: root, name: name, hotkey: h).hotkeyAddress())
            }
            let coldkey = try? wallet.coldkeyAddress()
            guard coldkey != nil || !hotkeys.isEmpty || wallet.coldkeyFile.exists else { continue }
            result.append(WalletListing(name: name, coldkey: coldkey, hotkeys: hotkeys))
        }
        return result
    }
}
