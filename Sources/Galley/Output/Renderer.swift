/// Output formats of `galley repair` (contract: commands).
public enum OutputFormat: String, CaseIterable, Sendable {
    case markdown, text, json, jsonl
}

/// Turns a page result into the bytes of one output format.
public enum Renderer {
    public static func render(_ result: PageResult, as format: OutputFormat, includeEdits: Bool = false) -> String {
        switch format {
        case .markdown: return markdown(result)
        case .text: return text(result)
        case .json: return json(result, includeEdits: includeEdits) + "\n"
        case .jsonl: return jsonLines(result)
        }
    }

    /// An article or a label that belongs to no article, in page order.
    public enum PageItem {
        case label(PageLabel)
        case article(Article)
    }

    /// Articles in their order, each page label placed before the first article that starts after it.
    public static func pageOrder(_ result: PageResult) -> [PageItem] {
        var labels = result.labels.sorted { ($0.source.first?.lowerBound ?? 0) < ($1.source.first?.lowerBound ?? 0) }[...]
        var items: [PageItem] = []
        for article in result.articles {
            if let start = article.paragraphs.first?.source.first?.lowerBound {
                while let label = labels.first, (label.source.first?.lowerBound ?? 0) < start {
                    items.append(.label(label))
                    labels = labels.dropFirst()
                }
            }
            items.append(.article(article))
        }
        return items + labels.map { .label($0) }
    }

    /// Headlines as `#` (main) and `##` (kicker, subtitle), labels as `【…】`, the lead in bold at
    /// the start of the first paragraph, subheads as `###`, list items as `-`, captions in italics,
    /// each byline on its own line; articles separated by `---`.
    public static func markdown(_ result: PageResult) -> String {
        var articles: [[String]] = []
        var pendingLabels: [String] = []
        for item in pageOrder(result) {
            switch item {
            case .label(let label):
                pendingLabels.append("【\(label.text)】")
            case .article(let article):
                var parts = pendingLabels + article.labels.map { "【\($0)】" }
                pendingLabels = []
                for (index, headline) in article.headlines.enumerated() {
                    parts.append((index == mainHeadlineIndex(article) ? "# " : "## ") + headline)
                }
                for (index, paragraph) in article.paragraphs.enumerated() {
                    var text = paragraph.text
                    if index == 0, let lead = article.lead { text = "**\(lead)** " + text }
                    switch paragraph.role {
                    case .subhead: parts.append("### " + text)
                    case .listItem: parts.append("- " + text)
                    case .caption: parts.append("*\(text)*")
                    case .body: parts.append(text)
                    }
                }
                if article.paragraphs.isEmpty, let lead = article.lead { parts.append("**\(lead)**") }
                parts += article.bylines.map(\.text)
                if !article.flags.isEmpty { parts.append("<!-- \(article.flags.joined(separator: " ")) -->") }
                articles.append(parts)
            }
        }
        if !pendingLabels.isEmpty { articles.append(pendingLabels) }
        return articles.map { $0.joined(separator: "\n\n") }.joined(separator: "\n\n---\n\n") + "\n"
    }

    /// Plain text laid out like the input page: labels in 【】, headline lines, the lead at the start
    /// of the first paragraph, paragraphs and bylines, each a block of its own separated by a blank
    /// line, articles one after another. Repairing this text again gives the same text.
    public static func text(_ result: PageResult) -> String {
        var blocks: [String] = []
        for item in pageOrder(result) {
            switch item {
            case .label(let label):
                blocks.append("【\(label.text)】")
            case .article(let article):
                blocks += article.labels.map { "【\($0)】" } + article.headlines
                for (index, paragraph) in article.paragraphs.enumerated() {
                    blocks.append(index == 0 && article.lead != nil ? "\(article.lead ?? "") \(paragraph.text)" : paragraph.text)
                }
                if article.paragraphs.isEmpty, let lead = article.lead { blocks.append(lead) }
                blocks += article.bylines.map(\.text)
            }
        }
        return blocks.joined(separator: "\n\n") + "\n"
    }

