import Foundation
import Testing
@testable import Galley

/// The seed page's stray and deliberate spaces, as its gold file lists them.
struct SpacingSeedTests {
    struct Gold: Decodable {
        let spurious_spaces: [String]
        let legit_spaces: [String]
    }

    static func gold() throws -> Gold {
        try JSONDecoder().decode(Gold.self, from: Data(contentsOf: Repository.url(Repository.seedGold)))
    }

    /// Every output text the gold compares: headlines, decks, leads, labels, paragraphs and byline
    /// names; a byline's printed `text` keeps the page's spacing and is left out.
    static func outputTexts() throws -> [String] {
        let page = try Page(source: Repository.seedPage, text: Repository.text(Repository.seedPage))
        let result = Shared.pipeline.run(page)
        var texts = result.labels.map(\.text)
        for article in result.articles {
            texts += article.labels + article.headlines + article.decks.map(\.text) + article.paragraphs.map(\.text)
            texts += article.bylines.flatMap(\.names)
            if let lead = article.lead { texts.append(lead) }
        }
        return texts
    }

    @Test func noStraySpaceSurvives() throws {
        let texts = try Self.outputTexts()
        let stray = try Self.gold().spurious_spaces
        #expect(stray.count >= 19)
        for space in stray {
            #expect(!texts.contains { $0.contains(space) }, "stray space left: \(space)")
        }
    }

    @Test func deliberateSpacesSurvive() throws {
        let texts = try Self.outputTexts()
        let deliberate = try Self.gold().legit_spaces
        #expect(deliberate.count == 4)
        for space in deliberate {
            #expect(texts.contains { $0.contains(space) }, "deliberate space lost: \(space)")
        }
    }

    /// Between two Han characters only the deliberate spaces and the bylines' are left.
    @Test func noOtherSpaceBetweenHanCharacters() throws {
        let texts = try Self.outputTexts()
        let han = try #require(CodePointSet(pattern: "[:Han:]"))
        let deliberate = try Self.gold().legit_spaces
        let phrases = deliberate.map { $0.filter { $0 != "《" && $0 != "》" } }
        for text in texts where !phrases.contains(where: { text.contains($0) }) {
            let scalars = Array(text.unicodeScalars)
            for index in scalars.indices.dropFirst().dropLast() where scalars[index] == " " || scalars[index] == "\u{3000}" {
                #expect(!(han.contains(scalars[index - 1].value) && han.contains(scalars[index + 1].value)), "\(text)")
            }
        }
    }

    @Test func thePageSpacingStageRecordsEveryRemovalWithItsRule() throws {
        let page = try Page(source: Repository.seedPage, text: Repository.text(Repository.seedPage))
        let document = Shared.pipeline.document(for: page, through: Spacing.id)
        let spacingRules = Set(Shared.pipeline.pack.files(for: Spacing.id).flatMap(\.rules).map(\.id))
        let edits = document.edits.filter { $0.stage == Spacing.id }
        #expect(edits.count >= 19)
        for edit in edits {
            #expect(edit.kind == .replace)
            #expect(edit.rule.split(separator: "+").allSatisfy { spacingRules.contains(String($0)) }, "\(edit.rule)")
            #expect(edit.before.allSatisfy { " \u{3000}\n".contains($0) } || edit.before.hasSuffix("-\n"), "\(edit.before)")
        }
    }
}
