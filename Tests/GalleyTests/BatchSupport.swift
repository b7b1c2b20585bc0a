import Foundation
import Testing
@testable import Galley

/// A temporary folder holding a copy of `Fixtures/batch`, removed when the test is done.
final class BatchScratch {
    let root: URL

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("galley-batch-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: Repository.url("Fixtures/batch/pages"), to: url("pages"))
        try FileManager.default.copyItem(at: Repository.url("Fixtures/batch/records.jsonl"), to: url("records.jsonl"))
    }

    deinit { try? FileManager.default.removeItem(at: root) }

    func url(_ relative: String) -> URL { root.appendingPathComponent(relative) }
    func path(_ relative: String) -> String { url(relative).path }

    func write(_ bytes: [UInt8], to relative: String) throws {
        try FileManager.default.createDirectory(at: url(relative).deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: url(relative))
    }

    func text(_ relative: String) throws -> String {
        try String(contentsOf: url(relative), encoding: .utf8)
    }

    /// Every file below `relative`, hidden ones included, as paths relative to it, sorted.
    func files(under relative: String) -> [String] {
        let base = url(relative).path
        let names = (try? FileManager.default.subpathsOfDirectory(atPath: base)) ?? []
        return names.filter { name in
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(atPath: base + "/" + name, isDirectory: &isDirectory) && !isDirectory.boolValue
        }.sorted()
    }

    func batch(_ arguments: [String], format: BatchFormat = .markdown, index: String = "galley", jobs: Int = 2,
               resume: Bool = false) -> Batch {
        let options = BatchOptions(outputDirectory: path("out"), format: format, index: index, jobs: jobs, resume: resume)
        return Batch(arguments: arguments, options: options, pipeline: Shared.pipeline)
    }

    /// The lines of a JSONL file, each parsed as a JSON object.
    func jsonObjects(_ relative: String) throws -> [[String: Any]] {
        try text(relative).split(separator: "\n").map { line in
            try #require(JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any], "\(relative): \(line)")
        }
    }

    static let pageFiles = ["pages/1998/0113-p4.txt", "pages/1998/0114-p2.md", "pages/front.txt"]
}
