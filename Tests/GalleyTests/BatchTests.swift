import Foundation
import Testing
@testable import Galley

/// `galley batch` through the library: outputs mirror the input tree, failures are listed and do
/// not stop the batch, interrupted runs resume, JSONL and es-bulk outputs read back.
struct BatchTests {
    @Test func directoryWithBadPages() throws {
        let scratch = try BatchScratch()
        try scratch.write(Array("党中央".utf8) + [0xFF, 0x41], to: "pages/1998/0115-p1.txt")
        try scratch.write([], to: "pages/empty.md")
        let summary = try scratch.batch([scratch.path("pages")]).run()

        #expect(scratch.files(under: "out") == ["1998/0113-p4.md", "1998/0114-p2.md", "failures.jsonl", "front.md"])
        for page in BatchScratch.pageFiles {
            let source = scratch.path(page)
            let expected = Renderer.markdown(Shared.pipeline.run(try PageReader.read(path: source)))
            let output = page.replacingOccurrences(of: "pages/", with: "out/")
                .replacingOccurrences(of: ".txt", with: ".md")
            #expect(try scratch.text(output) == expected, "\(page)")
        }

        let failures = try scratch.jsonObjects("out/failures.jsonl").map { "\($0["source"] ?? ""): \($0["error"] ?? "")" }
        #expect(failures.sorted() == ["\(scratch.path("pages/1998/0115-p1.txt")): invalid UTF-8 at byte 9", "\(scratch.path("pages/empty.md")): empty file"])
        #expect(summary.repaired == 3 && summary.failed == 2 && summary.progress.pages == 5)
        #expect(summary.otherFiles == 1)
        #expect(summary.report.contains("\(scratch.path("pages/empty.md")): empty file"))
    }

    @Test func interruptedRunResumed() throws {
        let scratch = try BatchScratch()
        let seed = try Repository.text("Fixtures/batch/pages/front.txt")
        let names = (1...12).map { "many/p\($0).txt" }
        for name in names { try scratch.write(Array(seed.utf8), to: name) }
        let expected = names.map { $0.replacingOccurrences(of: "many/", with: "").replacingOccurrences(of: ".txt", with: ".md") }

        let first = scratch.batch([scratch.path("many")], jobs: 1)
        let interrupted = try first.run(every: 0) { _ in first.cancel() }
        #expect(interrupted.interrupted && interrupted.repaired == 1)
        #expect(scratch.files(under: "out") == ["failures.jsonl", "p1.md"], "no partial file is left behind")
        let kept = try FileManager.default.attributesOfItem(atPath: scratch.path("out/p1.md"))[.modificationDate] as? Date

        let resumed = try scratch.batch([scratch.path("many")], resume: true).run()
        #expect(!resumed.interrupted && resumed.progress.upToDate == 1 && resumed.repaired == 11 && resumed.failed == 0)
        #expect(scratch.files(under: "out") == (expected + ["failures.jsonl"]).sorted())
        #expect(try FileManager.default.attributesOfItem(atPath: scratch.path("out/p1.md"))[.modificationDate] as? Date == kept)

        // An input changed after its output was written is repaired again.
        try FileManager.default.setAttributes([.modificationDate: Date().addingTimeInterval(60)], ofItemAtPath: scratch.path("many/p7.txt"))
        let again = try scratch.batch([scratch.path("many")], resume: true).run()
        #expect(again.repaired == 1 && again.progress.upToDate == 11)
    }

