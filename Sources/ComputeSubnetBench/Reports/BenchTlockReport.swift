import Foundation

/// The result of `bench tlock`: Swift's BLS12-381 and timelock costs beside arkworks' pairing and
/// hash-to-G1 measured in the same run (the `--json` object; rates are operations per CPU second).
package struct BenchTlockReport: Encodable {
    /// The goal: a Swift pairing costs at most this many arkworks pairings.
    package static let pairingGoal = 3.0

    package struct SwiftRates: Encodable {
        package var pairingPerSecond: Double
        package var hashToG1PerSecond: Double
        package var encryptPerSecond: Double
        package var decryptPerSecond: Double

        package init(pairingPerSecond: Double, hashToG1PerSecond: Double, encryptPerSecond: Double, decryptPerSecond: Double) {
            self.pairingPerSecond = pairingPerSecond
            self.hashToG1PerSecond = hashToG1PerSecond
            self.encryptPerSecond = encryptPerSecond
            self.decryptPerSecond = decryptPerSecond
        }
    }

    package struct AnchorRates: Encodable {
        package var pairingPerSecond: Double
        package var hashToG1PerSecond: Double

        package init(pairingPerSecond: Double, hashToG1PerSecond: Double) {
            self.pairingPerSecond = pairingPerSecond
            self.hashToG1PerSecond = hashToG1PerSecond
        }
    }

    package var iterations: Int
    package var batches: Int
    package var plaintextBytes: Int
    /// True when this binary was built without optimisation (numbers not meaningful).
    package var debugBuild: Bool
    package var python: String
    package var swift: SwiftRates
    package var arkworks: AnchorRates

    package init(iterations: Int, batches: Int, plaintextBytes: Int, debugBuild: Bool, python: String,
                 swift: SwiftRates, arkworks: AnchorRates) {
        self.iterations = iterations
        self.batches = batches
        self.plaintextBytes = plaintextBytes
        self.debugBuild = debugBuild
        self.python = python
        self.swift = swift
        self.arkworks = arkworks
    }
    /// Swift's time per pairing ÷ arkworks' (2 = Swift takes twice as long; the goal is ≤ 3).
    package var pairingRatio: Double { arkworks.pairingPerSecond / swift.pairingPerSecond }
    /// Swift's time per hash-to-G1 ÷ arkworks'.
    package var hashToG1Ratio: Double { arkworks.hashToG1PerSecond / swift.hashToG1PerSecond }
    package var pairingGoalMet: Bool { pairingRatio <= Self.pairingGoal }

    package enum CodingKeys: String, CodingKey {
        case iterations, batches, plaintextBytes, debugBuild, python, swift, arkworks
        case pairingRatio, hashToG1Ratio, pairingGoal, pairingGoalMet
    }

    package func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(iterations, forKey: .iterations)
        try c.encode(batches, forKey: .batches)
        try c.encode(plaintextBytes, forKey: .plaintextBytes)
        try c.encode(debugBuild, forKey: .debugBuild)
        try c.encode(python, forKey: .python)
        try c.encode(swift, forKey: .swift)
        try c.encode(arkworks, forKey: .arkworks)
        try c.encode(pairingRatio, forKey: .pairingRatio)
        try c.encode(hashToG1Ratio, forKey: .hashToG1Ratio)
        try c.encode(Self.pairingGoal, forKey: .pairingGoal)
        try c.encode(pairingGoalMet, forKey: .pairingGoalMet)
    }

    /// The table for terminals.
    package var table: String {
        func rate(_ x: Double) -> String { String(format: "%.1f", x) }
        func ms(_ x: Double) -> String { String(format: "%.3f", 1000 / x) }
        func ratio(_ x: Double) -> String { String(format: "%.2f×", x) }
        var t = TextTable([("operation", .left), ("Swift/s", .right), ("Swift ms", .right),
                           ("arkworks/s", .right), ("arkworks ms", .right), ("Swift ÷ arkworks (time)", .right)])
        t.append(["pairing", rate(swift.pairingPerSecond), ms(swift.pairingPerSecond),
                  rate(arkworks.pairingPerSecond), ms(arkworks.pairingPerSecond), ratio(pairingRatio)])
        t.append(["hash-to-G1", rate(swift.hashToG1PerSecond), ms(swift.hashToG1PerSecond),
                  rate(arkworks.hashToG1PerSecond), ms(arkworks.hashToG1PerSecond), ratio(hashToG1Ratio)])
        t.append(["tlock encrypt (\(plaintextBytes) B)", rate(swift.encryptPerSecond), ms(swift.encryptPerSecond), "", "", ""])
        t.append(["tlock decrypt (\(plaintextBytes) B)", rate(swift.decryptPerSecond), ms(swift.decryptPerSecond), "", "", ""])
        var lines = [
            "BLS12-381 and drand timelock: thread CPU time, best of \(batches) batches of \(iterations)",
            t.render(),
            "arkworks = py-arkworks-bls12381 (arkworks 0.4 via PyO3), run by \(python) in this run",
            String(format: "goal: pairing within %.0f× of arkworks — %@ (%.2f×)", Self.pairingGoal,
                   pairingGoalMet ? "met" : "NOT met", pairingRatio),
        ]
        if debugBuild { lines.append("note: debug build; use `swift build -c release` for meaningful numbers") }
        return lines.joined(separator: "\n")
    }
}
