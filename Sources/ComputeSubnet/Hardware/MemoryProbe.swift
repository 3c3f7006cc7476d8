import Foundation

/// Measures main-memory fill and copy speeds on a bounded buffer.
enum MemoryProbe {
    /// (write MB/s, read MB/s) for filling and then copying a buffer of `bytes`.
    static func speeds(bytes: Int = 64 << 20) -> (write: Double?, read: Double?) {
        let source = UnsafeMutableRawPointer.allocate(byteCount: bytes, alignment: 64)
        let target = UnsafeMutableRawPointer.allocate(byteCount: bytes, alignment: 64)
        defer { source.deallocate(); target.deallocate() }
        // Touch every page first so the timings measure memory, not page faults.
        memset(source, 1, bytes)
        memset(target, 1, bytes)
        let fillStart = ContinuousClock.now
        memset(source, 0x5A, bytes)
        let fill = ContinuousClock.now - fillStart
        let copyStart = ContinuousClock.now
        memcpy(target, source, bytes)
        let copy = ContinuousClock.now - copyStart
        return (DiskProbe.megabytesPerSecond(bytes, fill), DiskProbe.megabytesPerSecond(bytes, copy))
    }
}
