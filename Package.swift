// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "compute-subnet",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "BLS12381", targets: ["BLS12381"]),
        .library(name: "Timelock", targets: ["Timelock"]),
        .library(name: "Bittensor", targets: ["Bittensor"]),
        .library(name: "BittensorDevnet", targets: ["BittensorDevnet"]),
        .library(name: "ComputeSubnet", targets: ["ComputeSubnet"]),
        .library(name: "ComputeSubnetBench", targets: ["ComputeSubnetBench"]),
        .library(name: "ComputeSubnetAPI", targets: ["ComputeSubnetAPI"]),
        .executable(name: "compute-subnet", targets: ["compute-subnet"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.80.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.30.0"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.5.0"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.25.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.6.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.1.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.0.0"),
        .package(url: "https://github.com/swiftlang/swift-subprocess", from: "1.0.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-openapi-generator", from: "1.14.3"),
        .package(url: "https://github.com/apple/swift-openapi-runtime", from: "1.13.4"),
        .package(url: "https://github.com/hummingbird-project/swift-openapi-hummingbird", from: "2.1.0"),
        // Already in the graph for the generator; the API uses it to serve openapi.yaml as JSON.
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    ],
    targets: [
        // libsodium: ristretto255, BLAKE2b, Argon2i, XSalsa20-Poly1305.
        .systemLibrary(
            name: "CSodium",
            pkgConfig: "libsodium",
            providers: [.apt(["libsodium-dev"]), .brew(["libsodium"])]
        ),
        // BLS12-381: fields, G1/G2 (ZCash encodings), optimal ate pairing, RFC 9380 hash-to-G1,
        // BLS signatures as drand quicknet makes them.
        .target(name: "BLS12381", dependencies: [.product(name: "Crypto", package: "swift-crypto")]),
        // drand timelock encryption (Boneh–Franklin IBE), byte for byte as bittensor-drand 2.0.0.
        .target(name: "Timelock", dependencies: ["BLS12381", .product(name: "Crypto", package: "swift-crypto")]),
        // Variable-time ristretto255 (RFC 9496) for sr25519 verification: a·A + b·B by wNAF,
        // public data only. Debug builds on x86_64 assemble its -O3 output (generate-ristretto-asm).
        .target(name: "CRistretto"),
        // A reusable Bittensor stack: keys, wallets, axon/dendrite, Subtensor client.
        .target(
            name: "Bittensor",
            dependencies: [
                "CSodium",
                "CRistretto",
                "Timelock",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOWebSocket", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        // An embedded chain for one machine: registration, axons, stake, weights, Yuma consensus.
        .target(
            name: "BittensorDevnet",
            dependencies: [
                "Bittensor",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        // The proof-of-work inner loop in C: AVX-512, AVX2 and portable kernels in one binary,
        // chosen at run time from the CPU (per-function target attributes, no unsafe flags).
        .target(name: "CPowKernel"),
        // Its Swift face, used by the native solver.
        .target(name: "PowKernel", dependencies: ["CPowKernel"]),
        // The SN27 domain: synapses, proof of work, hardware, allocation, scoring, storage, services.
        .target(
            name: "ComputeSubnet",
            dependencies: [
                "Bittensor",
                "PowKernel",
                "CSodium",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Subprocess", package: "swift-subprocess"),
            ]
        ),
        // The benchmark machinery behind `compute-subnet bench` and `benchmark`: load generators,
        // a miner fleet, a static chain, the Python anchors, process and CPU meters, reports.
        .target(
            name: "ComputeSubnetBench",
            dependencies: [
                "Bittensor",
                "ComputeSubnet",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // The renters' REST API and dashboard: openapi.yaml is the contract, the server stubs are
        // generated from it at build time, Hummingbird 2 serves them.
        .target(
            name: "ComputeSubnetAPI",
            dependencies: [
                "ComputeSubnet",
                "Bittensor",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "OpenAPIRuntime", package: "swift-openapi-runtime"),
                .product(name: "OpenAPIHummingbird", package: "swift-openapi-hummingbird"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            resources: [.copy("openapi.yaml")],
            plugins: [.plugin(name: "OpenAPIGenerator", package: "swift-openapi-generator")]
        ),
        .executableTarget(
            name: "compute-subnet",
            dependencies: [
                "Bittensor",
                "ComputeSubnetBench",
                "BittensorDevnet",
                "ComputeSubnet",
                "ComputeSubnetAPI",
                "Timelock",
                "BLS12381",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        // What the test targets share: the repository locator (fixtures, interop/, the interop
        // python), scratch folders and a process runner. Foundation only; no product uses it.
        .target(name: "ComputeSubnetTestSupport", path: "Tests/ComputeSubnetTestSupport"),
        .testTarget(
            name: "BittensorTests",
            dependencies: [
                "Bittensor",
                "CRistretto",
                "CSodium",
                "ComputeSubnetTestSupport",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOWebSocket", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ]
        ),
        .testTarget(name: "BLS12381Tests", dependencies: ["BLS12381", .product(name: "Crypto", package: "swift-crypto")]),
        // Python reference scripts (bittensor-drand, py-arkworks-bls12381) run by the interop cases.
        .testTarget(name: "TimelockTests", dependencies: ["Timelock", "BLS12381", "ComputeSubnetTestSupport"], exclude: ["interop"]),
        .testTarget(name: "BittensorDevnetTests", dependencies: ["BittensorDevnet", "Bittensor", "Timelock"]),
        .testTarget(
            name: "ComputeSubnetTests",
            dependencies: ["ComputeSubnet", "ComputeSubnetAPI", "ComputeSubnetBench", "Bittensor", "PowKernel", "ComputeSubnetTestSupport", "Timelock",
                           .product(name: "_CryptoExtras", package: "swift-crypto"),
                           .product(name: "Hummingbird", package: "hummingbird"),
                           .product(name: "HummingbirdTesting", package: "hummingbird"),
                           .product(name: "NIOCore", package: "swift-nio")]
        ),
        .testTarget(name: "InteropTests", dependencies: ["Bittensor", "ComputeSubnet", "ComputeSubnetTestSupport"]),
        .testTarget(
            name: "EndToEndTests",
            dependencies: [
                "Bittensor", "BittensorDevnet", "ComputeSubnet", "ComputeSubnetAPI", "ComputeSubnetTestSupport",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