    public static func json(_ result: PageResult, includeEdits: Bool) -> String {
        var json = JSONWriter()
        json.beginObject()
        json.field("source", result.source)
        json.key("articles")
        json.beginArray()
        for article in result.articles { write(article, to: &json) }
        json.endArray()
        json.key("labels")
        json.beginArray()
        for label in result.labels {
            json.beginObject()
            json.field("text", label.text)
            json.field("source", spans: label.source)
            json.endObject()
        }
        json.endArray()
        if includeEdits {
            json.key("edits")
            json.beginArray()
            for edit in result.edits { write(edit, to: &json) }
            json.endArray()
        }
        json.endObject()
        return json.string
    }

    /// One line per article (contract: JSONL line).
    public static func jsonLines(_ result: PageResult) -> String {
        var out = ""
        for (index, article) in result.articles.enumerated() {
            var json = JSONWriter()
            json.beginObject()
            json.field("id", article.id)
            json.field("source", result.source)
            json.field("page", result.source)
            json.field("index", index)
            json.field("headlines", strings: article.headlines)
            json.field("lead", article.lead)
            json.field("text", article.text)
            json.key("paragraphs")
            writeParagraphs(article.paragraphs, to: &json)
            json.key("bylines")
            writeBylines(article.bylines, to: &json)
            json.field("labels", strings: article.labels)
            json.field("flags", strings: article.flags)
            json.endObject()
            out += json.string + "\n"
        }
        return out
    }

    static func write(_ article: Article, to json: inout JSONWriter) {
        json.beginObject()
        json.field("id", article.id)
        json.field("labels", strings: article.labels)
        json.field("headlines", strings: article.headlines)
        if !article.decks.isEmpty {
            json.key("decks")
            json.beginArray()
            for deck in article.decks {
                json.beginObject()
                json.field("role", deck.role.rawValue)
                json.field("text", deck.text)
                json.endObject()
            }
            json.endArray()
        }
        json.field("lead", article.lead)
        json.key("paragraphs")
        writeParagraphs(article.paragraphs, to: &json)
        json.key("bylines")
        writeBylines(article.bylines, to: &json)
        json.field("flags", strings: article.flags)
        json.endObject()
    }

    static func writeParagraphs(_ paragraphs: [Paragraph], to json: inout JSONWriter) {
        json.beginArray()
        for paragraph in paragraphs {
            json.beginObject()
            json.field("role", paragraph.role.rawValue)
            json.field("text", paragraph.text)
            json.field("source", spans: paragraph.source)
            json.endObject()
        }
        json.endArray()
    }

    static func writeBylines(_ bylines: [Byline], to json: inout JSONWriter) {
        json.beginArray()
        for byline in bylines {
            json.beginObject()
            json.field("role", byline.role)
            json.field("names", strings: byline.names)
            json.field("text", byline.text)
            json.endObject()
        }
        json.endArray()
    }

    static func write(_ edit: Edit, to json: inout JSONWriter) {
        json.beginObject()
        json.field("stage", edit.stage)
        json.field("rule", edit.rule)
        json.field("kind", edit.kind.rawValue)
        json.key("span")
        json.value(edit.span)
        switch edit.kind {
        case .replace:
            json.field("before", edit.before)
            json.field("after", edit.after)
        case .join:
            json.field("spans", spans: edit.spans)
        case .move, .tag:
            if !edit.after.isEmpty { json.field("after", edit.after) }
        }
        if let score = edit.score {
            json.key("score")
            json.value(score)
        }
        json.endObject()
    }

    /// The main headline is the first one unless a kicker stands above it.
    private static func mainHeadlineIndex(_ article: Article) -> Int {
        article.decks.firstIndex { $0.role == .main } ?? 0
    }
}
