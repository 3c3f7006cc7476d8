#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// An exclusive `flock` on `<devnet>/producer.lock`, held while a process produces blocks. The
/// kernel drops it when the process dies, so a crashed producer never blocks the next one.
public final class ProducerLock: Sendable {
    private let fd: Int32

    /// Takes the lock or throws `DevnetError.producerRunning` when another process holds it.
    public init(path: String) throws(DevnetError) {
        let file = (path as NSString).appendingPathComponent("producer.lock")
        let fd = open(file, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw .storage("cannot open \(file): errno \(errno)") }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            close(fd)
            throw .producerRunning(path: path)
        }
        self.fd = fd
    }

    deinit {
        flock(fd, LOCK_UN)
        close(fd)
    }
}
