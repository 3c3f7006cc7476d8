import Foundation

/// Calls per second of a closure, by wall time.
package enum RateMeter {
    /// Calls `body` repeatedly for `seconds` (after a short warm-up); returns calls per second.
    package static func rate(seconds: Double, _ body: () throws -> Void) throws -> Double {
        let clock = ContinuousClock()
        let warmUp = clock.now.advanced(by: .milliseconds(200))
        while clock.now < warmUp { try body() }
        var count = 0
        let start = clock.now
        let end = start.advanced(by: .milliseconds(Int64(seconds * 1000)))
        while clock.now < end {
            for _ in 0..<16 { try body() }
            count += 16
        }
        let elapsed = start.duration(to: clock.now)
        return Double(count) / (Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18)
    }
}
