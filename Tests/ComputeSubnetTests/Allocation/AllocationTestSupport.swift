import ComputeSubnetTestSupport
import Foundation
import Testing
import _CryptoExtras
@testable import ComputeSubnet

/// Shared helpers for the allocation tests: a running dockerd, RSA keys, free ports, ssh.
enum AllocationTestSupport {
    static var packageRoot: URL { TestRepository.root }

    /// The real engine; starts dockerd with the project's setup script when it does not answer.
    static func docker() async throws -> DockerEngine {
        let engine = DockerEngine()
        if (try? await engine.ping()) == nil {
            let result = try run("/bin/bash", ["-c", "source scripts/lib/setup.sh && ensure_dockerd"], in: packageRoot.path)
            #expect(result.status == 0, "ensure_dockerd failed: \(result.output)")
            try await engine.ping()
        }
        try await removeStaleTestContainers(engine)
        return engine
    }

    /// Removes test containers a killed test run left behind (named `sn27-test-…`, older than 15 minutes;
    /// no test keeps one that long, so a parallel run's containers are never touched).
    static func removeStaleTestContainers(_ engine: DockerEngine) async throws {
        let cutoff = Date().addingTimeInterval(-15 * 60)
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        for container in try await engine.containers(withLabel: AllocationService.leaseLabel) where container.name.hasPrefix("sn27-test-") {
            let created = try run("/usr/bin/env", ["docker", "inspect", "-f", "{{.Created}}", container.id])
            // "2026-11-25T19:45:27.372248529Z": drop the fraction for the formatter.
            let text = created.output.trimmingCharacters(in: .whitespacesAndNewlines)
            let whole = text.split(separator: ".").first.map { String($0) + "Z" } ?? text
            if let date = formatter.date(from: whole), date < cutoff { try await engine.removeContainer(container.id) }
        }
    }

    /// The image cache of this machine (built once, reused by every run).
    static var imageCache: String {
        let base = ProcessInfo.processInfo.environment["XDG_CACHE_HOME"] ?? "\(NSHomeDirectory())/.cache"
        return "\(base)/compute-subnet/ssh-image"
    }

    /// A fresh RSA-2048 pair as PEM (private PKCS#8, public SubjectPublicKeyInfo), as the register CLI makes.
    static func rsaPair() throws -> (privatePEM: String, publicPEM: String) {
        let key = try _RSA.Encryption.PrivateKey(keySize: .bits2048)
        return (key.pemRepresentation, key.publicKey.pemRepresentation)
    }

    /// A TCP port that was free a moment ago on 127.0.0.1.
    static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) }
        }
        try #require(bound == 0)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// Runs `body` with the engine, a scratch directory, a free port and a unique container name;
    /// always removes the container and the directory afterwards.
    static func withScratch(_ body: (DockerEngine, String, Int, String) async throws -> Void) async throws {
        let engine = try await docker()
        let directory = try temporaryDirectory()
        let name = "sn27-test-\(UUID().uuidString.prefix(8).lowercased())"
        var failure: (any Error)?
        do { try await body(engine, directory, try freePort(), name) } catch { failure = error }
        try? await engine.removeContainer(name)
        try? FileManager.default.removeItem(atPath: directory)
        if let failure { throw failure }
    }

    /// A scratch directory removed by the caller.
    static func temporaryDirectory() throws -> String {
        try TemporaryDirectory.create(prefix: "sn27-alloc")
    }

    struct ProcessResult { var status: Int32; var output: String }

    /// Runs a program to completion and returns its exit status and combined output.
    static func run(_ executable: String, _ arguments: [String], in directory: String? = nil) throws -> ProcessResult {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return ProcessResult(status: process.terminationStatus, output: String(decoding: data, as: UTF8.self))
    }

    static let sshOptions = ["-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null", "-o", "LogLevel=ERROR",
                             "-o", "ConnectTimeout=10"]

    /// `ssh -p port root@127.0.0.1 command` with a password (through sshpass).
    static func ssh(port: Int, password: String, _ command: String) throws -> ProcessResult {
        try run("/usr/bin/sshpass", ["-p", password, "ssh"] + sshOptions
            + ["-o", "PubkeyAuthentication=no", "-p", "\(port)", "root@127.0.0.1", command])
    }

    /// `ssh -i key -p port root@127.0.0.1 command` with a key only (no password fallback).
    static func ssh(port: Int, identity: String, _ command: String) throws -> ProcessResult {
        try run("/usr/bin/ssh", sshOptions + ["-o", "BatchMode=yes", "-o", "PasswordAuthentication=no", "-i", identity,
                                              "-p", "\(port)", "root@127.0.0.1", command])
    }

    /// A fresh ed25519 key pair in `directory`; returns (private key path, public key line).
    static func sshKeyPair(in directory: String, name: String = "id_ed25519") throws -> (String, String) {
        let path = "\(directory)/\(name)"
        let result = try run("/usr/bin/ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-C", "sn27-test", "-f", path])
        try #require(result.status == 0, "\(result.output)")
        return (path, try String(contentsOfFile: path + ".pub", encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines))
    }

    /// A service on the real engine with its own container name, port and lease file.
    static func service(engine: DockerEngine, directory: String, port: Int, name: String,
                        secondsPerDay: TimeInterval = 86_400) throws -> AllocationService {
        let configuration = AllocationConfiguration(
            sshPort: port, hostIP: "127.0.0.1", containerName: name,
            image: SSHImage(cacheDirectory: imageCache), secondsPerDay: secondsPerDay,
            sshReadyTimeout: .seconds(45), expiryPollInterval: .milliseconds(500))
        return AllocationService(runtime: engine, book: try LeaseBook(path: "\(directory)/leases.json"),
                                 configuration: configuration)
    }

    /// An allocate request as a validator sends it.
    static func allocateRequest(publicKey: String, days: Int = 1, cpus: Int? = 1, ramMiB: Int64? = 256,
                                sshKey: String = "") -> AllocationRequest {
        AllocationRequest(timeline: days,
                          deviceRequirement: DeviceRequirement(cpuCount: cpus, gpuCount: 0,
                                                               ramBytes: ramMiB.map { $0 << 20 }),
                          checking: false, publicKey: publicKey,
                          dockerRequirement: DockerRequirement(sshKey: sshKey))
    }
}
