import Foundation
@testable import Galley

/// Expected articles as the page JSON states them (a gold file, or a fixture's `.expected.json`):
/// only the keys present are compared; text comparisons ignore white space.
struct ExpectedPage: Decodable {
    struct Deck: Decodable { let role: String; let text: String }
    struct Paragraph: Decodable { let role: String; let text: String }
    struct Byline: Decodable { let role: String?; let names: [String]; let text: String? }
    struct Label: Decodable { let text: String }

    struct Article: Decodable {
        let headlines: [String]
        let decks: [Deck]?
        let lead: String?
        let paragraphs: [Paragraph]
        let bylines: [Byline]
        let labels: [String]?
        let flags: [String]?
        /// Gold files: raw blocks joined into one paragraph (the column-interleave cases).
        let joins: [[Int]]?
    }

    let articles: [Article]
    let labels: [Label]?

    static func load(_ relativePath: String) throws -> ExpectedPage {
        try JSONDecoder().decode(ExpectedPage.self, from: Data(Repository.text(relativePath).utf8))
    }
}

enum StructureComparison {
    static func squeezed(_ text: String) -> String { text.filter { !$0.isWhitespace } }

    /// What differs between an expected article and an output one, one line per difference.
    static func differences(_ expected: ExpectedPage.Article, _ actual: Article) -> [String] {
        var found: [String] = []
        func check<T: Equatable>(_ what: String, _ wanted: T, _ got: T) {
            if wanted != got { found.append("\(what): expected \(wanted), got \(got)") }
        }
        check("headlines", expected.headlines.map(squeezed), actual.headlines.map(squeezed))
        if let decks = expected.decks {
            check("decks", decks.map { "\($0.role):\(squeezed($0.text))" }, actual.decks.map { "\($0.role.rawValue):\(squeezed($0.text))" })
        }
        check("lead", expected.lead.map(squeezed), actual.lead.map(squeezed))
        check("paragraph count", expected.paragraphs.count, actual.paragraphs.count)
        for (index, (wanted, got)) in zip(expected.paragraphs, actual.paragraphs).enumerated() {
            check("paragraph \(index) role", wanted.role, got.role.rawValue)
            check("paragraph \(index) text", squeezed(wanted.text), squeezed(got.text))
        }
        check("byline roles", expected.bylines.map { $0.role ?? "-" }, actual.bylines.map { $0.role ?? "-" })
        check("byline names", expected.bylines.map(\.names), actual.bylines.map(\.names))
        for (wanted, got) in zip(expected.bylines, actual.bylines) {
            if let text = wanted.text { check("byline text", text, got.text) }
        }
        if let labels = expected.labels { check("labels", labels.map(squeezed), actual.labels.map(squeezed)) }
        if let flags = expected.flags { check("flags", flags, actual.flags) }
        return found
    }

    /// A short name for an article in messages.
    static func name(_ article: ExpectedPage.Article) -> String {
        article.headlines.first ?? String(article.paragraphs.first?.text.prefix(16) ?? "")
    }
}
