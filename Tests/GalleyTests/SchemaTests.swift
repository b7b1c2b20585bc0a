import Foundation
import Testing
@testable import Galley

/// `galley`'s JSON and JSONL output checked against `schema/page.schema.json` by Python's
/// jsonschema (no Swift JSON Schema validator is available; `.ci/run` installs the module).
struct SchemaTests {
    struct Validation {
        let status: Int32
        let output: String
    }

    /// Runs `schema/validate.py` on `documents` (one JSON document per line).
    static func validate(_ documents: String, as kind: String) throws -> Validation {
        let input = FileManager.default.temporaryDirectory.appendingPathComponent("galley-schema-\(UUID().uuidString).jsonl")
        try documents.write(to: input, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: input) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", Repository.url("schema/validate.py").path, Repository.url("schema/page.schema.json").path, kind]
        process.standardInput = try FileHandle(forReadingFrom: input)
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return Validation(status: process.terminationStatus, output: output)
    }

    /// The seed page and every structure fixture, each rendered as page JSON (with edits) and JSONL.
    static func results() throws -> [PageResult] {
        try ([Repository.seedPage] + Repository.fixtures("structure", suffix: ".md")).map { path in
            Shared.pipeline.run(try Page(source: path, text: Repository.text(path)))
        }
    }

    static func checked(_ documents: String, as kind: String) throws -> Validation {
        let validation = try validate(documents, as: kind)
        try #require(validation.status != 3 && validation.status != 127,
                     "python3 with the jsonschema module is needed to check the schema (.ci/run installs it): \(validation.output)")
        return validation
    }

    @Test func pageJSONMatchesTheSchema() throws {
        let documents = try Self.results().map { Renderer.render($0, as: .json, includeEdits: true) }.joined()
        let validation = try Self.checked(documents, as: "page")
        #expect(validation.status == 0, "\(validation.output)")
    }

    @Test func jsonLinesMatchTheSchema() throws {
        let documents = try Self.results().map { Renderer.render($0, as: .jsonl) }.joined()
        let validation = try Self.checked(documents, as: "line")
        #expect(validation.status == 0, "\(validation.output)")
    }

    /// The schema is no rubber stamp: a paragraph role outside the contract is refused.
    @Test func schemaRefusesAnUnknownParagraphRole() throws {
        let page = try #require(try Self.results().first)
        let broken = Renderer.render(page, as: .json).replacingOccurrences(of: "\"role\":\"body\"", with: "\"role\":\"footer\"")
        let validation = try Self.checked(broken, as: "page")
        #expect(validation.status == 1)
        #expect(validation.output.contains("footer"))
    }
}
