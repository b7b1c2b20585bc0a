// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Galley",
    products: [
        .executable(name: "galley", targets: ["GalleyCLI"]),
        .library(name: "Galley", targets: ["Galley"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    ],
    targets: [
        // The system's ICU, reached only from C: its headers must stay out of every Swift module
        // (Foundation carries a private ICU whose types clash with them).
        .target(
            name: "CICU",
            linkerSettings: [.linkedLibrary("icui18n"), .linkedLibrary("icuuc"), .linkedLibrary("icudata")]
        ),
        // Turns the default rule pack under Rules/ into a Swift source file compiled into Galley.
        .executableTarget(name: "RuleEmbedder"),
        .plugin(name: "EmbedRulePack", capability: .buildTool(), dependencies: ["RuleEmbedder"]),
        .target(
            name: "Galley",
            dependencies: ["CICU", .product(name: "Yams", package: "Yams")],
            plugins: ["EmbedRulePack"]
        ),
        .executableTarget(
            name: "GalleyCLI",
            dependencies: ["Galley", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        .testTarget(name: "GalleyTests", dependencies: ["Galley"]),
    ]
)
