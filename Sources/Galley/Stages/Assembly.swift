/// Last stage: builds articles from blocks.
///
/// Changes: nothing in the text; fills `Document.articles`. A block that is a byline
/// (`（李杰华）`, `记者 阎轶洁`) becomes the article's byline; a byline closing a paragraph leaves it.
/// Never touches: block text or edits. Until tagging lands, the page is one article whose
/// paragraphs are the other blocks in reading order.
public struct Assembly: Stage {
    public static let id = "assemble"

    let bylines: BylinePatterns

    public init(pack: RulePack) throws {
        bylines = try BylinePatterns(pack: pack)
    }

    public func run(_ document: inout Document) {
        var article = Article(id: Self.articleID(source: document.page.source, index: 0))
        for block in document.blocks {
            let text = block.string
            if let found = bylines.bylines(in: text[...]) {
                article.bylines += found
                continue
            }
            var paragraphText = text
            var paragraphEnd = block.text.bytes.count
            if let trailing = bylines.trailingBylines(in: text) {
                paragraphText = String(text[..<trailing.start]).trimmingCharacters(in: " \u{3000}")
                paragraphEnd = paragraphText.utf8.count
                article.bylines += trailing.bylines
            }
            article.paragraphs.append(Paragraph(role: .body, text: paragraphText,
                                                source: [block.text.rawSpan(of: 0..<paragraphEnd)]))
        }
        document.articles = [article]
    }

    /// Paragraph texts, then one line per article's bylines: `byline: role=记者 names=阎轶洁`.
    public func exampleOutput(_ document: Document) -> String {
        var lines: [String] = []
        for article in document.articles {
            lines += article.paragraphs.map(\.text)
            if !article.bylines.isEmpty {
                lines.append("byline: " + article.bylines.map {
                    "role=\($0.role ?? "-") names=\($0.names.joined(separator: ","))"
                }.joined(separator: " | "))
            }
        }
        return lines.joined(separator: "\n\n")
    }

    /// `pages/1998-01-13-p4.md`, 0 → `1998-01-13-p4#1`: stable for the same input and rules.
    public static func articleID(source: String, index: Int) -> String {
        let name = source.split(separator: "/").last.map(String.init) ?? source
        let stem = name.contains(".") ? String(name[..<(name.lastIndex(of: ".") ?? name.endIndex)]) : name
        return "\(stem.isEmpty ? "page" : stem)#\(index + 1)"
    }
}

extension String {
    func trimmingCharacters(in characters: String) -> String {
        var scalars = Substring(self)
        while let first = scalars.first, characters.contains(first) { scalars = scalars.dropFirst() }
        while let last = scalars.last, characters.contains(last) { scalars = scalars.dropLast() }
        return String(scalars)
    }
}
