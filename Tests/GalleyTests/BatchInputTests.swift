import Foundation
import Testing
@testable import Galley

/// Which files a batch's arguments name, and where their outputs go.
struct BatchInputTests {
    @Test func foldersMirrorTheirTree() throws {
        let scratch = try BatchScratch()
        let found = BatchDiscovery(arguments: [scratch.path("pages"), scratch.path("records.jsonl")],
                                   outputDirectory: scratch.path("out"), format: .json)
        #expect(found.inputs.map(\.key) == ["1998/0113-p4", "1998/0114-p2", "front", "records"])
        #expect(found.inputs.map(\.kind) == [.page, .page, .page, .records])
        #expect(found.inputs.first?.outputPath == scratch.path("out/1998/0113-p4.json"))
        #expect(found.inputs.first?.path == scratch.path("pages/1998/0113-p4.txt"))
        #expect(found.otherFiles == 1 && found.failures.isEmpty)
    }

    @Test func globsTheShellLeftAlone() throws {
        let scratch = try BatchScratch()
        let found = BatchDiscovery(arguments: [scratch.path("pag*/1998/*.txt"), scratch.path("pages/*.md")],
                                   outputDirectory: scratch.path("out"), format: .text)
        #expect(found.inputs.map(\.key) == ["pages/1998/0113-p4"], "placed below the part of the pattern without wildcards")
        #expect(found.failures == [BatchFailure(source: scratch.path("pages/*.md"), problem: "no file matches this pattern")])
    }

    @Test func outputFolderInsideAnInputIsNotRead() throws {
        let scratch = try BatchScratch()
        try scratch.write(Array("旧的输出".utf8), to: "pages/out/front.md")
        try scratch.write(Array("隐藏".utf8), to: "pages/.cache/page.txt")
        let found = BatchDiscovery(arguments: [scratch.path("pages")], outputDirectory: scratch.path("pages/out"), format: .markdown)
        #expect(found.inputs.map(\.key) == ["1998/0113-p4", "1998/0114-p2", "front"])
    }

    @Test func clashesAndMissingInputsAreFailures() throws {
        let scratch = try BatchScratch()
        try scratch.write(Array("同名".utf8), to: "pages/front.md")
        try scratch.write(Array("失败列表".utf8), to: "pages/failures.txt")
        let found = BatchDiscovery(arguments: [scratch.path("pages"), scratch.path("missing.txt"), scratch.path("pages/front.txt")],
                                   outputDirectory: scratch.path("out"), format: .jsonl)
        #expect(found.inputs.map(\.key) == ["1998/0113-p4", "1998/0114-p2", "front"], "a file named twice is read once")
        #expect(found.failures.map(\.description) == [
            "\(scratch.path("pages/failures.txt")): has the same output as the batch's list of failures (\(scratch.path("out/failures.jsonl"))); rename one or run them in separate batches",
            "\(scratch.path("pages/front.txt")): has the same output as \(scratch.path("pages/front.md")) (\(scratch.path("out/front.jsonl"))); rename one or run them in separate batches",
            "\(scratch.path("missing.txt")): no such file or folder",
        ])
    }

    @Test func anOutputNeverOverwritesItsInput() throws {
        let scratch = try BatchScratch()
        let found = BatchDiscovery(arguments: [scratch.path("pages/front.txt")], outputDirectory: scratch.path("pages"), format: .text)
        #expect(found.inputs.isEmpty)
        #expect(found.failures.map(\.problem) == ["its output would overwrite it; choose another --out folder"])
    }
}
