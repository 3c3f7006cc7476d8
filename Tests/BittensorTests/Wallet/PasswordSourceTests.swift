import ComputeSubnetTestSupport
import Foundation
import Testing
@testable import Bittensor

@Suite struct PasswordSourceTests {
    @Test func environmentVariableNameFollowsTheSDK() {
        // Values from bittensor-wallet 4.x `Keyfile(path).env_var_name()`.
        #expect(PasswordSource.environmentVariable(for: "/tmp/x.y/wal-let/coldkey") == "BT_PW__TMP_X_Y_WAL-LET_COLDKEY")
        #expect(PasswordSource.environmentVariable(for: "/home/u/.bittensor/wallets/n/coldkey")
            == "BT_PW__HOME_U__BITTENSOR_WALLETS_N_COLDKEY")
    }

    @Test func environmentValueMatchesSaveToEnv() {
        // `Keyfile("/tmp/x.y/wal-let/coldkey").save_password_to_env("pässword")` set this value.
        let name = "BT_PW__TMP_X_Y_WAL-LET_COLDKEY"
        #expect(PasswordSource.environmentValue(password: "pässword", name: name) == "Mpf7IyQoMCYp")
        #expect(PasswordSource.decode(environmentValue: "Mpf7IyQoMCYp", name: name) == "pässword")
        // Longer than the name: the name's bytes repeat (SDK: `Keyfile("a/c")`, 30 × "x").
        #expect(PasswordSource.environmentValue(password: String(repeating: "x", count: 30), name: "BT_PW_A_C")
            == "OiwnKC8nOSc7OiwnKC8nOSc7OiwnKC8nOSc7Oiwn")
    }

    @Test func resolvesFromTheEnvironmentForThatFileOnly() throws {
        let path = "/w/alice/coldkey"
        let name = PasswordSource.environmentVariable(for: path)
        let env = [name: PasswordSource.environmentValue(password: "hunter2", name: name)]
        #expect(try PasswordSource.environment(env, prompt: false).password(for: path) == "hunter2")
        #expect(throws: KeyfileError.passwordRequired(path: "/w/bob/coldkey")) {
            try PasswordSource.environment(env, prompt: false).password(for: "/w/bob/coldkey")
        }
    }

    @Test func passwordFileUsesItsFirstLine() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let file = dir.path + "/pw"
        try "correct horse 27\nsecond line\n".write(toFile: file, atomically: true, encoding: .utf8)
        #expect(try PasswordSource.file(file).password(for: "k") == "correct horse 27")
        try "\n".write(toFile: file, atomically: true, encoding: .utf8)
        #expect(throws: KeyfileError.passwordFile(path: file, reason: "it is empty")) {
            try PasswordSource.file(file).password(for: "k")
        }
        #expect(throws: KeyfileError.passwordFile(path: dir.path + "/missing", reason: "cannot read it")) {
            try PasswordSource.file(dir.path + "/missing").password(for: "k")
        }
    }

    @Test func noSourceMeansPasswordRequired() {
        #expect(throws: KeyfileError.passwordRequired(path: "k")) { try PasswordSource.none.password(for: "k") }
    }
}
