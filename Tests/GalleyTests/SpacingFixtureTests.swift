import Testing
@testable import Galley

/// Cases under Fixtures/spacing: `NAME.txt` through the spacing stage must give the blocks of
/// `NAME.expected.txt` (blocks separated by a blank line).
struct SpacingFixtureTests {
    static let cases = Repository.fixtures("spacing", suffix: ".txt").filter { !$0.hasSuffix(".expected.txt") }

    static func spaced(_ path: String, explain: Bool = false) throws -> (page: Page, document: Document) {
        let page = try Page(source: path, text: Repository.text(path))
        return (page, Shared.pipeline.document(for: page, through: Spacing.id, explain: explain))
    }

    @Test(arguments: cases)
    func fixture(_ path: String) throws {
        let expected = try Repository.text(String(path.dropLast(".txt".count)) + ".expected.txt")
        let document = try Self.spaced(path).document
        let output = document.blocks.map(\.string).joined(separator: "\n\n") + "\n"
        #expect(output == expected, "\(path)")
    }

    @Test(arguments: cases)
    func editLogReplaysToTheSpacedText(_ path: String) throws {
        let (page, document) = try Self.spaced(path)
        for block in document.blocks {
            #expect(try EditReplay.apply(document.edits, to: page.raw, within: block.rawSpan) == block.string, "\(path) block \(block.index)")
        }
    }

    @Test(arguments: cases)
    func spacingAgainChangesNothing(_ path: String) throws {
        let once = try Self.spaced(path).document.blocks.map(\.string).joined(separator: "\n\n")
        let again = Shared.pipeline.document(for: try Page(source: "again", text: once), through: Spacing.id)
        #expect(again.edits.filter { $0.stage == Spacing.id }.isEmpty, "\(path)")
    }

    @Test func everyKeptSeparatorIsExplained() throws {
        let explanations = try Self.spaced("Fixtures/spacing/headlines.txt", explain: true).document.explanations
        for kept in ["初心如磐␣本色依旧", "联盟聚合合力␣引擎促发展", "荣任支部书记␣展现新作为", "“春风行动”␣暖人心", "新春␣新气象"] {
            #expect(explanations.contains { $0.contains(kept) && $0.contains("kept") }, "\(kept)")
        }
        #expect(explanations.contains { $0.contains("从严治党") && $0.contains("removed") })
    }

    @Test func bylineSpacesAreExplained() throws {
        let explanations = try Self.spaced("Fixtures/spacing/padded-names.txt", explain: true).document.explanations
        #expect(explanations.contains { $0.contains("王␣敏") && $0.contains("byline") })
    }

    @Test func nothingIsExplainedUnlessAsked() throws {
        #expect(try Self.spaced("Fixtures/spacing/headlines.txt").document.explanations.isEmpty)
    }

    @Test func wordJunctionFindsTermsAndDictionaryWords() throws {
        let junction = try WordJunction(pack: Shared.pipeline.pack)
        #expect(junction.word(spanning: "全面从", "严治党") == .term("从严治党"))
        #expect(junction.word(spanning: "北部城市核", "心发展") == .dictionary("核心"))
        #expect(junction.word(spanning: "初心如磐", "本色依旧") == nil)
        #expect(junction.word(spanning: "", "本色") == nil)
    }
}
