import Bittensor
import Testing

/// `Tests/Fixtures/vectors/extrinsics.json`: extrinsics the Python SDK built and signed.
@Suite struct ExtrinsicVectorTests {
    struct Vector {
        var name: String
        var call: RuntimeCall
        var fields: [String: Any]
        func hex(_ key: String) -> [UInt8] { Hex.decode(fields[key] as? String ?? "") ?? [] }
    }

    static func vectors() throws -> (root: [String: Any], list: [Vector]) {
        let root = try ChainFixtures.json("extrinsics.json")
        let all = try #require(root["extrinsics"] as? [String: [String: Any]])
        var list = [Vector]()
        for (name, fields) in all.sorted(by: { $0.key < $1.key }) {
            let args = try #require(fields["call_args"] as? [String: Any])
            let netuid = UInt16(args["netuid"] as! Int)
            let call: RuntimeCall
            func u16s(_ key: String) -> [UInt16] { (args[key] as! [Int]).map { UInt16($0) } }
            switch name {
            case "set_weights", "set_weights_128":
                call = SubtensorCalls.setWeights(netuid: netuid, uids: u16s("dests"), weights: u16s("weights"),
                                                 versionKey: UInt64(args["version_key"] as! Int))
            case "set_mechanism_weights":
                call = SubtensorCalls.setMechanismWeights(netuid: netuid, mechanism: UInt8(args["mecid"] as! Int), uids: u16s("dests"),
                                                          weights: u16s("weights"), versionKey: UInt64(args["version_key"] as! Int))
            case "serve_axon":
                call = SubtensorCalls.serveAxon(netuid: netuid, version: UInt32(args["version"] as! Int), ip: UInt128(args["ip"] as! Int),
                                                port: UInt16(args["port"] as! Int), ipType: UInt8(args["ip_type"] as! Int),
                                                protocol: UInt8(args["protocol"] as! Int))
            case "burned_register":
                // The hotkey's public key is the call's last 32 bytes.
                let callBytes = Hex.decode(fields["call_hex"] as! String)!
                call = SubtensorCalls.burnedRegister(netuid: netuid, hotkey: Array(callBytes.suffix(32)))
            default:
                Issue.record("unknown vector \(name)")
                continue
            }
            list.append(Vector(name: name, call: call, fields: fields))
        }
        return (root, list)
    }

    static func context(_ root: [String: Any], _ v: Vector) throws -> SigningContext {
        let era = try #require(v.fields["era"] as? [String: Any])
        let additional = v.hex("additional_signed_hex")
        return SigningContext(
            specVersion: UInt32(root["spec_version"] as! Int), transactionVersion: UInt32(root["transaction_version"] as! Int),
            genesisHash: Hex.decode(root["genesis_hash"] as! String)!,
            era: Era(period: UInt64(era["period"] as! Int), currentBlock: UInt64(era["checkpoint_block"] as! Int)),
            // The checkpoint hash the SDK signed: additional = spec(4) ‖ tx(4) ‖ genesis(32) ‖ checkpoint(32) ‖ 0x00.
            checkpointHash: Array(additional[40..<72]), nonce: UInt64(v.fields["nonce"] as! Int))
    }

    @Test(arguments: [14, 15])
    func callDataAndSigningPayloadsAreByteIdentical(metadataVersion: Int) throws {
        let md = try #require(metadataVersion == 14 ? ChainFixtures.metadataV14 : ChainFixtures.metadataV15)
        let builder = ExtrinsicBuilder(metadata: md)
        let (root, vectors) = try Self.vectors()
        #expect(vectors.count == 5)
        for v in vectors {
            let call = try builder.callData(v.call)
            #expect(Hex.encode(call) == Hex.encode(v.hex("call_hex")), "\(v.name) call")
            #expect(v.call.fallback == call, "\(v.name) hand-encoded fallback")
            let ctx = try Self.context(root, v)
            #expect(Hex.encode(ctx.era.encoded, prefix: true) == (v.fields["era"] as! [String: Any])["encoded"] as! String)
            let ext = try builder.signedExtensions(ctx)
            #expect(Hex.encode(ext.extra) == Hex.encode(v.hex("extra_hex")), "\(v.name) extra")
            #expect(Hex.encode(ext.additional) == Hex.encode(v.hex("additional_signed_hex")), "\(v.name) additional")
            let payload = try builder.signingPayload(call: call, context: ctx)
            #expect(payload.count == v.fields["payload_len"] as! Int, "\(v.name) payload length")
            let hashed = v.fields["payload_hashed"] as! Bool
            #expect(ExtrinsicBuilder.bytesToSign(payload) == (hashed ? Blake2b.hash256(payload) : payload))
            // With the SDK's signature, the assembled extrinsic is the SDK's byte for byte.
            let expected = v.hex("extrinsic_hex")
            var prefix = ScaleDecoder(expected)
            _ = try prefix.compact()
            let signer = Array(expected[(prefix.offset + 2)..<(prefix.offset + 34)])
            let assembled = ExtrinsicBuilder.assemble(signer: signer, signature: v.hex("signature"), extra: ext.extra, call: call)
            #expect(Hex.encode(assembled) == Hex.encode(expected), "\(v.name) extrinsic")
        }
    }

