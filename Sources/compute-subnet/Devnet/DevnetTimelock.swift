import Bittensor

/// The timelock implementation (drand tlock on BLS12-381) this binary runs with: the devnet's
/// beacon key and reveals, and the validator's commit-reveal encryption.
///
/// `nil` until the `Timelock` module is part of the package. Integration is this one place:
/// `TimelockSuite(cipher: <adapter over Timelock.encrypt/decrypt>, makeSigner: { try BeaconSecretKey(bytes: $0) })`.
/// Without it, `devnet init` leaves commit-reveal off unless asked, and a validator on a
/// commit-reveal subnet reports `CommitRevealSetupError.noCipher`.
enum DevnetTimelock {
    static var suite: TimelockSuite? { nil }
}