    @Test func jsonlInAndOut() throws {
        let scratch = try BatchScratch()
        // Enough records of different sizes that parallel workers finish them out of order.
        let texts = BatchScratch.pageFiles.map { try? scratch.text($0) }.compactMap { $0 }
        var lines: [String] = []
        var ids: [String] = []
        for number in 0..<40 {
            let text = String(repeating: texts[number % texts.count] + "\n", count: 1 + number % 7)
            let id = "r\(number)"
            ids.append(id)
            lines.append(String(decoding: JSONWriterRecord.line(id: id, text: text), as: UTF8.self))
            if number == 17 { lines.append("{\"id\": \"broken\", \"text\": ") }
        }
        try scratch.write(Array((lines.joined(separator: "\n") + "\n").utf8), to: "big.jsonl")

        let summary = try scratch.batch([scratch.path("big.jsonl"), scratch.path("records.jsonl")], format: .jsonl, jobs: 3).run()
        #expect(summary.repaired == 43 && summary.failed == 3)

        let articles = try scratch.jsonObjects("out/big.jsonl")
        var sources: [String] = []
        for article in articles where sources.last != article["source"] as? String {
            sources.append(try #require(article["source"] as? String))
        }
        #expect(sources == ids, "one page per record, in input order")
        for article in articles {
            #expect(Set(article.keys) == ["id", "source", "page", "index", "headlines", "lead", "text", "paragraphs", "bylines", "labels", "flags"])
        }

        var expected = ""
        for line in try String(contentsOf: scratch.url("records.jsonl"), encoding: .utf8).split(separator: "\n") {
            let record = RecordLine(number: 0, bytes: Array(line.utf8), consumed: 0, isOverLimit: false)
            if let page = try? PageRecord.page(from: record, maxBytes: Page.defaultMaxBytes) {
                expected += Renderer.jsonLines(Shared.pipeline.run(page))
            }
        }
        #expect(try scratch.text("out/records.jsonl") == expected)

        let failures = try scratch.jsonObjects("out/failures.jsonl").map { failure in
            "\(URL(fileURLWithPath: failure["source"] as? String ?? "").lastPathComponent):\(failure["line"] ?? ""): "
                + "\(failure["id"] as? String ?? "-"): \(failure["error"] ?? "")"
        }
        #expect(failures.sorted() == [
            "big.jsonl:19: -: not valid JSON",
            "records.jsonl:3: -: not valid JSON",
            "records.jsonl:4: 1999-03-02-p4: page holds no text, only white space",
        ])
    }

    @Test func esBulkReadBackLineByLine() throws {
        let scratch = try BatchScratch()
        let summary = try scratch.batch([scratch.path("pages"), scratch.path("records.jsonl")], format: .esBulk, index: "newspapers").run()
        #expect(summary.repaired == 6)

        var ids: [String] = []
        for output in ["out/1998/0113-p4.ndjson", "out/1998/0114-p2.ndjson", "out/front.ndjson", "out/records.ndjson"] {
            let text = try scratch.text(output)
            #expect(text.hasSuffix("\n"), "\(output) ends with a newline")
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
            #expect(lines.count % 2 == 0 && !lines.isEmpty)
            for pair in stride(from: 0, to: lines.count, by: 2) {
                let action = try #require(JSONSerialization.jsonObject(with: Data(lines[pair].utf8)) as? [String: Any])
                let index = try #require(action["index"] as? [String: Any], "\(output):\(pair + 1) is an index action")
                #expect(action.count == 1 && index["_index"] as? String == "newspapers")
                ids.append(try #require(index["_id"] as? String))
                let article = try #require(JSONSerialization.jsonObject(with: Data(lines[pair + 1].utf8)) as? [String: Any])
                #expect(article["text"] is String && article["source"] is String, "\(output):\(pair + 2) is an article")
            }
        }
        #expect(Set(ids).count == ids.count, "document ids are unique")
        #expect(ids.contains("1998/0113-p4#1") && ids.contains("1999-03-02-p5#1"))
    }

    @Test func outputsReplaceAtomically() throws {
        let scratch = try BatchScratch()
        let path = scratch.path("out/deep/folder/page.md")
        try AtomicFileWriter.write(Array("old\n".utf8), to: path)
        let writer = try AtomicFileWriter(path: path)
        try writer.append("new, half written")
        #expect(try scratch.text("out/deep/folder/page.md") == "old\n", "the old file stays until the new one is complete")
        writer.discard()
        #expect(scratch.files(under: "out") == ["deep/folder/page.md"])
        try AtomicFileWriter.write(Array("new\n".utf8), to: path)
        #expect(try scratch.text("out/deep/folder/page.md") == "new\n")
        #expect(scratch.files(under: "out") == ["deep/folder/page.md"])
    }

    @Test func progressAndSummaryFigures() {
        var progress = BatchProgress()
        progress.pages = 312
        progress.bytesTotal = 10_200_000
        progress.bytesDone = 5_100_000
        progress.seconds = 2
        #expect(progress.line == "312 pages, 5.1/10.2 MB, 2.6 MB/s, 0:02 left")
        #expect(progress.bar(width: 10) == "[=====>    ] 312 pages · 5.1/10.2 MB · 2.6 MB/s · 0:02 left")
        #expect(BatchProgress.clock(3725) == "1:02:05")

        progress.failed = 1
        let summary = BatchSummary(progress: progress, repaired: 311, firstFailures: [BatchFailure(source: "a.txt", problem: "empty file")],
                                   otherFiles: 0, interrupted: true, failuresPath: "out/failures.jsonl", jobs: 2)
        #expect(summary.report == """
            311 pages repaired, 1 failed; 5.1 MB in 2.0 s (2.6 MB/s, 2 jobs)
            failed:
              a.txt: empty file
            all failures with their reasons: out/failures.jsonl
            interrupted: run the same command with --resume to finish

            """)
    }
}

/// Writes page records for tests with the project's own JSON writer.
enum JSONWriterRecord {
    static func line(id: String, text: String) -> [UInt8] {
        var json = JSONWriter()
        json.beginObject()
        json.field("id", id)
        json.field("text", text)
        json.endObject()
        return json.bytes
    }
}
