import Foundation

/// The expected result for one page (contract: gold files): the page JSON without spans, plus
/// what the simulator did to the text. The seed's hand-made gold is read by the same model.
public struct GoldPage: Sendable {
    /// The page file, relative to the gold file's folder.
    public var source: String
    public var articles: [GoldArticle]
    /// Labels attached to no article (`labels` objects and `section_labels` strings).
    public var labels: [String] = []
    /// Spaces that must be gone from every output text: each entry is a stretch of text with the
    /// injected whitespace in it (`从 严治党`), found in the output with other whitespace ignored.
    public var spuriousSpaces: [String] = []
    /// Deliberate spaces that must survive, in the same form (`初心如磐 本色依旧`).
    public var legitSpaces: [String] = []
    /// Line breaks of hard-wrapped paragraphs, in the same form with a newline at the break.
    public var lineBreaks: [String] = []
    /// Column cuts the simulator made; the same cuts appear as each article's `joins`.
    public var cuts: [Cut] = []
    public var note: String?
    /// How the page was made, written by the simulator so that a page can be made again.
    public var simulation: SimulationRecord?

    public struct Cut: Sendable, Equatable {
        public enum Kind: String, Sendable, CaseIterable, Decodable {
            case midWord = "mid-word", midSentence = "mid-sentence", sentenceEnd = "sentence-end"
        }
        /// The 0-based blocks of the raw page that hold the paragraph's parts, in reading order.
        public var blocks: [Int]
        public var kind: Kind
    }

    public init(source: String, articles: [GoldArticle]) {
        self.source = source
        self.articles = articles
    }
}

/// The seed, page number and settings a simulated page was made with.
public struct SimulationRecord: Sendable {
    public var seed: Int
    public var page: Int
    public var options: SimulationOptions
}

public struct GoldArticle: Sendable, Equatable {
    public var id: String?
    public var labels: [String] = []
    public var headlines: [String] = []
    public var lead: String?
    public var paragraphs: [GoldParagraph] = []
    /// Gold bylines are the contract's bylines; their `text` is not compared (the page's spacing
    /// stays in it).
    public var bylines: [Byline] = []
    public var flags: [String] = []
    /// Raw blocks (0-based, blank-line separated) that form one paragraph: a column cut.
    public var joins: [[Int]] = []

    public init() {}
}

public struct GoldParagraph: Sendable, Equatable {
    public var role: Paragraph.Role
    public var text: String
    public init(role: Paragraph.Role = .body, text: String) {
        self.role = role
        self.text = text
    }
}


// MARK: Reading

extension GoldPage: Decodable {
    enum CodingKeys: String, CodingKey {
        case source, articles, labels, note, cuts
        case sectionLabels = "section_labels", spuriousSpaces = "spurious_spaces"
        case legitSpaces = "legit_spaces", lineBreaks = "line_breaks"
    }

    /// A page label: `{"text": "…"}` as in page JSON, or a plain string.
    private struct Label: Decodable {
        let text: String
        init(from decoder: any Decoder) throws {
            if let text = try? decoder.singleValueContainer().decode(String.self) {
                self.text = text
            } else {
                text = try decoder.container(keyedBy: CodingKeys.self).decode(String.self, forKey: .text)
            }
        }
        enum CodingKeys: String, CodingKey { case text }
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        source = try container.decode(String.self, forKey: .source)
        articles = try container.decode([GoldArticle].self, forKey: .articles)
        let pageLabels = try container.decodeIfPresent([Label].self, forKey: .labels)?.map(\.text) ?? []
        let sectionLabels = try container.decodeIfPresent([String].self, forKey: .sectionLabels) ?? []
        // The seed lists its one page label both ways.
        labels = pageLabels + sectionLabels.filter { !pageLabels.contains($0) }
        spuriousSpaces = try container.decodeIfPresent([String].self, forKey: .spuriousSpaces) ?? []
        legitSpaces = try container.decodeIfPresent([String].self, forKey: .legitSpaces) ?? []
        lineBreaks = try container.decodeIfPresent([String].self, forKey: .lineBreaks) ?? []
        cuts = try container.decodeIfPresent([Cut].self, forKey: .cuts) ?? []
        note = try container.decodeIfPresent(String.self, forKey: .note)
    }

    /// Reads a gold file; the error names the file and where in it the problem is.
    public static func read(path: String) throws -> GoldPage {
        let bytes: [UInt8]
        do {
            bytes = try PageReader.readBytes(path: path, maxBytes: Page.defaultMaxBytes)
        } catch let error as Page.InputError {
            throw Page.InputError(source: path, problem: error.problem)
        }
        return try parse(bytes, file: path)
    }

