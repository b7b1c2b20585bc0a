/// Last stage: builds articles from blocks.
///
/// Changes: nothing in the text; fills `Document.articles`.
/// Never touches: block text or edits. Until tagging lands, the page is one article whose
/// paragraphs are the blocks in reading order.
public struct Assembly: Stage {
    public static let id = "assemble"

    public init(pack: RulePack) throws {}

    public func run(_ document: inout Document) {
        var article = Article(id: Self.articleID(source: document.page.source, index: 0))
        article.paragraphs = document.blocks.map {
            Paragraph(role: .body, text: $0.string, source: [$0.rawSpan])
        }
        document.articles = [article]
    }

    /// `pages/1998-01-13-p4.md`, 0 → `1998-01-13-p4#1`: stable for the same input and rules.
    public static func articleID(source: String, index: Int) -> String {
        let name = source.split(separator: "/").last.map(String.init) ?? source
        let stem = name.contains(".") ? String(name[..<(name.lastIndex(of: ".") ?? name.endIndex)]) : name
        return "\(stem.isEmpty ? "page" : stem)#\(index + 1)"
    }
}
