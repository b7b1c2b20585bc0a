import Foundation
import Testing
@testable import Galley

/// `galley repair --input jsonl`: records in, output out as it goes; a bad record becomes an
/// error line and the stream goes on.
struct BatchStreamTests {
    @Test func badRecordsInTheMiddle() throws {
        let scratch = try BatchScratch()
        var stream = RecordStream(pipeline: Shared.pipeline, format: .jsonl)
        var chunks: [String] = []
        var messages: [String] = []
        stream.repair(path: scratch.path("records.jsonl"), output: { chunks.append($0) }, messages: { messages.append($0) })

        #expect(stream.repaired == 3 && stream.failed == 2)
        #expect(chunks.count == 5, "one write per record, as it is repaired")
        let lines = chunks.joined().split(separator: "\n").map { line in
            (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any] ?? [:]
        }
        let kinds = lines.map { line in
            line["error"] != nil ? "error \(line["line"] ?? "")" : "article \(line["source"] ?? "")"
        }
        #expect(kinds == ["article 1999-03-02-p1", "article 1999-03-02-p2", "error 3", "error 4", "article 1999-03-02-p5"])
        #expect(lines[3]["id"] as? String == "1999-03-02-p4" && lines[3]["error"] as? String == "page holds no text, only white space")
        #expect(messages == [
            "\(scratch.path("records.jsonl")):3: not valid JSON",
            "\(scratch.path("records.jsonl")):4: record \"1999-03-02-p4\": page holds no text, only white space",
        ])
    }

    @Test func markdownStreamHasNoErrorLines() throws {
        let scratch = try BatchScratch()
        var stream = RecordStream(pipeline: Shared.pipeline, format: .markdown)
        var output = ""
        var messages: [String] = []
        stream.repair(path: scratch.path("records.jsonl"), output: { output += $0 }, messages: { messages.append($0) })
        #expect(stream.failed == 2 && messages.count == 2)
        #expect(!output.contains("\"error\""))
        #expect(output.contains("东湖大桥完成检修") && output.contains("春耕备耕有序推进"))
    }

    @Test func missingFileIsOneFailure() {
        var stream = RecordStream(pipeline: Shared.pipeline, format: .json)
        var output = ""
        stream.repair(path: "/nonexistent/records.jsonl", output: { output += $0 }, messages: { _ in })
        #expect(stream.failed == 1 && stream.repaired == 0)
        #expect(output == "{\"id\":null,\"error\":\"no such file\",\"source\":\"/nonexistent/records.jsonl\",\"line\":null}\n")
    }

    struct ReaderCase: CustomStringConvertible, Sendable {
        let name: String
        let input: String
        let lineLimit: Int
        /// Line number and content of each line read; `nil` content for an over-limit line.
        let lines: [(Int, String?)]
        var description: String { name }
    }

    static let readerCases: [ReaderCase] = [
        ReaderCase(name: "blank lines skipped", input: "a\n\n  \nb\n", lineLimit: 100, lines: [(1, "a"), (4, "b")]),
        ReaderCase(name: "no final newline", input: "a\nb", lineLimit: 100, lines: [(1, "a"), (2, "b")]),
        ReaderCase(name: "CRLF kept for the JSON parser", input: "a\r\nb\r\n", lineLimit: 100, lines: [(1, "a\r"), (2, "b\r")]),
        ReaderCase(name: "over the limit", input: "short\n" + String(repeating: "x", count: 300_000) + "\nafter\n",
                   lineLimit: 1000, lines: [(1, "short"), (2, nil), (3, "after")]),
        ReaderCase(name: "over the limit at the end", input: "a\n" + String(repeating: "x", count: 70_000),
                   lineLimit: 1000, lines: [(1, "a"), (2, nil)]),
        ReaderCase(name: "multi-byte line across reads", input: String(repeating: "党", count: 40_000) + "\n",
                   lineLimit: 1 << 20, lines: [(1, String(repeating: "党", count: 40_000))]),
    ]

    @Test(arguments: readerCases)
    func readsLines(_ input: ReaderCase) throws {
        let scratch = try BatchScratch()
        try scratch.write(Array(input.input.utf8), to: "lines.jsonl")
        let reader = try RecordLineReader(path: scratch.path("lines.jsonl"), lineLimit: input.lineLimit)
        var lines: [(Int, String?)] = []
        var consumed = 0
        while let line = try reader.next() {
            lines.append((line.number, line.isOverLimit ? nil : String(decoding: line.bytes, as: UTF8.self)))
            consumed += line.consumed
        }
        #expect(lines.map(\.0) == input.lines.map(\.0))
        #expect(lines.map(\.1) == input.lines.map(\.1))
        #expect(consumed <= input.input.utf8.count)
    }

    /// The command itself, as a distributed engine runs it: records on standard input.
    @Test(.enabled(if: BatchStreamTests.galley != nil))
    func commandStreamsStandardInput() throws {
        let scratch = try BatchScratch()
        let process = Process()
        process.executableURL = Self.galley
        process.arguments = ["repair", "--input", "jsonl", "--format", "jsonl", "-"]
        process.standardInput = try FileHandle(forReadingFrom: scratch.url("records.jsonl"))
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let printed = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let messages = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()

        #expect(process.terminationStatus == 1)
        #expect(printed.split(separator: "\n").count == 5)
        #expect(printed.contains("{\"id\":null,\"error\":\"not valid JSON\",\"source\":\"stdin\",\"line\":3}\n"))
        #expect(messages == """
            stdin:3: not valid JSON
            stdin:4: record "1999-03-02-p4": page holds no text, only white space
            galley: 2 of 5 records failed (listed above)

            """)
    }

    /// The `galley` executable built beside the test bundle, if it is there.
    static let galley: URL? = {
        let folder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        let candidates = [folder, folder.deletingLastPathComponent()].map { $0.appendingPathComponent("galley") }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }()
}
