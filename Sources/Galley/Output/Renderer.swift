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

    /// Headlines as `#`/`##`, the lead in bold, the byline on its own line.
    public static func markdown(_ result: PageResult) -> String {
        var parts: [String] = []
        for label in result.labels { parts.append("*\(label.text)*") }
        for article in result.articles {
            for label in article.labels { parts.append("*\(label)*") }
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
            for byline in article.bylines { parts.append(byline.text) }
            if !article.flags.isEmpty { parts.append("<!-- \(article.flags.joined(separator: " ")) -->") }
            parts.append("---")
        }
        if parts.last == "---" { parts.removeLast() }
        return parts.joined(separator: "\n\n") + "\n"
    }

    /// Plain text: headlines, lead and paragraphs, bylines, each separated by a blank line.
    public static func text(_ result: PageResult) -> String {
        var articles: [String] = []
        for article in result.articles {
            var lines = article.headlines
            for (index, paragraph) in article.paragraphs.enumerated() {
                lines.append(index == 0 && article.lead != nil ? "\(article.lead ?? "") \(paragraph.text)" : paragraph.text)
            }
            if article.paragraphs.isEmpty, let lead = article.lead { lines.append(lead) }
            lines += article.bylines.map(\.text)
            // A blank line between paragraphs: a single line break would read as a hard wrap.
            articles.append(lines.joined(separator: "\n\n"))
        }
        return (result.labels.map(\.text) + articles).joined(separator: "\n\n") + "\n"
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
