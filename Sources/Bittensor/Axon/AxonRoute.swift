import NIOCore

/// The handlers attached for one synapse, split at the point where the body is needed:
/// `admit` decides on the request head alone (blacklist, signature, nonce), `serve` does the rest.
struct AxonRoute: Sendable {
    let name: String
    let gate: ForwardGate
    let admit: @Sendable (SynapseHeaders, AxonContext, AxonEngine) async throws(AxonRejection) -> Void
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
        admit = { headers, context, engine throws(AxonRejection) in
            try await engine.admit(S.self, headers: headers, context: context, blacklist: blacklist)
        }
        serve = { request, headers, engine, gate in
            await engine.serve(S.self, request: request, headers: headers, gate: gate, forward: forward, priority: priority)
        }
    }
}
