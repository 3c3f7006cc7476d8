import Testing

@Suite struct BittensorDevnetTestsPlaceholder {
    @Test func packageBuilds() { #expect(Bool(true)) }
}
