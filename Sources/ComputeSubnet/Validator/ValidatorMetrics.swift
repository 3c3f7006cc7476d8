import Prometheus
import Synchronization

/// The validator's Prometheus metrics (`/metrics`): round durations, answers by outcome,
/// per-miner score, weight and difficulty, weights set.
public final class ValidatorMetrics: Sendable {
    /// The registry `/metrics` renders.
    public let registry: PrometheusCollectorRegistry
    private let minerGauges = Mutex<[String: [Gauge]]>([:])
    private static let roundBuckets: [Double] = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 20, 30, 45, 60, 90, 120]

    public init(registry: PrometheusCollectorRegistry = PrometheusCollectorRegistry()) {
        self.registry = registry
    }

    /// How a challenge ended for the validator.
    public enum AnswerOutcome: String, Sendable, CaseIterable {
        /// The answer verified.
        case success
        /// An answer came back but did not verify (or had no password).
        case wrong
        /// No answer before the timeout.
        case timeout
        /// The miner could not be reached or refused the request.
        case unreachable
    }

    func roundFinished(_ kind: String, seconds: Double) {
        registry.makeValueHistogram(name: "sn27_validator_round_duration_seconds", labels: [("round", kind)],
                                    buckets: Self.roundBuckets).record(seconds)
        registry.makeCounter(name: "sn27_validator_rounds_total", labels: [("round", kind)]).increment()
    }

    func answered(_ outcome: AnswerOutcome, count: Int = 1) {
        registry.makeCounter(name: "sn27_validator_challenge_answers_total", labels: [("outcome", outcome.rawValue)])
            .increment(by: Int64(count))
    }

    func block(_ block: UInt64) {
        registry.makeGauge(name: "sn27_validator_block").set(Double(block))
    }

    func weightsSet(block: UInt64) {
        registry.makeCounter(name: "sn27_validator_weights_set_total").increment()
        registry.makeGauge(name: "sn27_validator_last_weights_block").set(Double(block))
    }

    func weightsFailed(reason: String) {
        registry.makeCounter(name: "sn27_validator_weights_failures_total", labels: [("reason", reason)]).increment()
    }

    /// Replaces the per-miner gauges with `miners` (miners that left lose their series).
    func miners(_ miners: [MinerScore]) {
        var fresh: [String: [Gauge]] = [:]
        for m in miners {
            let labels = [("uid", String(m.uid)), ("hotkey", m.hotkey)]
            let gauges = [
                registry.makeGauge(name: "sn27_validator_miner_score", labels: labels),
                registry.makeGauge(name: "sn27_validator_miner_weight", labels: labels),
                registry.makeGauge(name: "sn27_validator_miner_difficulty", labels: labels),
            ]
            gauges[0].set(m.score)
            gauges[1].set(m.weight)
            gauges[2].set(Double(m.difficulty))
            fresh["\(m.uid)/\(m.hotkey)"] = gauges
        }
        let stale = minerGauges.withLock { current in
            defer { current = fresh }
            return current.filter { fresh[$0.key] == nil }.flatMap(\.value)
        }
        for gauge in stale { registry.unregisterGauge(gauge) }
    }

    /// The Prometheus text exposition.
    public func render() -> String { registry.emitToString() }
}
