/// The underlying error a `ChainError` keeps (a decoder's, a socket's), so the error stays
/// `Equatable` while the cause travels with it: two causes are equal when they are of the same
/// type and say the same.
public struct ErrorCause: Error, Sendable, Equatable, CustomStringConvertible {
    public let error: any Error

    public init(_ error: any Error) { self.error = error }

    public var description: String { "\(error)" }

    public static func == (lhs: ErrorCause, rhs: ErrorCause) -> Bool {
        type(of: lhs.error) == type(of: rhs.error) && lhs.description == rhs.description
    }
}
