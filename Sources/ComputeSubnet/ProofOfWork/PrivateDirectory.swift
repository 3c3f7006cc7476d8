import Foundation

/// A fresh directory only this user can enter (`mkdtemp`, mode 0700), removed with `remove()`.
/// hashcat runs inside one so that no relative name resolves to a file it could read.
struct PrivateDirectory: Sendable {
    let path: String

    /// - Throws: `ProcessRun.Failure.cannotStart` when no directory can be made.
    init(prefix: String = "sn27-hashcat") throws(ProcessRun.Failure) {
        var template = Array((NSTemporaryDirectory() + "/\(prefix)-XXXXXX").utf8CString)
        let made = template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }
        guard made != nil else {
            throw ProcessRun.Failure.cannotStart("cannot make a private working directory: \(String(cString: strerror(errno)))")
        }
        path = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
        chmod(path, 0o700)
    }

    func remove() { try? FileManager.default.removeItem(atPath: path) }
}
