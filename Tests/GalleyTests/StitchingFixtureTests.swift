import Testing
@testable import Galley

/// Pages under Fixtures/stitching: `NAME.md` stitched must give the blocks of `NAME.expected.md`
/// in order (blank-line separated; a block's flags in brackets before its text).
struct StitchingFixtureTests {
    static let pages = Repository.fixtures("stitching", suffix: ".md").filter { !$0.hasSuffix(".expected.md") }

    @Test(arguments: pages)
    func fixture(_ path: String) throws {
        let expected = try Repository.text(String(path.dropLast(".md".count)) + ".expected.md")
        let page = try Page(source: path, text: Repository.text(path))
        let document = Shared.pipeline.document(for: page, through: Stitching.id)
        let output = document.blocks.map { block in
            (block.flags.isEmpty ? "" : "[\(block.flags.joined(separator: " "))] ") + block.string
        }.joined(separator: "\n\n") + "\n"
        #expect(output == expected, "\(path)")
    }

    /// Every stitched block still points back at raw text that replays to it.
    @Test(arguments: pages)
    func joinedBlocksReplay(_ path: String) throws {
        let page = try Page(source: path, text: Repository.text(path))
        let document = Shared.pipeline.document(for: page, through: Stitching.id)
        for block in document.blocks {
            let replayed = try block.sources.map { try EditReplay.apply(document.edits, to: page.raw, within: $0) }.joined()
            #expect(replayed == block.string, "block \(block.index) of \(path)")
        }
    }
}

extension StitchingFixtureTests {
    /// A page whose articles no column interrupts: nothing may be joined or moved.
    @Test func nothingJoinedWithoutAnInterleave() throws {
        let path = "Fixtures/stitching/no-interleave.md"
        let document = Shared.pipeline.document(for: try Page(source: path, text: Repository.text(path)), through: Stitching.id)
        #expect(!document.edits.contains { $0.kind == .join || $0.kind == .move })
    }

    /// The seed page: both halves of the cut word, and the two interleaved articles, come back.
    @Test func seedPageJoins() throws {
        let page = try Page(source: Repository.seedPage, text: Repository.text(Repository.seedPage))
        let document = Shared.pipeline.document(for: page, through: Stitching.id)
        let joined = document.edits.filter { $0.kind == .join }.map { join in
            join.spans.map { span in document.rawBlockSpans.firstIndex { $0.lowerBound <= span.lowerBound && span.upperBound <= $0.upperBound } ?? -1 }
        }
        // The gold's `joins`: blocks 32+33 (引导优|质资本), 35+43 (实现|“村村抱团”), 42+48 (如何在这样|一个).
        #expect(joined == [[32, 33], [35, 43], [42, 48]])
        #expect(document.edits.filter { $0.kind == .move }.count == 2)
    }
}
