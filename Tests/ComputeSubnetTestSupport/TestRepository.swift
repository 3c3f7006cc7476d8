import Foundation

/// Where the tests find what the repository holds: the package root, the recorded fixtures, the
/// Python interop peers and the built binary. Everything is found from this file's own location
/// (`#filePath`), so a fresh clone needs nothing beside it; no environment variable points
/// outside the repository.
public enum TestRepository {
    /// The package root: the nearest folder above this file that holds `Package.swift`.
    public static let root: URL = {
        var folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while folder.path != "/" {
            if FileManager.default.fileExists(atPath: folder.appendingPathComponent("Package.swift").path) { return folder }
            folder = folder.deletingLastPathComponent()
        }
        fatalError("no Package.swift above \(#filePath)")
    }()

    /// `Tests/Fixtures`: recorded vectors (`vectors/…`) and chain data (`chain/…`); see its README.
    public static var fixtures: URL { root.appendingPathComponent("Tests/Fixtures") }

    /// A fixture file, by its path under `Tests/Fixtures` (e.g. `vectors/keys.json`).
    public static func fixture(_ relativePath: String) -> URL { fixtures.appendingPathComponent(relativePath) }

    /// The bytes of a fixture file.
    public static func fixtureData(_ relativePath: String) throws -> Data { try Data(contentsOf: fixture(relativePath)) }

    /// `interop/`: the Python reference peers (bittensor 10.5.0), part of the repository.
    public static var interopDirectory: URL { root.appendingPathComponent("interop") }

    /// The path of one interop tool, e.g. `interopScript("peer_axon.py")`.
    public static func interopScript(_ name: String) -> String { interopDirectory.appendingPathComponent(name).path }

    /// The interop venv's python: `$INTEROP_PYTHON` (what `scripts/test` exports after running
    /// `interop/setup.sh`), else where `interop/setup.sh` creates the venv by default:
    /// `$INTEROP_VENV`, else `${XDG_CACHE_HOME:-~/.cache}/sn27-interop-venv`.
    public static var interopPython: String {
        let environment = ProcessInfo.processInfo.environment
        if let python = environment["INTEROP_PYTHON"], !python.isEmpty { return python }
        if let venv = environment["INTEROP_VENV"], !venv.isEmpty { return venv + "/bin/python" }
        let cache = environment["XDG_CACHE_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? NSString(string: "~/.cache").expandingTildeInPath
        return cache + "/sn27-interop-venv/bin/python"
    }

    /// The debug `compute-subnet` binary that `swift build --build-tests` leaves in `.build`.
    public static var binary: URL { root.appendingPathComponent(".build/debug/compute-subnet") }
}
