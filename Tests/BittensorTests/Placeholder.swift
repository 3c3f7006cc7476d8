import Testing

@Suite struct BittensorTestsPlaceholder {
    @Test func packageBuilds() { #expect(Bool(true)) }
}
