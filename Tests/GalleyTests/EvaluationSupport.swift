import Foundation
@testable import Galley

/// Shared pieces of the evaluation tests.
enum EvaluationFixtures {
    static let articlesPath = "Fixtures/articles/fixture-articles.jsonl"

    static func articles() throws -> [CleanArticle] {
        try ArticleCorpus.read(path: Repository.url(articlesPath).path)
    }

    /// Small pages with every degradation switched on, often enough to occur on four pages.
    static var harshOptions: SimulationOptions {
        var options = SimulationOptions()
        options.pageCharacters = 1500
        options.letterSpacingRate = 0.1
        options.wrapRate = 0.15
        options.fullWidthDigitRate = 0.3
        options.cutRate = 0.2
        options.interleaveRate = 0.4
        options.truncateRate = 0.2
        return options
    }

    static func simulatedPages(seed: Int = 2024, count: Int = 4) throws -> [SimulatedPage] {
        Simulator(articles: try articles(), options: harshOptions, seed: seed).pages(count)
    }

    static func page(_ simulated: SimulatedPage) throws -> Page {
        try Page(source: simulated.gold.source, text: simulated.text)
    }

    /// The output a perfect pipeline would give: the gold itself.
    static func perfectResult(for gold: GoldPage) -> PageResult {
        let articles = gold.articles.enumerated().map { index, expected in
            var article = Article(id: expected.id ?? "gold#\(index + 1)")
            article.labels = expected.labels
            article.headlines = expected.headlines
            article.lead = expected.lead
            article.paragraphs = expected.paragraphs.map { Paragraph(role: $0.role, text: $0.text, source: []) }
            article.bylines = expected.bylines.map { Byline(role: $0.role, names: $0.names, text: $0.text) }
            article.flags = expected.flags
            return article
        }
        return PageResult(source: gold.source, articles: articles, labels: gold.labels.map { PageLabel(text: $0, source: []) },
                          edits: [], explanations: [])
    }

    static let han = CodePointSet(pattern: "[:Han:]")
}
