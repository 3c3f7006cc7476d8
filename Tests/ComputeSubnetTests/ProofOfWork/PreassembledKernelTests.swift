import ComputeSubnetTestSupport
import Foundation
import Testing

/// The debug build assembles the -O3 output of C committed under Sources/CPowKernel/kernel_*_x86_64.S
/// (the proof-of-work kernels) and Sources/CRistretto/cristretto_x86_64.S (sr25519 verification);
/// those files must be what the generators make from the C sources today, or a debug build would
/// run different code than a release build.
@Suite struct PreassembledKernelTests {
    /// Each generator and one file it writes.
    static let generators = [
        ("scripts/generate-pow-asm", "Sources/CPowKernel/kernel_avx2_x86_64.S"),
        ("scripts/generate-ristretto-asm", "Sources/CRistretto/cristretto_x86_64.S"),
    ]

    /// The compiler line recorded in a committed file.
    static func recordedCompiler(_ path: String) -> String? {
        let file = TestRepository.root.appendingPathComponent(path)
        return (try? String(contentsOf: file, encoding: .utf8))?
            .split(separator: "\n").first { $0.hasPrefix("// Compiler: ") }
            .map { String($0.dropFirst("// Compiler: ".count).split(separator: ";")[0]) }
    }

    /// The compiler line recorded in the committed files (the same for all) and the toolchain's
    /// clang, when found.
    static let compilers: (recorded: String?, toolchain: String?) = {
        let recorded = recordedCompiler(generators[0].1)
        let swift = (try? CommandRunner.run("/usr/bin/env", ["sh", "-c", "readlink -f \"$(command -v swift)\""]))?.stdout
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let clang = swift.map { URL(fileURLWithPath: $0).deletingLastPathComponent().appendingPathComponent("clang").path }
        let version = clang.flatMap { try? CommandRunner.run($0, ["--version"]) }?.stdout
            .split(separator: "\n").first.map(String.init)
        return (recorded, version)
    }()

    @Test func theCommittedFilesRecordACompiler() {
        #expect(Self.compilers.recorded?.hasPrefix("clang version") == true)
        for (_, file) in Self.generators {
            #expect(Self.recordedCompiler(file) == Self.compilers.recorded, "\(file)")
        }
    }

    /// Byte for byte against a fresh generation, with the compiler the files were made with
    /// (another clang writes other, equally valid, assembly).
    @Test(.enabled(if: compilers.recorded != nil && compilers.recorded == compilers.toolchain,
                   "needs the clang the committed assembly was generated with"))
    func theCommittedAssemblyIsAFreshGeneration() throws {
        for (generator, _) in Self.generators {
            let script = TestRepository.root.appendingPathComponent(generator).path
            let result = try CommandRunner.run("/bin/bash", [script, "--check"])
            #expect(result.status == 0, "\(generator): \(result.stderr)")
        }
    }
}