    @Test func theSDKSignaturesVerifyOverOurPayloads() throws {
        let builder = ExtrinsicBuilder(metadata: try #require(ChainFixtures.metadataV15))
        let (root, vectors) = try Self.vectors()
        for v in vectors {
            let payload = try builder.signingPayload(call: try builder.callData(v.call), context: try Self.context(root, v))
            let expected = v.hex("extrinsic_hex")
            var prefix = ScaleDecoder(expected)
            _ = try prefix.compact()
            let signer = try Keypair(publicKey: Array(expected[(prefix.offset + 2)..<(prefix.offset + 34)]))
            #expect(signer.ss58Address == v.fields["signer_ss58"] as? String)
            #expect(signer.verify(v.hex("signature"), message: ExtrinsicBuilder.bytesToSign(payload)), "\(v.name)")
            var tampered = payload
            tampered[2] ^= 1
            #expect(!signer.verify(v.hex("signature"), message: ExtrinsicBuilder.bytesToSign(tampered)))
        }
    }

    @Test func ourSignedExtrinsicsMatchTheSDKsExceptTheRandomisedSignature() throws {
        let builder = ExtrinsicBuilder(metadata: try #require(ChainFixtures.metadataV15))
        let (root, vectors) = try Self.vectors()
        let hotkey = try Keypair(mnemonic: "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about")
        let alice = try Keypair(uri: "//Alice")
        for v in vectors {
            let signer = v.name == "burned_register" ? alice : hotkey
            #expect(signer.ss58Address == v.fields["signer_ss58"] as? String)
            let signed = try builder.sign(v.call, context: try Self.context(root, v), signer: signer)
            #expect(signer.verify(signed.signature, message: ExtrinsicBuilder.bytesToSign(signed.payload)))
            var bytes = signed.bytes
            let expected = v.hex("extrinsic_hex")
            try #require(bytes.count == expected.count)
            var prefix = ScaleDecoder(expected)
            _ = try prefix.compact()
            let sigStart = prefix.offset + 35
            bytes.replaceSubrange(sigStart..<(sigStart + 64), with: v.hex("signature"))
            #expect(Hex.encode(bytes) == Hex.encode(expected), "\(v.name)")
            #expect(signed.hash == Blake2b.hash256(signed.bytes))
        }
    }

    @Test func unknownDataCarryingSignedExtensionIsRefused() throws {
        var md = try #require(ChainFixtures.metadataV15)
        // An extension the builder does not know whose extra is a u32 (type 4): must be refused.
        md.signedExtensions.append(.init(identifier: "CheckShieldedTxValidity", type: 4, additionalSigned: 43))
        let builder = ExtrinsicBuilder(metadata: md)
        let (root, vectors) = try Self.vectors()
        let ctx = try Self.context(root, vectors[0])
        #expect {
            _ = try builder.signedExtensions(ctx)
        } throws: { error in
            guard case let ChainError.unsupported(why, _) = error else { return false }
            return why.contains("CheckShieldedTxValidity")
        }
        // A zero-sized unknown extension (type 43 = ()) is fine.
        var md2 = try #require(ChainFixtures.metadataV15)
        md2.signedExtensions.insert(.init(identifier: "SudoTransactionExtension", type: 43, additionalSigned: 43), at: 3)
        let ext = try ExtrinsicBuilder(metadata: md2).signedExtensions(ctx)
        #expect(Hex.encode(ext.extra, prefix: true) == "0x05001c0000")
    }

    @Test func callArgumentsAreTypeChecked() throws {
        let builder = ExtrinsicBuilder(metadata: try #require(ChainFixtures.metadataV15))
        // netuid 70000 does not fit u16.
        let bad = RuntimeCall(pallet: "SubtensorModule", name: "burned_register",
                              arguments: ["netuid": .uint(70000), "hotkey": .bytes([UInt8](repeating: 1, count: 32))])
        #expect(throws: ChainError.self) { try builder.callData(bad) }
        let short = RuntimeCall(pallet: "SubtensorModule", name: "burned_register", arguments: ["netuid": .uint(1), "hotkey": .bytes([1, 2])])
        #expect(throws: ChainError.self) { try builder.callData(short) }
        let missing = RuntimeCall(pallet: "SubtensorModule", name: "burned_register", arguments: ["netuid": .uint(1)])
        #expect(throws: ChainError.self) { try builder.callData(missing) }
        let unknown = RuntimeCall(pallet: "SubtensorModule", name: "no_such_call", arguments: [:])
        #expect(throws: ChainError.self) { try builder.callData(unknown) }
    }
}
