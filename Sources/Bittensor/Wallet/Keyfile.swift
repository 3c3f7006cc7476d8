import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One keyfile on disk in the btcli format: plain JSON or `$NACL`-encrypted JSON, mode 0600.
/// Writes are atomic (a temporary file in the same folder, then `rename`), so a failed write
/// leaves the previous file, or no file, in place.
public struct Keyfile: Sendable, Hashable {
    /// The file's path.
    public let path: String

    /// A keyfile at `path` (which need not exist yet).
    public init(path: String) { self.path = path }

    /// Whether a file exists at `path`.
    public var exists: Bool { access(path, F_OK) == 0 }

    /// The file's raw bytes.
    public func bytes() throws(KeyfileError) -> [UInt8] {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            let code = errno
            throw code == ENOENT ? .notFound(path: path) : .io(path: path, operation: "open", errno: code)
        }
        defer { close(fd) }
        var out = [UInt8]()
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = read(fd, &chunk, chunk.count)
            if n < 0 {
                if errno == EINTR { continue }
                throw .io(path: path, operation: "read", errno: errno)
            }
            if n == 0 { break }
            out.append(contentsOf: chunk[0..<n])
        }
        return out
    }

    /// How the file is stored (plain or which encryption).
    public func format() throws(KeyfileError) -> KeyfileFormat { KeyfileFormat(of: try bytes()) }

    /// The decrypted JSON contents; asks `password` only when the file is `$NACL`-encrypted.
    public func data(password: PasswordSource) throws(KeyfileError) -> KeyfileData {
        let raw = try bytes()
        switch KeyfileFormat(of: raw) {
        case .plain:
            return try KeyfileData(json: raw, path: path)
        case .nacl:
            let pw = try password.password(for: path)
            return try KeyfileData(json: try KeyfileCipher.decrypt(raw, password: pw, path: path), path: path)
        case .ansibleVault:
            throw .ansibleVault(path: path)
        case .legacyFernet:
            throw .legacyFernet(path: path)
        }
    }

    /// The key stored in the file.
    public func keypair(password: PasswordSource = .none) throws(KeyfileError) -> Keypair {
        try data(password: password).keypair(path: path)
    }

    /// Writes `data`, `$NACL`-encrypted when `password` is given, atomically with mode 0600,
    /// creating missing parent folders with mode 0700. Refuses an existing file unless `overwrite`.
    public func write(_ data: KeyfileData, password: String? = nil, overwrite: Bool = false) throws(KeyfileError) {
        if !overwrite, exists { throw .alreadyExists(path: path) }
        let json = data.json()
        let bytes = password.map { KeyfileCipher.encrypt(json, password: $0) } ?? json
        try Self.makeDirectories(for: path)
        try Self.atomicWrite(bytes, to: path)
    }

    // MARK: - File system

    static func makeDirectories(for file: String) throws(KeyfileError) {
        let parent = (file as NSString).deletingLastPathComponent
        guard !parent.isEmpty else { return }
        var current = parent.hasPrefix("/") ? "" : "."
        for component in parent.split(separator: "/") {
            current += "/" + component
            if mkdir(current, 0o700) != 0, errno != EEXIST {
                throw .io(path: current, operation: "create folder", errno: errno)
            }
        }
    }

    static func atomicWrite(_ bytes: [UInt8], to path: String) throws(KeyfileError) {
        let directory = (path as NSString).deletingLastPathComponent
        let name = (path as NSString).lastPathComponent
        let temp = (directory.isEmpty ? "." : directory) + "/.\(name).tmp-\(UInt32.random(in: 0...UInt32.max))"
        let fd = open(temp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw .io(path: temp, operation: "create", errno: errno) }
        var failure: KeyfileError?
        // The umask cannot widen 0600, but an inherited ACL could; pin the mode.
        if fchmod(fd, 0o600) != 0 { failure = .io(path: temp, operation: "chmod", errno: errno) }
        var offset = 0
        while failure == nil, offset < bytes.count {
            let n = bytes[offset...].withUnsafeBytes { posixWrite(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                failure = .io(path: temp, operation: "write", errno: errno)
            } else {
                offset += n
            }
        }
        if failure == nil, fsync(fd) != 0 { failure = .io(path: temp, operation: "sync", errno: errno) }
        close(fd)
        if failure == nil, rename(temp, path) != 0 { failure = .io(path: path, operation: "replace", errno: errno) }
        if let failure {
            unlink(temp)
            throw failure
        }
    }
}

/// `write(2)`, reachable from inside `Keyfile`, whose own `write` method shadows it.
private func posixWrite(_ fd: Int32, _ buffer: UnsafeRawPointer?, _ count: Int) -> Int {
    write(fd, buffer, count)
}
