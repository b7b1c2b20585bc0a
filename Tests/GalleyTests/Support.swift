import Foundation
@testable import Galley

/// Paths inside the repository, found from this file so tests run from any directory.
enum Repository {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func url(_ relative: String) -> URL { root.appendingPathComponent(relative) }

    static func text(_ relative: String) throws -> String {
        try String(contentsOf: url(relative), encoding: .utf8)
    }

    /// Files under a Fixtures/ folder with the given suffix, as paths relative to the repository.
    static func fixtures(_ folder: String, suffix: String) -> [String] {
        let directory = url("Fixtures/\(folder)")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.filter { $0.hasSuffix(suffix) }.sorted().map { "Fixtures/\(folder)/\($0)" }
    }

    static let seedPage = "seeds/000_f9a4c3c1b52d9922.txt"
    static let seedGold = "seeds/000_f9a4c3c1b52d9922.gold.json"
}

enum Shared {
    /// One pipeline for the whole test run: compiling the pack is not what the tests measure.
    static let pipeline: Pipeline = {
        do { return try Pipeline(pack: RulePack.builtIn()) } catch { fatalError("built-in rule pack: \(error)") }
    }()
}
