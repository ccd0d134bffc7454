// swift-tools-version:6.1
import PackageDescription

import class Foundation.ProcessInfo

/// Every target is built the same way: Swift 6 language mode plus the upcoming features that keep
/// module boundaries honest (explicit `any`, explicit imports for what a file uses).
let strictSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "ReportDesk",
    products: [
        .executable(name: "reportdesk", targets: ["reportdesk"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
        .package(url: "https://github.com/apple/swift-crypto", exact: "3.12.3"),
    ],
    targets: [
        .systemLibrary(
            name: "CLibEdit",
            pkgConfig: "libedit",
            providers: [.apt(["libedit-dev"])]
        ),
        .target(
            name: "ReportDeskCore",
            swiftSettings: strictSettings
        ),
        .target(
            name: "ReportDeskStore",
            dependencies: [
                "ReportDeskCore",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: strictSettings
        ),
        .target(
            name: "ReportDeskFormats",
            dependencies: ["ReportDeskCore"],
            swiftSettings: strictSettings
        ),
        .target(
            name: "ReportDeskInterpreter",
            dependencies: ["ReportDeskCore"],
            swiftSettings: strictSettings
        ),
        .target(
            name: "ReportDeskCommands",
            dependencies: ["ReportDeskCore", "ReportDeskStore", "ReportDeskFormats", "ReportDeskInterpreter"],
            swiftSettings: strictSettings
        ),
        .target(
            name: "ReportDeskRPC",
            dependencies: ["ReportDeskCore", "ReportDeskInterpreter", "ReportDeskCommands"],
            swiftSettings: strictSettings
        ),
        .target(
            name: "ReportDeskREPL",
            dependencies: ["ReportDeskCore", "ReportDeskInterpreter", "ReportDeskCommands", "CLibEdit"],
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "reportdesk",
            dependencies: [
                "ReportDeskCore", "ReportDeskInterpreter", "ReportDeskCommands",
                "ReportDeskRPC", "ReportDeskREPL",
            ],
            swiftSettings: strictSettings,
            // The Swift driver exports every symbol of an executable for in-process symbolication;
            // nothing loads into reportdesk, and its thousands of exported symbols would sit in front of
            // every symbol lookup the dynamic loader makes, slowing every process start.
            linkerSettings: [.unsafeFlags(["-Xlinker", "--no-export-dynamic"])]
        ),
        .target(
            name: "ReportDeskTesting",
            dependencies: ["ReportDeskCore", "ReportDeskStore", "ReportDeskInterpreter", "ReportDeskCommands"],
            path: "Tests/ReportDeskTesting",
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "ReportDeskCoreTests",
            dependencies: ["ReportDeskCore"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "ReportDeskFormatsTests",
            dependencies: ["ReportDeskCore", "ReportDeskFormats", "ReportDeskTesting"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "ReportDeskStoreTests",
            dependencies: ["ReportDeskCore", "ReportDeskStore", "ReportDeskFormats", "ReportDeskCommands", "ReportDeskTesting",
                           .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "ReportDeskInterpreterTests",
            dependencies: ["ReportDeskCore", "ReportDeskInterpreter", "ReportDeskCommands", "ReportDeskTesting"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "ReportDeskCommandsTests",
            dependencies: ["ReportDeskCore", "ReportDeskInterpreter", "ReportDeskCommands", "ReportDeskTesting"],
            exclude: ["Golden"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "ReportDeskREPLTests",
            dependencies: ["ReportDeskCore", "ReportDeskREPL", "ReportDeskInterpreter", "ReportDeskCommands", "ReportDeskTesting"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "ReportDeskRPCTests",
            dependencies: ["ReportDeskCore", "ReportDeskRPC", "ReportDeskInterpreter", "ReportDeskCommands", "ReportDeskTesting"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "EndToEndTests",
            dependencies: ["reportdesk", "ReportDeskCore", "ReportDeskTesting"],
            swiftSettings: strictSettings
        ),
    ]
)

// In-process benchmarks of the hot paths (Scripts/microbench). The package-benchmark dependency and
// its target exist only when REPORTDESK_BENCHMARKS is set, so ordinary builds and CI never fetch or
// compile them.
if ProcessInfo.processInfo.environment["REPORTDESK_BENCHMARKS"] != nil {
    package.dependencies.append(
        .package(url: "https://github.com/ordo-one/benchmark", exact: "1.38.1", traits: ["MallocInterposer"]))
    package.targets.append(
        .executableTarget(
            name: "HotPaths",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                "ReportDeskCore", "ReportDeskStore", "ReportDeskInterpreter", "ReportDeskCommands", "ReportDeskRPC",
            ],
            path: "Tests/Benchmarks/HotPaths",
            swiftSettings: strictSettings,
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ))
}
