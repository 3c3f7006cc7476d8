import ServiceLifecycle

/// Owns a dendrite's connection pool inside a `ServiceGroup`: runs until graceful shutdown,
/// then closes the pool. Put it first in the group: services stop in reverse order, so every
/// service that sends through the dendrite has stopped before its pool closes.
public struct DendriteService: Service {
    public let dendrite: Dendrite

    public init(dendrite: Dendrite) { self.dendrite = dendrite }

    public func run() async throws {
        // Cancellation and graceful shutdown both end the wait; the pool closes either way.
        try? await gracefulShutdown()
        try await dendrite.shutdown()
    }
}
