import BLS12381
import Foundation
import Timelock

/// Bounded reads of stdin and key files, hex parsing and raw writes to stdout for `tlock`.
enum TlockIO {
    /// The largest plaintext `tlock encrypt` reads (1 MiB).
    static let maxPlaintext = 1 << 20
    /// The largest stdin `tlock decrypt` reads: the hex of a 1 MiB plaintext's ciphertext, plus
    /// room for a 0x prefix and surrounding whitespace.
    static let maxCiphertextHex = 2 * (maxPlaintext + 244) + 1024

    /// Reads all of file descriptor `fd` (stdin by default), refusing more than `limit` bytes.
    static func readAll(fd: Int32 = 0, limit: Int, what: String) throws(TlockCLIError) -> [UInt8] {
        var out = [UInt8]()
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n == 0 { return out }
            if n < 0 {
                if errno == EINTR { continue }
                throw .readFailed(what: what, errno: errno)
            }
            guard out.count + n <= limit else { throw .inputTooLarge(what: what, limit: limit) }
            out += chunk[0..<n]
        }
    }

    /// Decodes hex after trimming surrounding whitespace; checks the length when `bytes` is given.
    static func hex(_ text: some StringProtocol, what: String, bytes: Int? = nil) throws(TlockCLIError) -> [UInt8] {
        let trimmed = text.trimmingWhitespace
        guard !trimmed.isEmpty, let decoded = Hex.decode(trimmed) else { throw .notHex(what: what) }
        if let bytes, decoded.count != bytes { throw .wrongLength(what: what, expected: bytes, actual: decoded.count) }
        return decoded
    }

    /// A 96-byte compressed G2 beacon public key, checked on the curve and in the subgroup.
    static func publicKey(hex text: String) throws(TlockCLIError) -> [UInt8] {
        let what = "--beacon.public-key"
        let bytes = try hex(text, what: what, bytes: 96)
        do throws(BLSError) {
            let point = try G2Point(compressed: bytes)
            guard !point.isIdentity else { throw BLSError.invalidFlags("the identity is not a beacon key") }
        } catch { throw .invalidPoint(what: what, error) }
        return bytes
    }

    /// A 48-byte compressed G1 round signature, checked on the curve and in the subgroup.
    static func signature(hex text: String) throws(TlockCLIError) -> [UInt8] {
        let what = "--signature"
        let bytes = try hex(text, what: what, bytes: 48)
        do throws(BLSError) { _ = try G1Point(compressed: bytes) } catch { throw .invalidPoint(what: what, error) }
        return bytes
    }

    /// The text of a secret key file, refused unless it is a regular file of at most 4 KiB that
    /// neither group nor others can read or write (like ssh with private keys).
    static func secretKeyFile(_ path: String) throws(TlockCLIError) -> String {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw .keyFile(path: path, why: String(cString: strerror(errno))) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw .keyFile(path: path, why: String(cString: strerror(errno))) }
        guard info.st_mode & S_IFMT == S_IFREG else { throw .keyFile(path: path, why: "not a regular file") }
        let mode = info.st_mode & 0o777
        guard mode & 0o077 == 0 else {
            throw .keyFile(path: path, why: "mode \(String(mode, radix: 8)) lets group/others access it; run chmod 600 \(path)")
        }
        let bytes: [UInt8]
        do throws(TlockCLIError) { bytes = try readAll(fd: fd, limit: 4096, what: "secret key file") } catch {
            throw .keyFile(path: path, why: error.description)
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Writes `bytes` to stdout exactly (no newline added).
    static func writeStandardOutput(_ bytes: [UInt8]) throws(TlockCLIError) {
        var offset = 0
        while offset < bytes.count {
            let n = bytes[offset...].withUnsafeBytes { write(1, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw .writeFailed(errno: errno)
            }
            offset += n
        }
    }
}

extension StringProtocol {
    /// Without leading and trailing spaces, tabs and line breaks.
    var trimmingWhitespace: String {
        let isSpace: (Character) -> Bool = { $0.isWhitespace }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(self[first...last])
    }
}
