/// Why a program did not run to an end of its own.
public enum ProgramError: Error, Sendable, CustomStringConvertible {
    /// No such program in `PATH` (or at that path).
    case notFound(executable: String)
    /// It could not be started; `cause` is the system's reason.
    case cannotStart(executable: String, cause: any Error)
    /// The calling task was cancelled; the program was stopped.
    case cancelled(program: String)

    public var description: String {
        switch self {
        case let .notFound(executable):
            "'\(executable)' was not found: install it, or give its full path"
        case let .cannotStart(executable, cause):
            "'\(executable)' could not be started (\(cause)): check that it is executable and its working directory exists"
        case let .cancelled(program):
            "'\(program)' was stopped because its task was cancelled"
        }
    }
}
