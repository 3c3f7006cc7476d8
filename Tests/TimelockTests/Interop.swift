import Foundation

/// Runs the Python reference scripts in `interop/` (bittensor-drand 2.0.0, py-arkworks-bls12381).
enum Interop {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    static let scriptsDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("interop")

    /// Candidate interpreters: $INTEROP_PYTHON, then the shared interop venv
    /// (for py-arkworks also $ARKWORKS_PYTHON).
    static func candidates(for module: String) -> [String] {
        let env = ProcessInfo.processInfo.environment
        let home = env["HOME"] ?? NSHomeDirectory()
        var list: [String] = []
        if module == "py_arkworks_bls12381", let a = env["ARKWORKS_PYTHON"] { list.append(a) }
        if let p = env["INTEROP_PYTHON"] { list.append(p) }
        list.append(home + "/.cache/sn27-interop-venv/bin/python")
        return list
    }

    /// The first candidate python that can import `module`, or a failure explaining how to provide one.
    static func python(with module: String) throws -> String {
        let tried = candidates(for: module)
        for path in tried where FileManager.default.isExecutableFile(atPath: path) {
            if (try? run(path, ["-c", "import \(module)"])) != nil { return path }
        }
        let pkg = module == "bittensor_drand" ? "bittensor-drand==2.0.0" : "py-arkworks-bls12381"
        throw Failure(description: "no python with `\(module)` found (tried \(tried.joined(separator: ", "))); "
            + "set INTEROP_PYTHON to a python where `pip install \(pkg)` has been run")
    }

    /// Runs `interop/<script>` with the python that has `module`; returns trimmed stdout.
    static func script(_ name: String, _ args: [String], module: String = "bittensor_drand") throws -> String {
        let py = try python(with: module)
        return try run(py, [scriptsDirectory.appendingPathComponent(name).path] + args)
    }

    /// Runs a process; throws with its stderr on a non-zero exit.
    static func run(_ executable: String, _ args: [String]) throws -> String {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: executable)
        p.arguments = args
        p.currentDirectoryURL = scriptsDirectory
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        guard p.terminationStatus == 0 else {
            throw Failure(description: "\(executable) \(args.joined(separator: " ").prefix(200)) exited "
                + "\(p.terminationStatus): \(String(decoding: e, as: UTF8.self))")
        }
        return String(decoding: o, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
