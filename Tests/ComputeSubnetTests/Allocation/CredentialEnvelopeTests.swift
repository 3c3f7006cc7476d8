import Foundation
import Testing
@testable import ComputeSubnet

@Suite struct CredentialEnvelopeTests {
    typealias Support = AllocationTestSupport

    @Test func sealedCredentialsOpenWithThePrivateKey() throws {
        let pair = try Support.rsaPair()
        let credentials = Credentials(username: "root", password: "Zx9aB3cD4eF5gH6iJ7kL", port: 4444)
        let envelope = try CredentialEnvelope.seal(credentials, to: pair.publicPEM)
        #expect(Data(base64Encoded: envelope)?.count == 256)
        #expect(try CredentialEnvelope.open(envelope, privateKeyPEM: pair.privatePEM) == credentials)
        // OAEP is randomised: the same credentials seal differently each time.
        #expect(try CredentialEnvelope.seal(credentials, to: pair.publicPEM) != envelope)
    }

    @Test func anotherKeyCannotOpenIt() throws {
        let pair = try Support.rsaPair(), other = try Support.rsaPair()
        let envelope = try CredentialEnvelope.seal(Credentials(username: "root", password: "p", port: 1), to: pair.publicPEM)
        #expect(throws: CredentialEnvelopeError(.undecryptable)) {
            try CredentialEnvelope.open(envelope, privateKeyPEM: other.privatePEM)
        }
        #expect(throws: CredentialEnvelopeError(.undecryptable)) {
            try CredentialEnvelope.open("not base64 !!", privateKeyPEM: pair.privatePEM)
        }
    }

    @Test(arguments: ["", "hello", "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----"])
    func rejectsWhatIsNotAnRSAPublicKey(_ pem: String) {
        #expect(throws: CredentialEnvelopeError(.invalidPublicKey)) {
            try CredentialEnvelope.seal(Credentials(username: "root", password: "p", port: 1), to: pem)
        }
    }

    /// OpenSSL, an independent implementation, decrypts it with the parameters of the original's
    /// `RSAEncryption.decrypt_data` (OAEP, SHA-256, MGF1-SHA-256).
    @Test func opensslDecryptsItAsThePythonRegisterCLIWould() throws {
        let directory = try Support.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let pair = try Support.rsaPair()
        try pair.privatePEM.write(toFile: "\(directory)/key.pem", atomically: true, encoding: .utf8)
        let credentials = Credentials(username: "root", password: "aB3dE5gH7jK9mN1pQ3sT", port: 4444)
        let envelope = try CredentialEnvelope.seal(credentials, to: pair.publicPEM)
        try #require(Data(base64Encoded: envelope)).write(to: URL(fileURLWithPath: "\(directory)/cipher.bin"))
        let result = try Support.run("/usr/bin/openssl", [
            "pkeyutl", "-decrypt", "-inkey", "\(directory)/key.pem", "-in", "\(directory)/cipher.bin",
            "-pkeyopt", "rsa_padding_mode:oaep", "-pkeyopt", "rsa_oaep_md:sha256", "-pkeyopt", "rsa_mgf1_md:sha256",
        ])
        #expect(result.status == 0, "\(result.output)")
        let decoded = try JSONDecoder().decode(Credentials.self, from: Data(result.output.utf8))
        #expect(decoded == credentials)
    }

    @Test func theOwnerFingerprintIgnoresPEMLayout() throws {
        let pair = try Support.rsaPair()
        let reflowed = "\n  " + pair.publicPEM.replacingOccurrences(of: "\n", with: "\r\n") + "\n\n"
        #expect(try OwnerKey(pem: pair.publicPEM).fingerprint == OwnerKey(pem: reflowed).fingerprint)
        #expect(try OwnerKey(pem: pair.publicPEM).fingerprint != OwnerKey(pem: Support.rsaPair().publicPEM).fingerprint)
    }
}
