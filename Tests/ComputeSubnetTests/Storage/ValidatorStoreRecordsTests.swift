import ComputeSubnet
import Foundation
import Testing

@Suite struct ValidatorStoreRecordsTests {
    @Test func specsUpsertAndMissedRounds() async throws {
        let t = try TemporaryStore()
        let specs = #"{"gpu":{"count":1,"details":[{"name":"NVIDIA H100"}]},"has_docker":true}"#
        try await t.store.storeSpecs(hotkey: "m", json: specs, at: storeNow)
        #expect(try await t.store.specs(hotkey: "m") == StoredSpecs(hotkey: "m", json: specs, missedCount: 0, updatedAt: storeNow))
        // Six rounds without specs: wiped to {}, count capped at 5.
        for i in 1...6 { try await t.store.storeSpecs(hotkey: "m", json: i.isMultiple(of: 2) ? nil : "{}", at: storeNow) }
        #expect(try await t.store.specs(hotkey: "m")?.json == "{}")
        #expect(try await t.store.specs(hotkey: "m")?.missedCount == ValidatorStore.maxMissedSpecs)
        try await t.store.storeSpecs(hotkey: "m", json: specs, at: storeNow.addingTimeInterval(60))
        #expect(try await t.store.specs(hotkey: "m")?.missedCount == 0)
        try await t.store.storeSpecs(hotkey: "n", json: nil, at: storeNow)
        #expect(try await t.store.allSpecs().map(\.hotkey) == ["m", "n"])
        #expect(try await t.store.specs(hotkey: "n")?.missedCount == 1)
    }

    @Test(arguments: ["[1,2]", "not json", "\"text\""])
    func specsMustBeAJSONObject(_ json: String) async throws {
        let t = try TemporaryStore()
        await #expect(throws: StoreError.self) { try await t.store.storeSpecs(hotkey: "m", json: json, at: storeNow) }
        #expect(try await t.store.allSpecs().isEmpty)
    }

    func lease(_ hotkey: String, days: Double = 1, key: Data? = Data([1, 2, 3])) -> StoredAllocation {
        StoredAllocation(hotkey: hotkey, uid: 4, ip: "10.0.0.4", port: 4444, username: "root",
                         publicKeyFingerprint: "SHA256:abc", encryptedPrivateKey: key, details: #"{"gpu":"h100"}"#,
                         createdAt: storeNow, expiresAt: storeNow.addingTimeInterval(days * 86400))
    }

    @Test func allocationsCRUD() async throws {
        let t = try TemporaryStore()
        try await t.store.insertAllocation(lease("a"))
        try await t.store.insertAllocation(lease("b", days: 3, key: nil))
        #expect(try await t.store.allocation(hotkey: "a") == lease("a"))
        await #expect(throws: StoreError.alreadyAllocated(hotkey: "a")) { try await t.store.insertAllocation(lease("a")) }
        #expect(try await t.store.allocations().map(\.hotkey) == ["a", "b"])
        // Two days later only b's lease runs.
        #expect(try await t.store.allocations(activeAt: storeNow.addingTimeInterval(2 * 86400)).map(\.hotkey) == ["b"])
        #expect(try await t.store.removeAllocation(hotkey: "a") == lease("a"))
        #expect(try await t.store.removeAllocation(hotkey: "a") == nil)
        #expect(try await t.store.allocation(hotkey: "b")?.encryptedPrivateKey == nil)
    }

    @Test func badAllocationsAreRefused() async throws {
        let t = try TemporaryStore()
        var backwards = lease("a"); backwards.expiresAt = storeNow
        var noIP = lease("a"); noIP.ip = ""
        for bad in [backwards, noIP] {
            await #expect(throws: StoreError.self) { try await t.store.insertAllocation(bad) }
        }
        #expect(try await t.store.allocations().isEmpty)
    }

