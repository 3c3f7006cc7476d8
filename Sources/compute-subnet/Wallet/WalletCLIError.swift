/// A `wallet` command-line input that is wrong before any key is touched.
struct WalletCLIError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
