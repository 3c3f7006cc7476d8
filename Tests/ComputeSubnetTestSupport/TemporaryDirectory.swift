import Foundation

/// A fresh scratch folder under the system temp dir, removed by `remove()`.
public struct TemporaryDirectory: Sendable {
    public let path: String

    /// Creates `<tmp>/<prefix>-<uuid>`.
    public init(prefix: String = "bt-wallet-test") throws {
        path = try Self.create(prefix: prefix)
    }

    public var url: URL { URL(fileURLWithPath: path) }

    public func remove() { try? FileManager.default.removeItem(atPath: path) }

    /// Every regular file under the folder, relative to it, sorted.
    public func files() -> [String] {
        (FileManager.default.enumerator(atPath: path)?.allObjects as? [String] ?? [])
            .filter { var d: ObjCBool = false; return FileManager.default.fileExists(atPath: path + "/" + $0, isDirectory: &d) && !d.boolValue }
            .sorted()
    }

    /// The permission bits of `relative`.
    public func mode(_ relative: String) throws -> Int {
        let attrs = try FileManager.default.attributesOfItem(atPath: path + "/" + relative)
        return (attrs[.posixPermissions] as? NSNumber)?.intValue ?? -1
    }

    /// Creates `<tmp>/<prefix>-<uuid>` and returns its path; the caller removes it.
    public static func create(prefix: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.path + "/" + prefix + "-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }
}
