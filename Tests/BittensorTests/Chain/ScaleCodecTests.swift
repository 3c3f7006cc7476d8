import Bittensor
import Testing

@Suite struct ScaleCodecTests {
    @Test(arguments: [
        (UInt128(0), "00"), (1, "04"), (63, "fc"), (64, "0101"), (16383, "fdff"), (16384, "02000100"),
        (1_073_741_823, "feffffff"), (1_073_741_824, "0300000040"), (UInt128(UInt64.max), "13ffffffffffffffff"),
        (UInt128.max, "33ffffffffffffffffffffffffffffffff"),
    ])
    func compactIntegersRoundTrip(value: UInt128, hex: String) throws {
        #expect(Hex.encode(ScaleEncoder.compact(value)) == hex)
        var d = ScaleDecoder(try #require(Hex.decode(hex)))
        #expect(try d.compact() == value)
        try d.expectEnd()
    }

    @Test func fixedIntegersAreLittleEndian() throws {
        var e = ScaleEncoder()
        e.u16(0x1b); e.u32(10_005_000); e.u64(1_000_000); e.u128(16_909_060); e.bool(true)
        #expect(Hex.encode(e.bytes) == "1b0008aa980040420f000000000004030201000000000000000000000000" + "01")
        var d = ScaleDecoder(e.bytes)
        #expect(try d.u16() == 0x1b)
        #expect(try d.u32() == 10_005_000)
        #expect(try d.u64() == 1_000_000)
        #expect(try d.u128() == 16_909_060)
        #expect(try d.bool())
        #expect(d.isAtEnd)
    }

    @Test func stringsVectorsAndOptions() throws {
        var e = ScaleEncoder()
        e.string("héllo"); e.byteVector([1, 2, 3]); e.u8(1); e.u16(7); e.u8(0)
        var d = ScaleDecoder(e.bytes)
        #expect(try d.string() == "héllo")
        #expect(try d.byteVector() == [1, 2, 3])
        #expect(try d.option { (d: inout ScaleDecoder) throws(ScaleError) in try d.u16() } == 7)
        #expect(try d.option { (d: inout ScaleDecoder) throws(ScaleError) in try d.u16() } == nil)
        try d.expectEnd()
    }

    @Test func badInputIsATypedError() {
        var d = ScaleDecoder([0x01])
        #expect(throws: ScaleError.truncated(offset: 0, needed: 1)) { try d.u16() }
        var b = ScaleDecoder([0x02])
        #expect(throws: ScaleError.invalidBool(offset: 0, byte: 2)) { try b.bool() }
        // A length prefix claiming more bytes than remain must not allocate or crash.
        var v = ScaleDecoder([0xfe, 0xff, 0xff, 0xff, 0x00])
        #expect(throws: ScaleError.self) { try v.byteVector() }
        var o = ScaleDecoder([0x05])
        #expect(throws: ScaleError.invalidOption(offset: 0, byte: 5)) { try o.option { (d: inout ScaleDecoder) throws(ScaleError) in try d.u8() } }
        var s = ScaleDecoder([0x08, 0xff, 0xfe])
        #expect(throws: ScaleError.invalidUTF8(offset: 0)) { try s.string() }
        var c = ScaleDecoder([0xff])
        #expect(throws: ScaleError.self) { try c.compact() }
    }

    @Test func mortalEraMatchesTheSDK() throws {
        let era = Era(period: 64, currentBlock: 6_000_000)
        #expect(era == .mortal(period: 64, phase: 0))
        #expect(Hex.encode(era.encoded) == "0500")
        #expect(era.birth(currentBlock: 6_000_000) == 6_000_000)
        // Period 128 (the SDK default) at block 6 000 123: phase 123 % 128.
        let e128 = Era(period: 128, currentBlock: 6_000_123)
        #expect(e128 == .mortal(period: 128, phase: 6_000_123 % 128))
        #expect(e128.birth(currentBlock: 6_000_130) == 6_000_123)
        var d = ScaleDecoder(e128.encoded)
        #expect(try Era(from: &d) == e128)
        #expect(Era.immortal.encoded == [0])
        // Periods round up to a power of two and clamp to 4…65536.
        #expect(Era(period: 100, currentBlock: 1) == .mortal(period: 128, phase: 1))
        #expect(Era(period: 1, currentBlock: 5) == .mortal(period: 4, phase: 1))
        if case let .mortal(period, phase) = Era(period: 1_000_000, currentBlock: 70_001) {
            #expect(period == 65536)
            #expect(phase == 70_001 % 65536 / 16 * 16)
        }
    }

    @Test func ipAddressesFormatLikeTheSDK() {
        #expect(IPAddressText.format(3_235_789_677, type: 4) == "192.222.59.109")
        #expect(IPAddressText.format(0, type: 0) == "0.0.0.0")
        #expect(IPAddressText.parse("1.2.3.4")! == (16_909_060, 4))
        let v6 = IPAddressText.parse("2001:db8::1")!
        #expect(v6.type == 6)
        #expect(IPAddressText.format(v6.ip, type: 6) == "2001:db8::1")
        #expect(IPAddressText.parse("1.2.3") == nil)
        #expect(IPAddressText.parse("300.1.1.1") == nil)
    }
}
