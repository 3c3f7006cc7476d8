import Bittensor

/// The timelock implementation this binary runs with: drand tlock on BLS12-381, for the devnet's
/// beacon key and reveals and for the validator's commit-reveal encryption.
enum DevnetTimelock {
    static var suite: TimelockSuite? { .drand }
}