    public static func parse(_ bytes: [UInt8], file: String) throws -> GoldPage {
        guard bytes.contains(where: { !Page.isBlankByte($0) }) else {
            throw Page.InputError(source: file, problem: "empty gold file")
        }
        let gold: GoldPage
        do {
            gold = try JSONDecoder().decode(GoldPage.self, from: Data(bytes))
        } catch {
            throw Page.InputError(source: file, problem: "not a gold file: \(JSONProblem.describe(error))")
        }
        for (index, article) in gold.articles.enumerated() {
            if let bad = article.joins.first(where: { $0.count < 2 || $0.contains { $0 < 0 } }) {
                throw Page.InputError(source: file, problem: "articles[\(index)].joins: \(bad) must name two or more blocks, counted from 0")
            }
        }
        return gold
    }
}

extension GoldPage.Cut: Decodable {}

extension GoldArticle: Decodable {
    enum CodingKeys: String, CodingKey { case id, labels, headlines, lead, paragraphs, bylines, flags, joins }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decodeIfPresent(String.self, forKey: .id)
        labels = try container.decodeIfPresent([String].self, forKey: .labels) ?? []
        headlines = try container.decodeIfPresent([String].self, forKey: .headlines) ?? []
        lead = try container.decodeIfPresent(String.self, forKey: .lead)
        paragraphs = try container.decode([GoldParagraph].self, forKey: .paragraphs)
        bylines = try container.decodeIfPresent([Byline].self, forKey: .bylines) ?? []
        flags = try container.decodeIfPresent([String].self, forKey: .flags) ?? []
        joins = try container.decodeIfPresent([[Int]].self, forKey: .joins) ?? []
    }
}

extension GoldParagraph: Decodable {
    enum CodingKeys: String, CodingKey { case role, text }

    /// A paragraph object `{"role", "text"}`, or a plain string for a body paragraph.
    public init(from decoder: any Decoder) throws {
        if let text = try? decoder.singleValueContainer().decode(String.self) {
            self.init(text: text)
            return
        }
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let roleName = try container.decodeIfPresent(String.self, forKey: .role) ?? Paragraph.Role.body.rawValue
        guard let role = Paragraph.Role(rawValue: roleName) else {
            throw DecodingError.dataCorruptedError(forKey: .role, in: container, debugDescription:
                "unknown role '\(roleName)' (roles: \(Paragraph.Role.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        self.init(role: role, text: try container.decode(String.self, forKey: .text))
    }
}

extension Byline: Decodable {
    enum CodingKeys: String, CodingKey { case role, names, text }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let names = try container.decode([String].self, forKey: .names)
        self.init(role: try container.decodeIfPresent(String.self, forKey: .role), names: names,
                  text: try container.decodeIfPresent(String.self, forKey: .text) ?? names.joined(separator: "、"))
    }
}

// MARK: Writing

extension GoldPage {
    /// The gold file's JSON, keys in the contract's order.
    public func json() -> String {
        var json = JSONWriter()
        json.beginObject()
        json.field("source", source)
        json.key("articles")
        json.beginArray()
        for article in articles { article.write(to: &json) }
        json.endArray()
        json.key("labels")
        json.beginArray()
        for label in labels {
            json.beginObject()
            json.field("text", label)
            json.endObject()
        }
        json.endArray()
        json.field("spurious_spaces", strings: spuriousSpaces)
        json.field("legit_spaces", strings: legitSpaces)
        json.field("line_breaks", strings: lineBreaks)
        json.key("cuts")
        json.beginArray()
        for cut in cuts {
            json.beginObject()
            json.key("blocks")
            writeIntegers(cut.blocks, to: &json)
            json.field("kind", cut.kind.rawValue)
            json.endObject()
        }
        json.endArray()
        if let simulation {
            json.key("simulation")
            json.beginObject()
            json.field("seed", simulation.seed)
            json.field("page", simulation.page)
            for (name, rate) in simulation.options.settings {
                json.key(name)
                json.value(rate)
            }
            json.endObject()
        }
        if let note { json.field("note", note) }
        json.endObject()
        return json.string + "\n"
    }
}

extension GoldArticle {
    func write(to json: inout JSONWriter) {
        json.beginObject()
        if let id { json.field("id", id) }
        json.field("labels", strings: labels)
        json.field("headlines", strings: headlines)
        json.field("lead", lead)
        json.key("paragraphs")
        json.beginArray()
        for paragraph in paragraphs {
            json.beginObject()
            json.field("role", paragraph.role.rawValue)
            json.field("text", paragraph.text)
            json.endObject()
        }
        json.endArray()
        json.key("bylines")
        Renderer.writeBylines(bylines, to: &json)
        json.field("flags", strings: flags)
        json.key("joins")
        json.beginArray()
        for join in joins { writeIntegers(join, to: &json) }
        json.endArray()
        json.endObject()
    }
}

private func writeIntegers(_ numbers: [Int], to json: inout JSONWriter) {
    json.beginArray()
    for number in numbers { json.value(number) }
    json.endArray()
}
