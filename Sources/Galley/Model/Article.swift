/// What the pipeline hands the renderers: articles in the order of their starts, and the labels
/// that belong to no article (contract: page JSON).
public struct PageResult: Sendable {
    public var source: String
    public var articles: [Article]
    public var labels: [PageLabel]
    public var edits: [Edit]
    /// Why each decision was taken, when asked for (`--explain`).
    public var explanations: [String]
}

public struct Article: Sendable, Equatable {
    public var id: String
    public var labels: [String] = []
    public var headlines: [String] = []
    public var decks: [Deck] = []
    public var lead: String?
    public var paragraphs: [Paragraph] = []
    public var bylines: [Byline] = []
    public var flags: [String] = []

    public init(id: String) { self.id = id }

    /// The article's beginning is not on the page: its text starts inside a sentence.
    public static let truncatedStart = "truncated-start"
    /// The article's end is not on the page: its text stops inside a sentence.
    public static let truncatedEnd = "truncated-end"

    /// The article's paragraph texts joined by newlines (the JSONL `text` field).
    public var text: String { paragraphs.map(\.text).joined(separator: "\n") }
}

public struct Deck: Sendable, Equatable {
    public enum Role: String, Sendable { case kicker, main, subtitle }
    public var role: Role
    public var text: String
    public init(role: Role, text: String) {
        self.role = role
        self.text = text
    }
}

public struct Paragraph: Sendable, Equatable {
    public enum Role: String, Sendable, CaseIterable { case body, subhead, listItem = "list-item", caption }
    public var role: Role
    public var text: String
    /// Raw byte spans the paragraph came from, in reading order.
    public var source: [ByteSpan]
    public init(role: Role, text: String, source: [ByteSpan]) {
        self.role = role
        self.text = text
        self.source = source
    }
}

public struct Byline: Sendable, Equatable {
    /// The printed role (记者, 本报记者, 通讯员 …) or nil.
    public var role: String?
    public var names: [String]
    /// The byline as printed, after normalization, without Markdown markers.
    public var text: String
    public init(role: String?, names: [String], text: String) {
        self.role = role
        self.names = names
        self.text = text
    }
}

public struct PageLabel: Sendable, Equatable {
    public var text: String
    public var source: [ByteSpan]
    public init(text: String, source: [ByteSpan]) {
        self.text = text
        self.source = source
    }
}
