import Testing
@testable import Galley

/// Pages under Fixtures/structure, one per tag: `NAME.md` must give the articles and page labels of
/// `NAME.expected.json` (white space ignored in texts).
struct StructureFixtureTests {
    static let pages = Repository.fixtures("structure", suffix: ".md")

    static func run(_ path: String, explain: Bool = false) throws -> PageResult {
        Shared.pipeline.run(try Page(source: path, text: Repository.text(path)), explain: explain)
    }

    @Test(arguments: pages)
    func fixture(_ path: String) throws {
        let expected = try ExpectedPage.load(String(path.dropLast(".md".count)) + ".expected.json")
        let result = try Self.run(path)
        #expect(result.articles.count == expected.articles.count, "\(path): article count")
        for (wanted, got) in zip(expected.articles, result.articles) {
            for difference in StructureComparison.differences(wanted, got) {
                Issue.record("\(path), article \(StructureComparison.name(wanted)): \(difference)")
            }
        }
        #expect(result.labels.map(\.text) == (expected.labels ?? []).map(\.text), "\(path): page labels")
    }

    /// Every paragraph with a role other than body, and every headline line, has a `tag` edit
    /// whose span covers where it came from.
    @Test(arguments: pages)
    func tagEditsNameTheRoles(_ path: String) throws {
        let result = try Self.run(path)
        let tags = result.edits.filter { $0.kind == .tag }
        for article in result.articles {
            for paragraph in article.paragraphs where paragraph.role != .body {
                // The tag covers the block with its Markdown markers; the paragraph's source, the text.
                let source = try #require(paragraph.source.first)
                #expect(tags.contains { $0.after == paragraph.role.rawValue && $0.span.lowerBound <= source.lowerBound && source.upperBound <= $0.span.upperBound },
                        "\(path): no tag edit for \(paragraph.role.rawValue) \(paragraph.text)")
            }
            let headlineTags = tags.filter { ["kicker", "headline", "subtitle"].contains($0.after) }
            #expect(headlineTags.count >= article.headlines.count || article.headlines.isEmpty)
        }
        #expect(!result.edits.contains { $0.kind == .replace && $0.stage == Tagging.id }, "tagging never rewrites text")
    }

    @Test func explainSaysWhyEachTagWasGiven() throws {
        let result = try Self.run("Fixtures/structure/subheads.md", explain: true)
        let tags = result.edits.filter { $0.kind == .tag }
        #expect(result.explanations.filter { $0.hasPrefix("\(Tagging.id): ") }.count == tags.count)
        #expect(result.explanations.contains { $0.contains("subhead") && $0.contains("a feature (its headline has a subtitle)") })
        #expect(result.explanations.contains { $0.contains("subhead") && $0.contains("level 3") })
    }

    /// The byte spans of paragraphs point at their text in the raw page.
    @Test(arguments: pages)
    func sourceSpansHoldTheParagraphText(_ path: String) throws {
        let page = try Page(source: path, text: Repository.text(path))
        let result = Shared.pipeline.run(page)
        for paragraph in result.articles.flatMap(\.paragraphs) {
            let span = try #require(paragraph.source.first)
            let raw = String(decoding: page.raw[span], as: UTF8.self)
            #expect(StructureComparison.squeezed(raw).contains(StructureComparison.squeezed(paragraph.text)),
                    "\(path): \(span) holds \(raw), not \(paragraph.text)")
        }
    }
}

/// Pages made of odd pieces: nothing crashes, no article comes out empty.
struct StructureEdgeTests {
    static let pages = [
        "****", "（下转第2版）", "【】", "【图片新闻】", "关注全市两会", "（李杰华）\n\n（王小川）",
        "# \n\n本报讯", "**本报讯**\n\n市区今天降雪。", "上接第1版\n\n城郊的冰雪乐园迎来了游客。",
        "第一是新建幼儿园\n\n第二是改造老旧小区\n\n第三是新开公交线路",
    ]

    @Test(arguments: pages)
    func noEmptyArticles(_ text: String) throws {
        let result = Shared.pipeline.run(try Page(source: "edge", text: text))
        for article in result.articles {
            #expect(!(article.headlines.isEmpty && article.paragraphs.isEmpty && article.bylines.isEmpty
                      && article.lead == nil && article.flags.isEmpty), "\(text): an empty article")
        }
    }

    @Test func numberedShortLinesInARunAreListItems() throws {
        let result = Shared.pipeline.run(try Page(source: "edge", text: Self.pages[9]))
        #expect(result.articles.flatMap(\.paragraphs).map(\.role) == [.listItem, .listItem, .listItem])
    }

    @Test func aLeadAloneInItsBlockOpensTheParagraphAfterIt() throws {
        let result = Shared.pipeline.run(try Page(source: "edge", text: Self.pages[7]))
        #expect(result.articles.count == 1)
        #expect(result.articles.first?.lead == "本报讯")
        #expect(result.articles.first?.paragraphs.map(\.text) == ["市区今天降雪。"])
    }
}
