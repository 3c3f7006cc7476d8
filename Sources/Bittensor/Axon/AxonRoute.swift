import NIOCore

/// The handlers attached for one synapse.
struct AxonRoute: Sendable {
    let name: String
    let gate: ForwardGate
    let serve: @Sendable (AxonRequest, SynapseHeaders, AxonEngine, ForwardGate) async -> AxonResponse

    init<S: Synapse>(
        _ type: S.Type,
        gate: ForwardGate,
        forward: @escaping @Sendable (S, AxonContext) async throws -> S,
        blacklist: (@Sendable (S, AxonContext) async -> AccessDecision)?,
        priority: (@Sendable (S, AxonContext) async -> Double)?
    ) {
        name = S.name
        self.gate = gate
        serve = { request, headers, engine, gate in
            await engine.serve(S.self, request: request, headers: headers, gate: gate,
                               forward: forward, blacklist: blacklist, priority: priority)
        }
    }
}
