import Foundation

/// Builds the SSH image's root filesystem with `debootstrap` and packs it as a tarball.
struct RootfsBuilder {
    let image: SSHImage

    /// sshd settings of the image: root logs in with a key only (`SSHImage.command` forces the same).
    static let sshdConfig = """
        PermitRootLogin prohibit-password
        PasswordAuthentication no
        KbdInteractiveAuthentication no
        PubkeyAuthentication yes
        UseDNS no

        """

    func build(into target: String) async throws(SSHImageError) {
        let cache = image.cacheDirectory
        do {
            try FileManager.default.createDirectory(atPath: cache, withIntermediateDirectories: true)
        } catch {
            throw SSHImageError(.cacheUnusable(path: cache, cause: error))
        }
        let sources = AptSources(root: image.aptRoot)
        guard let mirror = sources.mirror(for: image.suite) else {
            throw SSHImageError(.noMirror(suite: image.suite, files: sources.files))
        }
        let rootfs = "\(cache)/rootfs-\(UUID().uuidString)"
        do {
            try await build(rootfs: rootfs, mirror: mirror, into: target)
        } catch {
            await Self.discard(rootfs)
            throw error
        }
        await Self.discard(rootfs)
    }

    private func build(rootfs: String, mirror: String, into target: String) async throws(SSHImageError) {
        let log = "\(image.cacheDirectory)/build.log"
        try await run("debootstrap", ["/usr/sbin/debootstrap", "--variant=minbase", "--include=openssh-server",
                                      image.suite, rootfs, mirror], log: log)
        do {
            let fm = FileManager.default
            try fm.createDirectory(atPath: "\(rootfs)/etc/ssh/sshd_config.d", withIntermediateDirectories: true)
            try Self.sshdConfig.write(toFile: "\(rootfs)/etc/ssh/sshd_config.d/sn27.conf", atomically: true, encoding: .utf8)
            try fm.createDirectory(atPath: "\(rootfs)/run/sshd", withIntermediateDirectories: true)
            // The package's install made host keys; every container must make its own.
            for name in try fm.contentsOfDirectory(atPath: "\(rootfs)/etc/ssh") where name.hasPrefix("ssh_host_") {
                try fm.removeItem(atPath: "\(rootfs)/etc/ssh/\(name)")
            }
            for directory in ["var/cache/apt/archives", "var/lib/apt/lists"] {
                for name in (try? fm.contentsOfDirectory(atPath: "\(rootfs)/\(directory)")) ?? [] where name != "partial" && name != "lock" {
                    try? fm.removeItem(atPath: "\(rootfs)/\(directory)/\(name)")
                }
            }
        } catch {
            throw SSHImageError(.cacheUnusable(path: rootfs, cause: error))
        }
        let partial = "\(target).\(UUID().uuidString).partial"
        defer { try? FileManager.default.removeItem(atPath: partial) }
        try await run("tar", ["/bin/tar", "--numeric-owner", "-C", rootfs, "-cf", partial, "."], log: log)
        guard rename(partial, target) == 0 else {
            throw SSHImageError(.cacheUnusable(path: target, cause: POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)))
        }
    }

    /// Runs a tool to completion (an hour at most), appending its output to `log`.
    private func run(_ step: String, _ arguments: [String], log: String) async throws(SSHImageError) {
        let output: ProgramOutput
        do {
            output = try await Program(arguments[0], Array(arguments.dropFirst()), timeout: .seconds(3600), logFile: log).run()
        } catch {
            throw SSHImageError(.toolFailed(step: step, cause: error))
        }
        guard output.succeeded else {
            throw SSHImageError(.buildFailed(step: step, status: output.exitCode ?? -1, log: log))
        }
    }

    /// Removes a build directory; first detaches anything debootstrap may have left mounted in it,
    /// so the removal never walks into the host's /proc or /sys.
    static func discard(_ rootfs: String) async {
        guard FileManager.default.fileExists(atPath: rootfs) else { return }
        for mount in ["dev/pts", "dev", "proc", "sys"] {
            _ = try? await Program("/bin/umount", ["-l", "\(rootfs)/\(mount)"], timeout: .seconds(30), outputLimit: 0).run()
        }
        try? FileManager.default.removeItem(atPath: rootfs)
    }
}
