import Foundation
import Testing
@testable import ComputeSubnet

@Suite struct AptSourcesTests {
    /// A fake /etc/apt with both formats and entries that must be skipped.
    func fakeRoot() throws -> String {
        let root = try AllocationTestSupport.temporaryDirectory()
        try FileManager.default.createDirectory(atPath: "\(root)/sources.list.d", withIntermediateDirectories: true)
        try """
            # comment
            deb-src http://src.example.invalid/debian bookworm main
            deb [arch=amd64 signed-by=/k.gpg] http://one.example.invalid/debian bookworm-updates main
            """.write(toFile: "\(root)/sources.list", atomically: true, encoding: .utf8)
        try """
            Types: deb
            URIs: http://security.example.invalid/debian-security
            Suites: bookworm-security
            Components: main

            Types: deb
            # a comment line inside a stanza
            URIs: http://mirror.example.invalid/debian
            Suites: bookworm bookworm-updates
            Components: main
            """.write(toFile: "\(root)/sources.list.d/debian.sources", atomically: true, encoding: .utf8)
        try """
            Types: deb
            URIs: http://disabled.example.invalid/debian
            Suites: bookworm
            Enabled: no
            """.write(toFile: "\(root)/sources.list.d/a-disabled.sources", atomically: true, encoding: .utf8)
        try "deb http://ignored.example.invalid/debian bookworm main\n"
            .write(toFile: "\(root)/sources.list.d/x.list.disabled", atomically: true, encoding: .utf8)
        return root
    }

    @Test func findsTheMirrorServingTheExactSuite() throws {
        let root = try fakeRoot()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let sources = AptSources(root: root)
        #expect(sources.mirror(for: "bookworm") == "http://mirror.example.invalid/debian")
        #expect(sources.mirror(for: "bookworm-updates") == "http://one.example.invalid/debian")
        #expect(sources.mirror(for: "trixie") == nil)
        #expect(!sources.files.contains { $0.hasSuffix(".disabled") })
    }

    @Test func noMirrorIsATypedErrorBeforeAnythingIsBuilt() async throws {
        let root = try AllocationTestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let image = SSHImage(reference: "sn27-never-built:test", cacheDirectory: "\(root)/cache", suite: "no-such-suite", aptRoot: root)
        await #expect {
            _ = try await image.buildTarball()
        } throws: { error in
            guard let error = error as? SSHImageError, case .noMirror(let suite, _) = error.reason else { return false }
            return suite == "no-such-suite"
        }
        #expect(!FileManager.default.fileExists(atPath: image.tarballPath))
    }
}
