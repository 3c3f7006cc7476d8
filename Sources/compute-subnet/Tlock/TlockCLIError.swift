import BLS12381
import Foundation
import Timelock

/// Why a `tlock` command refused its input or failed; printed by ArgumentParser as one line on
/// stderr (`Error: …`), exit status 1, with nothing written to stdout.
enum TlockCLIError: Error, CustomStringConvertible {
    /// Standard input held more than the command accepts.
    case inputTooLarge(what: String, limit: Int)
    /// Standard input was empty (or only whitespace).
    case emptyInput(what: String)
    /// Reading an input failed at the system level.
    case readFailed(what: String, errno: Int32)
    /// Writing to stdout failed (e.g. the reader went away).
    case writeFailed(errno: Int32)
    /// A value that must be hex is not (odd length or a non-hex digit).
    case notHex(what: String)
    /// A hex value decoded to the wrong number of bytes.
    case wrongLength(what: String, expected: Int, actual: Int)
    /// A beacon public key or signature is not a valid compressed point.
    case invalidPoint(what: String, BLSError)
    /// A round number outside 1…UInt64.max.
    case invalidRound
    /// `--beacon.secret-key` and `--beacon.secret-key-file` both given, or neither.
    case secretKeySource(String)
    /// The secret key file cannot be used (missing, not a regular file, readable by others, too big).
    case keyFile(path: String, why: String)
    /// Encryption or decryption itself failed.
    case timelock(TimelockError)

    var description: String {
        switch self {
        case let .inputTooLarge(what, limit):
            return "\(what) on stdin is larger than the \(limit)-byte limit (tlock encrypts at most 1 MiB of plaintext)"
        case let .emptyInput(what):
            return "no \(what) on stdin; pipe it in (e.g. `tlock encrypt --round R < file | tlock decrypt --signature S`)"
        case let .readFailed(what, errno):
            return "cannot read \(what): \(String(cString: strerror(errno)))"
        case let .writeFailed(errno):
            return "cannot write to stdout: \(String(cString: strerror(errno)))"
        case let .notHex(what):
            return "\(what) is not hex (an even number of digits 0-9a-f, optional 0x prefix)"
        case let .wrongLength(what, expected, actual):
            return "\(what) has \(actual) bytes, expected \(expected)"
        case let .invalidPoint(what, error):
            return "\(what) is not a valid point: \(error)"
        case .invalidRound:
            return "--round must be a drand round number ≥ 1"
        case let .secretKeySource(why):
            return why
        case let .keyFile(path, why):
            return "cannot use secret key file \(path): \(why)"
        case let .timelock(error):
            switch error {
            case .decryptionFailed, .authenticationFailed:
                return "\(error) (wrong round or beacon for this signature, or the ciphertext was altered)"
            case .malformedCiphertext:
                return "\(error) (pass the hex that `tlock encrypt` printed, unchanged)"
            default:
                return error.description
            }
        }
    }
}
