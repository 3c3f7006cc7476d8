import Testing

@Suite struct InteropTestsPlaceholder {
    @Test func packageBuilds() { #expect(Bool(true)) }
}
