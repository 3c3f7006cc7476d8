import Bittensor
import ComputeSubnetTestSupport
import Foundation
import Testing

/// The real Python SDK (async_substrate_interface + cyscale, bittensor 10.5.0 in the interop
/// venv) reads what the Swift extrinsic builder writes, against the recorded finney metadata.
@Suite(.serialized) struct ExtrinsicInteropTests {
    static var python: String { TestRepository.interopPython }

    static func fixture(_ name: String) throws -> [UInt8] {
        let text = try String(contentsOf: TestRepository.fixture("chain/\(name)"), encoding: .utf8)
        return try #require(Hex.decode(text.trimmingCharacters(in: .whitespacesAndNewlines)))
    }

    /// Runs `script` in the interop python with `input` on stdin; returns stdout's JSON object.
    static func runPython(_ script: String, input: String) throws -> [String: Any] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = ["-c", script]
        let stdin = Pipe(), stdout = Pipe(), stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        stdin.fileHandleForWriting.write(Data(input.utf8))
        try stdin.fileHandleForWriting.close()
        let out = stdout.fileHandleForReading.readDataToEndOfFile()
        let err = stderr.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0, let object = try JSONSerialization.jsonObject(with: out) as? [String: Any] else {
            Issue.record("python failed (\(process.terminationStatus)): \(String(decoding: err, as: UTF8.self).suffix(2000))")
            throw CancellationError()
        }
        return object
    }

    /// Decodes the extrinsic with the SDK's runtime config, rebuilds the signing payload with
    /// `SubstrateInterface.generate_signature_payload` and verifies the signature with
    /// bittensor_wallet's Keypair.
    static let decodeAndVerify = #"""
import sys, json, logging
logging.disable(logging.CRITICAL)
from scalecodec.base import RuntimeConfigurationObject, ScaleBytes
from scalecodec.type_registry import load_type_registry_preset
from async_substrate_interface.sync_substrate import SubstrateInterface
from bittensor_wallet import Keypair
req = json.loads(sys.stdin.read())
raw = bytes.fromhex(open(req["metadata"]).read().strip()[2:])
raw = raw[raw.index(b"meta"):]
rc = RuntimeConfigurationObject(ss58_format=42)
rc.update_type_registry(load_type_registry_preset("core"))
md = rc.create_scale_object("MetadataVersioned", data=ScaleBytes(raw)); md.decode()
rc.add_portable_registry(md)
ext = rc.create_scale_object("Extrinsic", data=ScaleBytes(req["extrinsic"]), metadata=md)
v = ext.decode()
class Runtime: pass
class Fake: pass
fake = Fake(); fake.runtime = Runtime(); fake.runtime.metadata = md
fake.runtime.runtime_version = req["spec_version"]; fake.runtime.transaction_version = req["transaction_version"]
fake.runtime_config = rc
hashes = {0: req["genesis_hash"], req["birth"]: req["checkpoint_hash"]}
fake.get_block_hash = lambda block_id=None: hashes[block_id]
call = rc.create_scale_object("Call", metadata=md)
call.encode({"call_module": v["call"]["call_module"], "call_function": v["call"]["call_function"],
             "call_args": {a["name"]: a["value"] for a in v["call"]["call_args"]}})
payload = SubstrateInterface.generate_signature_payload(fake, call, era={"period": v["era"][0], "current": req["current"]}, nonce=v["nonce"], tip=v["tip"])
sig = list(v["signature"].values())[0]
ok = Keypair(ss58_address=v["address"]).verify(payload.data, bytes.fromhex(sig[2:]))
print(json.dumps({"address": v["address"], "module": v["call"]["call_module"], "function": v["call"]["call_function"],
    "args": {a["name"]: a["value"] for a in v["call"]["call_args"]}, "era": list(v["era"]), "nonce": v["nonce"], "tip": v["tip"],
    "mode": v.get("mode"), "verified": ok, "length": v["extrinsic_length"], "hash": v["extrinsic_hash"]}))