    @Test func penalties() async throws {
        let t = try TemporaryStore()
        #expect(try await t.store.penalize(hotkey: "x", reason: "port closed", at: storeNow))
        #expect(try await t.store.penalize(hotkey: "x", reason: "again", at: storeNow) == false)
        #expect(try await t.store.penalize(hotkey: "y", at: storeNow.addingTimeInterval(1)))
        #expect(try await t.store.penalties() == [
            StoredPenalty(hotkey: "x", reason: "port closed", createdAt: storeNow),
            StoredPenalty(hotkey: "y", reason: "", createdAt: storeNow.addingTimeInterval(1)),
        ])
        #expect(try await t.store.removePenalty(hotkey: "x"))
        #expect(try await t.store.removePenalty(hotkey: "x") == false)
        #expect(try await t.store.penalizedHotkeys() == ["y"])
    }

    /// The validator and the register CLI open the same file and work at the same time.
    @Test func twoConnectionsReadAndWriteAtOnce() async throws {
        let t = try TemporaryStore()
        let validator = t.store
        let register = try ValidatorStore(path: t.store.path)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                for round in 0..<40 {
                    let results = (UInt16(0)..<16).map { storeResult($0, ago: Double(round)) }
                    try await validator.record(round: RoundRecord(id: "r\(round)", results: results))
                    _ = try await validator.stats(now: storeNow)
                }
            }
            group.addTask {
                for i in 0..<40 {
                    try await register.insertAllocation(lease("m\(i)"))
                    try await register.penalize(hotkey: "p\(i)", at: storeNow)
                    _ = try await register.stats(now: storeNow)
                }
            }
            try await group.waitForAll()
        }
        #expect(try await register.challengeCount() == 640)
        #expect(try await validator.allocations().count == 40)
        #expect(try await validator.penalizedHotkeys().count == 40)
        #expect(try await register.stats(now: storeNow)["hk3"]?.attempts == 40)
    }
}

/// Another process (Python's sqlite3, as any other tool would) writes the same file while the
/// validator records rounds: WAL lets both proceed, the busy timeout serialises the writers.
@Suite(.serialized) struct ValidatorStoreCrossProcessTests {
    @Test func anotherProcessWritesWhileTheValidatorRecords() async throws {
        let t = try TemporaryStore()
        let script = """
            import sqlite3, sys
            db = sqlite3.connect(sys.argv[1], timeout=30, isolation_level=None)
            mode = db.execute("PRAGMA journal_mode").fetchone()[0]
            for i in range(100):
                db.execute("BEGIN IMMEDIATE")
                db.execute("INSERT INTO penalty (hotkey, reason, created_at) VALUES (?, 'cli', 0)", (f"p{i}",))
                db.execute("COMMIT")
                db.execute("SELECT COUNT(*) FROM challenge_result").fetchone()
            print(mode)
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        process.arguments = ["-c", script, t.store.path]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        for round in 0..<60 {
            let results = (UInt16(0)..<32).map { storeResult($0, ago: Double(round)) }
            try await t.store.record(round: RoundRecord(id: "r\(round)", results: results))
        }
        process.waitUntilExit()
        let printed = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(process.terminationStatus == 0)
        #expect(printed.trimmingCharacters(in: .whitespacesAndNewlines) == "wal")
        #expect(try await t.store.challengeCount() == 60 * 32)
        #expect(try await t.store.penalizedHotkeys().count == 100)
    }
}

/// The database holds renters' leases and miners' history: only its owner reads it.
@Suite struct ValidatorStoreFileModeTests {
    static func mode(_ path: String) throws -> Int {
        try (FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int) ?? -1
    }

    @Test func theDatabaseAndItsWALAre0600EvenUnderALooseUmask() async throws {
        let old = umask(0)
        defer { umask(old) }
        let store = try ValidatorStore.temporary()
        try await store.storeSpecs(hotkey: "5F", json: "{}", at: Date())
        #expect(try Self.mode(store.path) == 0o600)
        #expect(try Self.mode(store.path + "-wal") == 0o600)
        let folder = URL(fileURLWithPath: store.path).deletingLastPathComponent().path
        #expect(try Self.mode(folder) == 0o700)
    }

    @Test func anOlderLooserDatabaseIsNarrowedWhenOpened() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("store-mode-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let path = folder + "/validator.sqlite"
        _ = try ValidatorStore(path: path)
        chmod(path, 0o644)
        _ = try ValidatorStore(path: path)
        #expect(try Self.mode(path) == 0o600)
    }
}
