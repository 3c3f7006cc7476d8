import Foundation

/// A fresh folder under the system temp dir, removed by `remove()`.
struct TemporaryDirectory {
    let path: String

    init() throws {
        let base = FileManager.default.temporaryDirectory.path
        path = base + "/bt-wallet-test-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    func remove() { try? FileManager.default.removeItem(atPath: path) }

    /// Every regular file under the folder, relative to it, sorted.
    func files() -> [String] {
        (FileManager.default.enumerator(atPath: path)?.allObjects as? [String] ?? [])
            .filter { var d: ObjCBool = false; return FileManager.default.fileExists(atPath: path + "/" + $0, isDirectory: &d) && !d.boolValue }
            .sorted()
    }

    /// The permission bits of `relative`.
    func mode(_ relative: String) throws -> Int {
        let attrs = try FileManager.default.attributesOfItem(atPath: path + "/" + relative)
        return (attrs[.posixPermissions] as? NSNumber)?.intValue ?? -1
    }
}
