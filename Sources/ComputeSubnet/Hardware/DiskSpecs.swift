import Foundation

/// The file system holding the miner's data path: sizes in bytes and measured speeds in MB/s.
public struct DiskSpecs: Sendable, Hashable {
    public var total: Int64
    public var free: Int64
    public var used: Int64
    /// Sequential write speed (with `fsync`) in MB/s; `nil` when it could not be measured.
    public var writeSpeedMBps: Double?
    /// Sequential read speed (page cache dropped for the file first) in MB/s.
    public var readSpeedMBps: Double?

    public init(total: Int64, free: Int64, used: Int64, writeSpeedMBps: Double? = nil, readSpeedMBps: Double? = nil) {
        self.total = total
        self.free = free
        self.used = used
        self.writeSpeedMBps = writeSpeedMBps
        self.readSpeedMBps = readSpeedMBps
    }
}

/// Why a disk could not be measured.
public struct DiskProbeError: Error, Sendable, Hashable, CustomStringConvertible {
    public let path: String
    public let detail: String
    public var description: String { "cannot measure the disk at \(path): \(detail)" }
}

/// Measures the disk of a path: `statvfs` sizes and a bounded write/read of a temporary file.
public enum DiskProbe {
    /// The largest speed-test file ever written.
    public static let maximumTestBytes = 256 << 20

    /// Sizes of the file system holding `path`.
    public static func sizes(of path: String) throws(DiskProbeError) -> DiskSpecs {
        var info = statvfs()
        guard statvfs(path, &info) == 0 else { throw DiskProbeError(path: path, detail: String(cString: strerror(errno))) }
        let block = Int64(info.f_frsize)
        let total = Int64(info.f_blocks) * block
        let free = Int64(info.f_bavail) * block
        return DiskSpecs(total: total, free: free, used: total - Int64(info.f_bfree) * block)
    }

    /// Sizes plus speeds: writes `testBytes` (capped at `maximumTestBytes` and a tenth of the free space)
    /// to a temporary file in `path`, syncs it, drops it from the page cache, reads it back, and always
    /// removes it.
    public static func measure(_ path: String, testBytes: Int = 64 << 20) throws(DiskProbeError) -> DiskSpecs {
        var specs = try sizes(of: path)
        let bytes = min(testBytes, maximumTestBytes, Int(max(0, specs.free / 10)))
        guard bytes >= 1 << 20 else { return specs }
        let file = "\(path)/.sn27-speed-test-\(UUID().uuidString)"
        defer { unlink(file) }
        let chunk = 1 << 20
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: chunk, alignment: 4096)
        defer { buffer.deallocate() }
        // Not all zeros, so no file system can store it as a hole or compress it away.
        var generator = SystemRandomNumberGenerator()
        for offset in stride(from: 0, to: chunk, by: 8) { buffer.storeBytes(of: generator.next() as UInt64, toByteOffset: offset, as: UInt64.self) }

        let writer = open(file, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0o600)
        guard writer >= 0 else { throw DiskProbeError(path: path, detail: String(cString: strerror(errno))) }
        let writeStart = ContinuousClock.now
        var written = 0
        while written < bytes {
            let n = write(writer, buffer.baseAddress, min(chunk, bytes - written))
            guard n > 0 else { close(writer); throw DiskProbeError(path: path, detail: String(cString: strerror(errno))) }
            written += n
        }
        fsync(writer)
        let writeTime = ContinuousClock.now - writeStart
        close(writer)

        let reader = open(file, O_RDONLY | O_CLOEXEC)
        guard reader >= 0 else { throw DiskProbeError(path: path, detail: String(cString: strerror(errno))) }
        defer { close(reader) }
        posix_fadvise(reader, 0, 0, Int32(POSIX_FADV_DONTNEED))
        let readStart = ContinuousClock.now
        var read = 0
        while true {
            let n = Glibc.read(reader, buffer.baseAddress, chunk)
            if n <= 0 { break }
            read += n
        }
        let readTime = ContinuousClock.now - readStart
        specs.writeSpeedMBps = megabytesPerSecond(written, writeTime)
        specs.readSpeedMBps = megabytesPerSecond(read, readTime)
        return specs
    }

    /// Bytes over time in MB/s (10^6 bytes, as the original reports), rounded to 0.1.
    static func megabytesPerSecond(_ bytes: Int, _ time: Duration) -> Double? {
        let seconds = Double(time.components.seconds) + Double(time.components.attoseconds) / 1e18
        guard seconds > 0, bytes > 0 else { return nil }
        return (Double(bytes) / 1e6 / seconds * 10).rounded() / 10
    }
}
