import Foundation

/// Why a state file could not be replaced; the old file is intact whenever this is thrown.
public struct AtomicFileError: Error, Sendable, CustomStringConvertible {
    public let path: String
    public let operation: String
    public let errno: Int32

    public var description: String {
        "cannot \(operation) \(path): \(String(cString: strerror(errno))) (check the folder's permissions and free space)"
    }
}

/// Replaces a state file so that a crash or a failed write leaves either the old or the new
/// content, never a mix: write a temporary file next to it (mode 0600, `O_EXCL`), `fsync` it,
/// `rename` it over the target, then `fsync` the folder so the rename itself is durable.
///
/// Every state file of the miner and validator goes through here (the lease book; the validator
/// database is SQLite's own journalling).
public enum AtomicFile {
    /// Writes `bytes` to `path` with `mode` (default 0600), creating missing parent folders 0700.
    /// - Throws: `AtomicFileError`; the old file (if any) is unchanged and no temporary file is left.
    public static func write(_ bytes: [UInt8], to path: String, mode: mode_t = 0o600) throws(AtomicFileError) {
        try write(bytes, to: path, mode: mode, writeChunk: { fd, buffer in Foundation.write(fd, buffer.baseAddress, buffer.count) })
    }

    /// `write` with the `write(2)` call injectable (tests make it fail half-way).
    static func write(_ bytes: [UInt8], to path: String, mode: mode_t,
                      writeChunk: (Int32, UnsafeRawBufferPointer) -> Int) throws(AtomicFileError) {
        let directory = (path as NSString).deletingLastPathComponent.isEmpty ? "." : (path as NSString).deletingLastPathComponent
        let name = (path as NSString).lastPathComponent
        try makeDirectories(directory)
        let temp = "\(directory)/.\(name).tmp-\(UInt64.random(in: 0...UInt64.max))"
        let fd = open(temp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
        guard fd >= 0 else { throw AtomicFileError(path: temp, operation: "create", errno: errno) }
        var failure: AtomicFileError?
        // The umask only narrows; pin the mode against an inherited default ACL.
        if fchmod(fd, mode) != 0 { failure = AtomicFileError(path: temp, operation: "chmod", errno: errno) }
        var offset = 0
        while failure == nil, offset < bytes.count {
            let n = bytes.withUnsafeBytes { all in writeChunk(fd, UnsafeRawBufferPointer(rebasing: all[offset...])) }
            if n < 0 {
                if errno == EINTR { continue }
                failure = AtomicFileError(path: temp, operation: "write", errno: errno)
            } else if n == 0 {
                failure = AtomicFileError(path: temp, operation: "write", errno: EIO)
            } else {
                offset += n
            }
        }
        if failure == nil, fsync(fd) != 0 { failure = AtomicFileError(path: temp, operation: "sync", errno: errno) }
        if close(fd) != 0, failure == nil { failure = AtomicFileError(path: temp, operation: "close", errno: errno) }
        if failure == nil, rename(temp, path) != 0 { failure = AtomicFileError(path: path, operation: "replace", errno: errno) }
        if let failure {
            unlink(temp)
            throw failure
        }
        let dirFD = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard dirFD >= 0 else { throw AtomicFileError(path: directory, operation: "open the folder of", errno: errno) }
        defer { close(dirFD) }
        guard fsync(dirFD) == 0 else { throw AtomicFileError(path: directory, operation: "sync the folder of", errno: errno) }
    }

    /// Creates `directory` and its missing parents with mode 0700 (existing ones keep their mode).
    public static func makeDirectories(_ directory: String) throws(AtomicFileError) {
        var current = directory.hasPrefix("/") ? "" : "."
        for component in directory.split(separator: "/") {
            current += "/" + component
            if mkdir(current, 0o700) != 0, errno != EEXIST {
                throw AtomicFileError(path: current, operation: "create the folder", errno: errno)
            }
        }
    }
}
