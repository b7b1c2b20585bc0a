import Foundation
import Testing
@testable import Galley

/// `galley simulate`: determinism, and gold files that say what the page holds.
struct EvaluationSimulatorTests {
    @Test func sameSeedSamePages() throws {
        let first = try EvaluationFixtures.simulatedPages(seed: 11, count: 3)
        let second = try EvaluationFixtures.simulatedPages(seed: 11, count: 3)
        #expect(first.map(\.text) == second.map(\.text))
        #expect(first.map { $0.gold.json() } == second.map { $0.gold.json() })
        let other = try EvaluationFixtures.simulatedPages(seed: 12, count: 3)
        #expect(first.map(\.text) != other.map(\.text))
    }

    /// The generator's first outputs for seed 0 (SplitMix64's published reference values), so
    /// that pages stay the same across platforms and releases.
    @Test func generatorMatchesTheReference() {
        var random = SplitMix64(seed: 0)
        #expect(random.next() == 0xE220_A839_7B1D_CDAF)
        #expect(random.next() == 0x6E78_9E6A_A1B9_65F4)
    }

    @Test func everyDegradationOccursAndIsRecorded() throws {
        let pages = try EvaluationFixtures.simulatedPages()
        let golds = pages.map(\.gold)
        let text = pages.map(\.text).joined()
        #expect(text.contains("**"))
        #expect(text.contains(","))
        #expect(text.unicodeScalars.contains { (0xFF10...0xFF19).contains($0.value) })
        #expect(golds.contains { !$0.spuriousSpaces.isEmpty })
        #expect(golds.contains { !$0.lineBreaks.isEmpty })
        #expect(golds.contains { !$0.legitSpaces.isEmpty })
        let kinds = Set(golds.flatMap(\.cuts).map(\.kind))
        #expect(kinds == Set(GoldPage.Cut.Kind.allCases))
        #expect(golds.flatMap(\.articles).contains { $0.flags.contains("truncated-start") })
        // An interleave: a cut whose parts are not neighbours.
        #expect(golds.flatMap(\.cuts).contains { $0.blocks[1] - $0.blocks[0] > 1 })
    }

    /// Each join names the blocks that hold the cut paragraph's parts: their texts, run together,
    /// lie in that article's gold paragraphs (after the lead, before a trailing byline).
    @Test func joinsNameTheBlocksOfTheCutParagraph() throws {
        for simulated in try EvaluationFixtures.simulatedPages() {
            let blocks = Document(page: try EvaluationFixtures.page(simulated)).blocks
            for article in simulated.gold.articles {
                let paragraphs = article.paragraphs.map { CanonicalText($0.text).scalars }
                for join in article.joins {
                    let tail = CanonicalText(blocks[join[0]].string).scalars.suffix(6)
                    let head = CanonicalText(blocks[join[1]].string).scalars.prefix(6)
                    let junction = Array(tail) + Array(head)
                    #expect(paragraphs.contains { !ScalarIndex($0).occurrences(of: junction).isEmpty },
                            "\(simulated.name) join \(join)")
                }
            }
        }
    }

    /// The page text holds every recorded stray space and line break where the gold says.
    @Test func recordedSpacesAreOnThePage() throws {
        for simulated in try EvaluationFixtures.simulatedPages() {
            let page = CanonicalText(simulated.text)
            let index = ScalarIndex(page.scalars)
            for entry in simulated.gold.spuriousSpaces + simulated.gold.lineBreaks + simulated.gold.legitSpaces {
                let pattern = CanonicalText(entry)
                let spaced = index.occurrences(of: pattern.scalars).contains { start in
                    pattern.spacedGaps.allSatisfy { page.spaceBefore[start + $0] }
                }
                #expect(spaced, "\(simulated.name): \(entry)")
            }
        }
    }

    @Test func goldFilesReadBackAsWritten() throws {
        for simulated in try EvaluationFixtures.simulatedPages() {
            let read = try GoldPage.parse(Array(simulated.gold.json().utf8), file: "x.gold.json")
            #expect(read.articles == simulated.gold.articles)
            #expect(read.spuriousSpaces == simulated.gold.spuriousSpaces)
            #expect(read.legitSpaces == simulated.gold.legitSpaces)
            #expect(read.lineBreaks == simulated.gold.lineBreaks)
            #expect(read.cuts == simulated.gold.cuts)
        }
    }

    @Test func bylinesComeInEveryStyle() throws {
        let text = try EvaluationFixtures.simulatedPages(count: 6).map(\.text).joined()
        // Standalone, inline credit, author line, trailing with a role, trailing in brackets.
        #expect(text.contains("（李晓华）") || text.contains("(李晓华)"))
        #expect(text.contains("记者陈明远") || text.contains("记者 陈明远"))
        #expect(text.contains("本报记者　孙浩然"))
        #expect(text.contains("。 记者 刘芳") || text.contains("。　记者 刘芳"))
        #expect(text.contains("王建国、赵丽萍"))
    }

    @Test func refusesAnEmptyCorpusAndNamesTheBadLine() {
        #expect(throws: ArticleCorpus.InputError.self) { try ArticleCorpus.parse([], file: "a.jsonl") }
        #expect(throws: ArticleCorpus.InputError.self) { try ArticleCorpus.parse(Array("\n  \n".utf8), file: "a.jsonl") }
        let good = #"{"headlines": ["标题"], "paragraphs": ["正文。"]}"#
        do {
            _ = try ArticleCorpus.parse(Array((good + "\n" + #"{"headlines": ["缺正文"]}"#).utf8), file: "a.jsonl")
            Issue.record("accepted an article without paragraphs")
        } catch let error as ArticleCorpus.InputError {
            #expect(error.description == "a.jsonl:2: paragraphs is missing")
        } catch {
            Issue.record("unexpected \(error)")
        }
        do {
            _ = try ArticleCorpus.parse(Array((good + "\n\n" + "{not json").utf8), file: "a.jsonl")
            Issue.record("accepted a broken line")
        } catch let error as ArticleCorpus.InputError {
            #expect(error.description == "a.jsonl:3: not valid JSON")
        } catch {
            Issue.record("unexpected \(error)")
        }
    }
}
