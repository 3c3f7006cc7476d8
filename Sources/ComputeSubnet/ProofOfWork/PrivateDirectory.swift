import Foundation

/// A fresh directory only this user can enter (`mkdtemp`, mode 0700), removed with `remove()`.
/// hashcat runs inside one so that no relative name resolves to a file it could read.
struct PrivateDirectory: Sendable {
    let path: String

    /// Why no directory could be made: the system's error number.
    struct Failure: Error, CustomStringConvertible {
        let errno: Int32
        var description: String {
            "cannot make a private working directory in \(NSTemporaryDirectory()): \(String(cString: strerror(errno))); check TMPDIR and free space"
        }
    }

    init(prefix: String = "sn27-hashcat") throws(Failure) {
        var template = Array((NSTemporaryDirectory() + "/\(prefix)-XXXXXX").utf8CString)
        let made = template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }
        guard made != nil else {
            throw Failure(errno: errno)
        }
        path = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
        chmod(path, 0o700)
    }

    func remove() { try? FileManager.default.removeItem(atPath: path) }
}
