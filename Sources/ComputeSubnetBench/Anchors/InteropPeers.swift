import Foundation

/// Where the bench commands find the Python reference peers (`interop/` in this repository, see
/// its README) and the virtualenv `interop/setup.sh` creates for them.
package enum InteropPeers {
    /// `--interop-dir` when given; else the `interop/` folder of the package this binary was
    /// built in (found by walking up from the executable, e.g. `.build/release/compute-subnet`);
    /// else `interop/` under the current directory or one of its parents.
    package static func directory(override: String?) -> String {
        if let override { return override }
        var starts: [URL] = []
        if let executable = Bundle.main.executableURL { starts.append(executable.resolvingSymlinksInPath().deletingLastPathComponent()) }
        starts.append(URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
        for start in starts {
            var folder = start
            while true {
                let candidate = folder.appendingPathComponent("interop")
                if FileManager.default.fileExists(atPath: candidate.appendingPathComponent("peer_axon.py").path) { return candidate.path }
                let parent = folder.deletingLastPathComponent()
                if parent.path == folder.path { break }
                folder = parent
            }
        }
        return "interop"
    }

    /// `--python` when given; else `$INTEROP_PYTHON`; else the venv `interop/setup.sh` creates:
    /// `$INTEROP_VENV`, else `${XDG_CACHE_HOME:-~/.cache}/sn27-interop-venv`.
    package static func python(override: String?) -> String {
        if let override { return override }
        let environment = ProcessInfo.processInfo.environment
        if let python = environment["INTEROP_PYTHON"], !python.isEmpty { return python }
        if let venv = environment["INTEROP_VENV"], !venv.isEmpty { return venv + "/bin/python" }
        let cache = environment["XDG_CACHE_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? NSString(string: "~/.cache").expandingTildeInPath
        return cache + "/sn27-interop-venv/bin/python"
    }
}
