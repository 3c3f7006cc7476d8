import ComputeSubnetTestSupport
import Foundation
import Testing

/// The debug build assembles the -O3 output of the C kernels committed under
/// Sources/CPowKernel/kernel_*_x86_64.S; those files must be what the generator makes from the C
/// sources today, or a debug build would run a different kernel than a release build.
@Suite struct PreassembledKernelTests {
    /// The compiler line recorded in the committed files and the toolchain's clang, when found.
    static let compilers: (recorded: String?, toolchain: String?) = {
        let file = TestRepository.root.appendingPathComponent("Sources/CPowKernel/kernel_avx2_x86_64.S")
        let recorded = (try? String(contentsOf: file, encoding: .utf8))?
            .split(separator: "\n").first { $0.hasPrefix("// Compiler: ") }
            .map { String($0.dropFirst("// Compiler: ".count).split(separator: ";")[0]) }
        let swift = (try? CommandRunner.run("/usr/bin/env", ["sh", "-c", "readlink -f \"$(command -v swift)\""]))?.stdout
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let clang = swift.map { URL(fileURLWithPath: $0).deletingLastPathComponent().appendingPathComponent("clang").path }
        let version = clang.flatMap { try? CommandRunner.run($0, ["--version"]) }?.stdout
            .split(separator: "\n").first.map(String.init)
        return (recorded, version)
    }()

    @Test func theCommittedFilesRecordACompiler() {
        #expect(Self.compilers.recorded?.hasPrefix("clang version") == true)
    }

    /// Byte for byte against a fresh generation, with the compiler the files were made with
    /// (another clang writes other, equally valid, assembly).
    @Test(.enabled(if: compilers.recorded != nil && compilers.recorded == compilers.toolchain,
                   "needs the clang the committed assembly was generated with"))
    func theCommittedAssemblyIsAFreshGeneration() throws {
        let script = TestRepository.root.appendingPathComponent("scripts/generate-pow-asm").path
        let result = try CommandRunner.run("/bin/bash", [script, "--check"])
        #expect(result.status == 0, "\(result.stderr)")
    }
}
