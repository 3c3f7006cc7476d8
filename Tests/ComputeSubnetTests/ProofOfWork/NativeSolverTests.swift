import Bittensor
import Foundation
import PowKernel
import Testing
@testable import ComputeSubnet

@Suite("Native proof-of-work solver", .serialized)
struct NativeSolverTests {
    @Test("the kernel's enumeration and hit agree with the solver's password order")
    func kernelFindsKnownIndex() throws {
        let salt = Array("3f9c2a1b0d4e5f60".utf8)
        let charset = Array("q7W!a#Z2:k".utf8)
        let password = Array("q7Wq!7a".utf8)
        let digest = Blake2b.hash(password + salt)
        let kernel = try #require(PowKernel(charset: charset, length: 7, salt: salt, digest: digest))
        let index = try #require(kernel.search(start: 0, count: kernel.keyspace))
        #expect(kernel.password(at: index) == password)
        // From an unaligned start inside the keyspace too.
        #expect(kernel.search(start: index - 5, count: 100) == index)
        #expect(kernel.search(start: index + 1, count: 1000) == nil)
    }
}
