import CSodium

/// libsodium initialisation, done once per process before any call into it.
enum Sodium {
    private static let initialized: Bool = { sodium_init() >= 0 }()

    static func ensureInitialized() {
        precondition(initialized, "libsodium failed to initialise")
    }
}
