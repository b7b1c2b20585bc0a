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
