import Foundation
import Testing
@testable import Galley

/// `galley eval`: perfect output scores perfectly, the seed's hand-made gold is read, bad gold
/// files are reported, and the pipeline's figures hold their floors.
struct EvaluationTests {
    static func perfectCounts(_ gold: GoldPage, page: Page) throws -> QualityCounts {
        let han = try #require(EvaluationFixtures.han)
        return PageComparison(gold: gold, page: page, result: EvaluationFixtures.perfectResult(for: gold), han: han).counts
    }

    static func expectPerfect(_ counts: QualityCounts, _ name: String) {
        #expect(counts.bCubedPrecision.value == 1, "\(name)")
        #expect(counts.bCubedRecall.value == 1, "\(name)")
        #expect(counts.articlesRight.value == 1, "\(name)")
        #expect(counts.paragraphsRight.value == 1, "\(name)")
        #expect(counts.cutParagraphsWhole.value ?? 1 == 1, "\(name)")
        #expect(counts.wrongJoins.numerator == 0, "\(name)")
        #expect(counts.straySpacesLeft.numerator == 0, "\(name)")
        #expect(counts.lineBreaksLeft.numerator == 0, "\(name)")
        #expect(counts.deliberateSpacesLost.numerator == 0, "\(name)")
        #expect(counts.halfWidthLeft.numerator == 0, "\(name)")
        #expect(counts.bylineNames.f1 ?? 1 == 1, "\(name)")
        #expect(counts.truncatedStart.f1 ?? 1 == 1, "\(name)")
        #expect(counts.headlines.f1 ?? 1 == 1, "\(name)")
        #expect(counts.characterErrors.numerator == 0, "\(name)")
    }

    @Test func perfectOutputScoresPerfectlyOnSimulatedPages() throws {
        for simulated in try EvaluationFixtures.simulatedPages() {
            Self.expectPerfect(try Self.perfectCounts(simulated.gold, page: try EvaluationFixtures.page(simulated)), simulated.name)
        }
    }

    @Test func perfectOutputScoresPerfectlyOnTheSeed() throws {
        let gold = try GoldPage.read(path: Repository.url(Repository.seedGold).path)
        let page = try Page(source: Repository.seedPage, text: Repository.text(Repository.seedPage))
        let counts = try Self.perfectCounts(gold, page: page)
        Self.expectPerfect(counts, "seed")
        #expect(counts.cutParagraphsWhole.denominator == 3)
        #expect(counts.straySpacesLeft.denominator == 19)
        #expect(counts.deliberateSpacesLost.denominator == 4)
    }

    /// The seed page as the pipeline leaves it today: one article of every block, spaces kept.
    @Test func seedFiguresOfTheCurrentPipeline() throws {
        let (counts, failures) = try Evaluator(pipeline: Shared.pipeline).evaluate(directory: Repository.url("seeds").path)
        #expect(failures.isEmpty)
        #expect(counts.pages == 1 && counts.goldArticles == 7)
        #expect(counts.bCubedRecall.value ?? 0 >= 0.99)
        #expect(counts.halfWidthLeft.numerator == 0)
    }

    /// Lost characters, a merged pair of articles, a stray space left and a wrong join, built by hand.
    @Test func flawedOutputIsCountedAsSuch() throws {
        var gold = GoldPage(source: "x.md", articles: [])
        var first = GoldArticle()
        first.headlines = ["初心如磐 本色依旧"]
        first.paragraphs = [GoldParagraph(text: "甲地今天下雪了。"), GoldParagraph(text: "乙地明天刮风。")]
        first.bylines = [Byline(role: nil, names: ["周皓"], text: "（周 皓）")]
        var second = GoldArticle()
        second.paragraphs = [GoldParagraph(text: "丙地后天放晴。")]
        gold.articles = [first, second]
        gold.spuriousSpaces = ["今天 下雪"]
        gold.legitSpaces = ["初心如磐 本色依旧"]
        var merged = Article(id: "x#1")
        merged.headlines = ["初心如磐本色依旧"]
        merged.paragraphs = [Paragraph(role: .body, text: "甲地今天 下雪了。乙地明天刮风。", source: []),
                             Paragraph(role: .body, text: "丙地后天放晴,", source: [])]
        merged.bylines = [Byline(role: nil, names: ["周皓"], text: "（周 皓）")]
        let result = PageResult(source: "x.md", articles: [merged], labels: [], edits: [], explanations: [])
        let page = try Page(source: "x.md", text: "甲地")
        let counts = PageComparison(gold: gold, page: page, result: result, han: try #require(EvaluationFixtures.han)).counts
        // The second article's 。 came out as a comma: one gold character lost.
        #expect(try #require(counts.bCubedRecall.value) < 1)
        #expect(try #require(counts.bCubedPrecision.value) < 1)
        #expect(counts.wrongJoins == Ratio(1, of: 2))
        #expect(counts.straySpacesLeft == Ratio(1, of: 1))
        #expect(counts.deliberateSpacesLost == Ratio(1, of: 1))
        #expect(counts.halfWidthLeft.numerator == 1)
        #expect(counts.paragraphsRight == Ratio(0, of: 3))
        // Headlines compare with whitespace ignored; the lost space is counted above.
        #expect(counts.headlines.recall == Ratio(1, of: 1))
        #expect(counts.bylineNames.f1 == 1)
        #expect(counts.characterErrors.numerator > 0)
    }

    @Test func missingAndBrokenGoldFilesAreReportedByName() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("galley-eval-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let simulated = try #require(try EvaluationFixtures.simulatedPages(count: 1).first)
        try simulated.text.write(to: folder.appendingPathComponent("page-001.md"), atomically: true, encoding: .utf8)
        try simulated.gold.json().write(to: folder.appendingPathComponent("page-001.gold.json"), atomically: true, encoding: .utf8)
        try "{\"source\": \"page-002.md\"".write(to: folder.appendingPathComponent("broken.gold.json"), atomically: true, encoding: .utf8)
        var orphan = simulated.gold
        orphan.source = "gone.md"
        try orphan.json().write(to: folder.appendingPathComponent("orphan.gold.json"), atomically: true, encoding: .utf8)

        let (counts, failures) = try Evaluator(pipeline: Shared.pipeline).evaluate(directory: folder.path)
        #expect(counts.pages == 1)
        #expect(failures.count == 2)
        #expect(failures.contains { $0.contains("broken.gold.json: not a gold file") })
        #expect(failures.contains { $0.contains("orphan.gold.json: its page") && $0.contains("gone.md: no such file") })
    }

    @Test func aFolderWithoutGoldFilesIsAnError() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("galley-empty-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(throws: Page.InputError.self) { try Evaluator(pipeline: Shared.pipeline).evaluate(directory: folder.path) }
        #expect(throws: Page.InputError.self) { try Evaluator(pipeline: Shared.pipeline).evaluate(directory: folder.path + "/none") }
    }

    @Test func reportPrintsEveryFigureAndTheSameAsJSON() throws {
        let evaluator = try Evaluator(pipeline: Shared.pipeline)
        let simulated = try #require(try EvaluationFixtures.simulatedPages(count: 1).first)
        let report = QualityReport(counts: evaluator.evaluate(page: try EvaluationFixtures.page(simulated), gold: simulated.gold))
        let table = report.table()
        for row in report.rows { #expect(table.contains(row.name)) }
        let json = try #require(try JSONSerialization.jsonObject(with: Data(report.json().utf8)) as? [String: Any])
        for row in report.rows { #expect(json[row.key] != nil, "\(row.key)") }
    }
}
