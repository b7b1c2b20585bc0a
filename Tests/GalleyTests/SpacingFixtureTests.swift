import Foundation
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

/// A broken spacing rule file or term list is refused with its file, line and problem.
struct SpacingRuleFileTests {
    /// The built-in pack with one file's contents replaced.
    static func pack(replacing name: String, with contents: String) throws -> RulePack {
        try RulePack(name: "zh-Hans", files: EmbeddedRulePack.files
            .filter { $0.path.hasPrefix("zh-Hans/") }
            .map { (path: "Rules/" + $0.path, contents: $0.path == "zh-Hans/\(name)" ? contents : $0.contents) })
    }

    static func refusal(replacing name: String, with contents: String) throws -> RuleFileError? {
        do {
            _ = try Pipeline(pack: pack(replacing: name, with: contents))
            return nil
        } catch let error as RuleFileError {
            return error
        }
    }

    @Test func aOneCharacterTermIsRefused() throws {
        let error = try #require(try Self.refusal(replacing: "terms.yaml", with: "stage: spacing\ndescription: x\nterms:\n  - 党中央\n  - 党\n"))
        #expect(error.file.hasSuffix("terms.yaml"))
        #expect(error.line == 5)
        #expect(error.problem.contains("two characters or more"), "\(error)")
    }

    @Test func anUnknownKindIsRefused() throws {
        let spacing = try Repository.text("Rules/zh-Hans/spacing.yaml").replacingOccurrences(of: "kind: word-spaced", with: "kind: word-spacing")
        let error = try #require(try Self.refusal(replacing: "spacing.yaml", with: spacing))
        #expect(error.file.hasSuffix("spacing.yaml"))
        #expect(error.problem.contains("unknown spacing rule kind 'word-spacing'"), "\(error)")
    }

    @Test func aMissingKindIsRefused() throws {
        let spacing = try Repository.text("Rules/zh-Hans/spacing.yaml")
        let start = try #require(spacing.range(of: "  - id: word-spaced"))
        let end = try #require(spacing.range(of: "  - id: phrase-separator"))
        let error = try #require(try Self.refusal(replacing: "spacing.yaml", with: spacing.replacingCharacters(in: start.lowerBound..<end.lowerBound, with: "")))
        #expect(error.file.hasSuffix("spacing.yaml"))
        #expect(error.problem.contains("needs a rule of kind 'word-spaced'"), "\(error)")
    }
}