"""#

    static let genesis = "0x2f0555cc76fc2840a25a6ea3b9637146806f1f44b090c175ffde2a7e5ab36c03"
    static let checkpoint = "0x" + String(repeating: "ab", count: 31) + "01"

    func signedBySwift(_ call: RuntimeCall, signer: Keypair, metadata: RuntimeMetadata, current: UInt64, nonce: UInt64) throws -> SignedExtrinsic {
        let era = Era(period: 128, currentBlock: current)
        let ctx = SigningContext(specVersion: 331, transactionVersion: 1, genesisHash: Hex.decode(Self.genesis)!, era: era,
                                 checkpointHash: Hex.decode(Self.checkpoint)!, nonce: nonce)
        return try ExtrinsicBuilder(metadata: metadata).sign(call, context: ctx, signer: signer)
    }

    func request(_ ext: SignedExtrinsic, metadataFile: String, current: UInt64) -> String {
        let era = Era(period: 128, currentBlock: current)
        let object: [String: Any] = [
            "metadata": TestRepository.fixture("chain/\(metadataFile)").path,
            "extrinsic": Hex.encode(ext.bytes, prefix: true), "spec_version": 331, "transaction_version": 1,
            "genesis_hash": Self.genesis, "checkpoint_hash": Self.checkpoint, "current": current,
            "birth": era.birth(currentBlock: current)!,
        ]
        return String(decoding: try! JSONSerialization.data(withJSONObject: object), as: UTF8.self)
    }

    @Test(arguments: ["finney_Metadata_metadata_at_version_15.hex", "finney_state_getMetadata_v14.hex"])
    func theSDKDecodesAndVerifiesASwiftSetWeights(metadataFile: String) throws {
        let md = try RuntimeMetadata(bytes: try Self.fixture(metadataFile))
        let hotkey = try Keypair(mnemonic: "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about")
        let q = try WeightQuantizer.quantize(uids: [0, 3, 9, 200], weights: [0.1, 0.4, 0.25, 0.25])
        let call = SubtensorCalls.setWeights(netuid: 27, uids: q.uids, weights: q.weights, versionKey: 1_005_000)
        let ext = try signedBySwift(call, signer: hotkey, metadata: md, current: 6_123_457, nonce: 42)
        let out = try Self.runPython(Self.decodeAndVerify, input: request(ext, metadataFile: metadataFile, current: 6_123_457))
        #expect(out["verified"] as? Bool == true)
        #expect(out["address"] as? String == hotkey.ss58Address)
        #expect(out["module"] as? String == "SubtensorModule")
        #expect(out["function"] as? String == "set_weights")
        let args = try #require(out["args"] as? [String: Any])
        #expect(args["netuid"] as? Int == 27)
        #expect(args["dests"] as? [Int] == q.uids.map(Int.init))
        #expect(args["weights"] as? [Int] == q.weights.map(Int.init))
        #expect(args["version_key"] as? Int == 1_005_000)
        #expect(out["era"] as? [Int] == [128, Int(6_123_457 % 128)])
        #expect(out["nonce"] as? Int == 42)
        #expect(out["hash"] as? String == Hex.encode(ext.hash, prefix: true))
    }

    @Test func theSDKVerifiesALongHashedPayloadAndARegistration() throws {
        let md = try RuntimeMetadata(bytes: try Self.fixture("finney_Metadata_metadata_at_version_15.hex"))
        let hotkey = try Keypair(mnemonic: "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about")
        // 200 weights: payload > 256 bytes, so the blake2-256 of it is signed.
        let uids = (0..<200).map { UInt16($0) }
        let q = try WeightQuantizer.quantize(uids: uids, weights: uids.map { Double($0 % 17) + 0.5 })
        let long = try signedBySwift(SubtensorCalls.setWeights(netuid: 27, uids: q.uids, weights: q.weights, versionKey: 7),
                                     signer: hotkey, metadata: md, current: 5_000_000, nonce: 1)
        #expect(long.payload.count > 256)
        let out = try Self.runPython(Self.decodeAndVerify, input: request(long, metadataFile: "finney_Metadata_metadata_at_version_15.hex", current: 5_000_000))
        #expect(out["verified"] as? Bool == true)

        let coldkey = try Keypair(uri: "//Alice")
        let reg = try signedBySwift(SubtensorCalls.burnedRegister(netuid: 27, hotkey: hotkey.publicKey), signer: coldkey, metadata: md,
                                    current: 5_000_001, nonce: 0)
        let r = try Self.runPython(Self.decodeAndVerify, input: request(reg, metadataFile: "finney_Metadata_metadata_at_version_15.hex", current: 5_000_001))
        #expect(r["verified"] as? Bool == true)
        #expect(r["function"] as? String == "burned_register")
        #expect(r["address"] as? String == coldkey.ss58Address)
        #expect((r["args"] as? [String: Any])?["hotkey"] as? String == hotkey.ss58Address)
    }

    static let sdkWeights = #"""
import sys, json, logging
logging.disable(logging.CRITICAL)
import numpy as np
from bittensor.utils.weight_utils import convert_and_normalize_weights_and_uids
cases = json.loads(sys.stdin.read())
out = []
for c in cases:
    u, w = convert_and_normalize_weights_and_uids(c["uids"], c["weights"])
    out.append({"uids": [int(x) for x in u], "weights": [int(x) for x in w]})
print(json.dumps({"results": out}))
"""#

    @Test func weightQuantisationMatchesTheSDK() throws {
        var rng = SystemRandomNumberGenerator()
        var cases: [(uids: [UInt16], weights: [Double])] = [
            ([0, 1, 5], [1, 0.5, 0.5]),
            ([1, 2, 3, 4], [0.25, 0.125, 0.375, 0.0000001]),
            ([7, 8], [3, 1]),
            ([1, 2, 3], [1e-9, 1, 0.5 / 65535]),
        ]
        for _ in 0..<12 {
            let n = Int.random(in: 1...64, using: &rng)
            let uids = (0..<n).map { _ in UInt16.random(in: 0...4095, using: &rng) }
            let weights = (0..<n).map { _ -> Double in Bool.random(using: &rng) ? 0 : Double.random(in: 0...1, using: &rng) }
            cases.append((uids, weights))
        }
        let input = cases.map { ["uids": $0.uids.map(Int.init), "weights": $0.weights] as [String: Any] }
        let out = try Self.runPython(Self.sdkWeights, input: String(decoding: try JSONSerialization.data(withJSONObject: input), as: UTF8.self))
        let results = try #require(out["results"] as? [[String: [Int]]])
        try #require(results.count == cases.count)
        for (c, sdk) in zip(cases, results) {
            let ours = try WeightQuantizer.quantize(uids: c.uids, weights: c.weights)
            #expect(ours.uids.map(Int.init) == sdk["uids"], "uids for \(c.weights)")
            #expect(ours.weights.map(Int.init) == sdk["weights"], "weights for \(c.weights)")
        }
    }
}
