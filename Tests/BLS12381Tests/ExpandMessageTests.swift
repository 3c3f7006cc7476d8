import Testing
@testable import BLS12381

/// RFC 9380 Appendix K.1, expand_message_xmd with SHA-256.
@Suite struct ExpandMessageTests {
    static let dst = Array("QUUX-V01-CS02-with-expander-SHA256-128".utf8)
    static let longDST = Array(("QUUX-V01-CS02-with-expander-SHA256-128-long-DST-" + String(repeating: "1", count: 208)).utf8)

    @Test func rfc9380Vectors() {
        #expect(hexString(ExpandMessageXMD.expand([], dst: Self.dst, length: 32))
            == "68a985b87eb6b46952128911f2a4412bbc302a9d759667f87f7a21d803f07235")
        #expect(hexString(ExpandMessageXMD.expand(Array("abc".utf8), dst: Self.dst, length: 32))
            == "d8ccab23b5985ccea865c6c97b6e5b8350e794e603b4b97902f53a8a0d605615")
        #expect(hexString(ExpandMessageXMD.expand([], dst: Self.dst, length: 128))
            == "af84c27ccfd45d41914fdff5df25293e221afc53d8ad2ac06d5e3e29485dadbee0d121587713a3e0dd4d5e69e93eb7cd"
            + "4f5df4cd103e188cf60cb02edc3edf18eda8576c412b18ffb658e3dd6ec849469b979d444cf7b26911a08e63cf31f9dc"
            + "c541708d3491184472c2c29bb749d4286b004ceb5ee6b9a7fa5b646c993f0ced")
        #expect(hexString(ExpandMessageXMD.expand(Array("abc".utf8), dst: Self.dst, length: 128))
            == "abba86a6129e366fc877aab32fc4ffc70120d8996c88aee2fe4b32d6c7b6437a647e6c3163d40b76a73cf6a5674ef1d8"
            + "90f95b664ee0afa5359a5c4e07985635bbecbac65d747d3d2da7ec2b8221b17b0ca9dc8a1ac1c07ea6a1e60583e2cb00"
            + "058e77b7b72a298425cd1b941ad4ec65e8afc50303a22c0f99b0509b4c895f40")
        // Oversized DST (256 bytes) is hashed first.
        #expect(hexString(ExpandMessageXMD.expand([], dst: Self.longDST, length: 32))
            == "e8dc0c8b686b7ef2074086fbdd2f30e3f8bfbd3bdf177f73f04b97ce618a3ed3")
    }
}
