import Foundation

/// Why the SSH image could not be built or imported.
public struct SSHImageError: Error, Sendable, CustomStringConvertible {
    public enum Reason: Sendable {
        /// No `deb` entry for the suite in the machine's apt sources.
        case noMirror(suite: String, files: [String])
        /// `debootstrap` (or `tar`) failed; `log` names the file with its output.
        case buildFailed(step: String, status: Int32, log: String)
        /// `debootstrap` (or `tar`) could not be run at all.
        case toolFailed(step: String, cause: ProgramError)
        /// The cache directory cannot be used; `cause` is the file system's error.
        case cacheUnusable(path: String, cause: any Error)
        /// The container engine refused.
        case runtime(ContainerRuntimeError)
    }

    public let reason: Reason
    public init(_ reason: Reason) { self.reason = reason }

    public var description: String {
        switch reason {
        case let .noMirror(suite, files): "no apt source serves '\(suite)' (read \(files.joined(separator: ", ")))"
        case let .buildFailed(step, status, log): "\(step) exited with \(status); see \(log)"
        case let .toolFailed(step, cause): "the image build could not run \(step): \(cause)"
        case let .cacheUnusable(path, cause): "image cache \(path) is unusable (\(cause)): check its permissions and free space"
        case let .runtime(error): "\(error)"
        }
    }
}

/// The image allocations run: Debian minbase with openssh-server, built once per machine.
///
/// No registry is reachable here, so the root filesystem comes from `debootstrap` against the Debian
/// mirror the machine's apt already uses, is cached as a tarball in `cacheDirectory`, and is imported
/// with `docker import`. An image that already carries `reference` is reused as is (`--miner.image`).
public struct SSHImage: Sendable {
    /// The tag built when `--miner.image` is not given.
    public static let defaultReference = "sn27-ssh:bookworm"
    /// Host keys are made per container at start (never shared through the image); sshd stays in
    /// the foreground and logs to stderr, so `docker logs` shows logins. Root logs in with a key
    /// only: the options on the command line win over any config file, so images built before this
    /// rule (whose sn27.conf allowed passwords) are safe too.
    public static let command = ["/bin/sh", "-c", "mkdir -p /run/sshd && ssh-keygen -A >/dev/null && exec /usr/sbin/sshd -D -e "
        + sshdOptions.map { "-o \($0)" }.joined(separator: " ")]
    /// sshd settings forced at start: key login only.
    public static let sshdOptions = ["PermitRootLogin=prohibit-password", "PasswordAuthentication=no",
                                     "KbdInteractiveAuthentication=no", "PubkeyAuthentication=yes"]

    public var reference: String
    /// Where the rootfs tarball and build logs are kept.
    public var cacheDirectory: String
    public var suite: String
    /// apt's configuration root, read for the mirror.
    public var aptRoot: String

    public init(reference: String = SSHImage.defaultReference, cacheDirectory: String, suite: String = "bookworm",
                aptRoot: String = "/etc/apt") {
        self.reference = reference
        self.cacheDirectory = cacheDirectory
        self.suite = suite
        self.aptRoot = aptRoot
    }

    /// The cached root filesystem tarball.
    public var tarballPath: String { "\(cacheDirectory)/\(suite)-minbase-openssh.tar" }

    /// Makes sure `reference` exists in the engine, building and importing it when it does not.
    /// - Returns: the image reference to run.
    public func ensure(on runtime: any ContainerRuntime) async throws(SSHImageError) -> String {
        do {
            if try await runtime.imageExists(reference) { return reference }
            let tarball = try await buildTarball()
            try await BuildGate.shared.run(key: "import \(reference)") { () async throws(SSHImageError) in
                do throws(ContainerRuntimeError) {
                    if try await runtime.imageExists(reference) { return }
                    try await runtime.importImage(tarballPath: tarball, reference: reference, command: Self.command)
                } catch { throw SSHImageError(.runtime(error)) }
            }
            return reference
        } catch let error as SSHImageError {
            throw error
        } catch let error as ContainerRuntimeError {
            throw SSHImageError(.runtime(error))
        } catch {
            throw SSHImageError(.cacheUnusable(path: cacheDirectory, cause: error))
        }
    }

    /// Returns the cached tarball, running `debootstrap` first when there is none.
    public func buildTarball() async throws(SSHImageError) -> String {
        let target = tarballPath
        try await BuildGate.shared.run(key: target) { () async throws(SSHImageError) in
            if FileManager.default.fileExists(atPath: target) { return }
            try await RootfsBuilder(image: self).build(into: target)
        }
        return target
    }
}

/// Serialises builds of the same artefact inside one process (suites may run in parallel).
actor BuildGate {
    static let shared = BuildGate()
    private var busy: Set<String> = []

    func run(key: String, _ body: @Sendable () async throws(SSHImageError) -> Void) async throws(SSHImageError) {
        while busy.contains(key) { try? await Task.sleep(for: .milliseconds(200)) }
        busy.insert(key)
        defer { busy.remove(key) }
        try await body()
    }
}
