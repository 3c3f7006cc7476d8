import Testing

@Suite struct ComputeSubnetTestsPlaceholder {
    @Test func packageBuilds() { #expect(Bool(true)) }
}
