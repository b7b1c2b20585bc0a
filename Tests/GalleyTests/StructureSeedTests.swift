import Testing
@testable import Galley

/// The seed page against its hand-made gold: the articles that no column interleave touches (gold
/// articles without `joins`) must come out as the gold has them. The interleaved ones wait for the
/// stitching stage.
struct StructureSeedTests {
    static func result() throws -> PageResult {
        Shared.pipeline.run(try Page(source: Repository.seedPage, text: Repository.text(Repository.seedPage)))
    }

    /// The output article that corresponds to a gold article: same headlines, or for an article
    /// without headlines, the same first paragraph.
    static func counterpart(of wanted: ExpectedPage.Article, in articles: [Article]) -> Article? {
        let squeezed = StructureComparison.squeezed
        if !wanted.headlines.isEmpty {
            return articles.first { $0.headlines.map(squeezed) == wanted.headlines.map(squeezed) }
        }
        let first = wanted.paragraphs.first.map { squeezed($0.text) }
        return articles.first { $0.headlines.isEmpty && $0.paragraphs.first.map { squeezed($0.text) } == first }
    }

    @Test func untouchedArticlesMatchTheGold() throws {
        let gold = try ExpectedPage.load(Repository.seedGold)
        let untouched = gold.articles.filter { $0.joins == nil }
        #expect(untouched.count == 5)
        let articles = try Self.result().articles
        for wanted in untouched {
            guard let got = Self.counterpart(of: wanted, in: articles) else {
                Issue.record("no output article for \(StructureComparison.name(wanted))")
                continue
            }
            for difference in StructureComparison.differences(wanted, got) {
                Issue.record("\(StructureComparison.name(wanted)): \(difference)")
            }
        }
    }

    /// 关注县（市、区）两会 stays on the page or joins the 杏花岭区 items above it; never another
    /// article, its headline or its text.
    @Test func sectionLabelIsNeverTheNextArticlesHeadline() throws {
        let gold = try ExpectedPage.load(Repository.seedGold)
        let result = try Self.result()
        let allowed = gold.articles.prefix(2).compactMap { Self.counterpart(of: $0, in: result.articles) }.map(\.id)
        for label in gold.labels ?? [] {
            let inPage = result.labels.contains { $0.text == label.text }
            let holders = result.articles.filter { $0.labels.contains(label.text) }
            #expect(inPage || !holders.isEmpty, "\(label.text) is lost")
            #expect(holders.allSatisfy { allowed.contains($0.id) }, "\(label.text) attached to \(holders.map(\.headlines))")
            for article in result.articles {
                #expect(!article.headlines.contains(label.text) && !article.paragraphs.contains { $0.text.contains(label.text) })
            }
        }
    }
}
