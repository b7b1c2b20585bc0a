import Foundation

/// One clean article, the simulator's input (one JSONL line): what the pipeline should recover
/// from the page the simulator prints.
public struct CleanArticle: Sendable, Equatable {
    public struct Byline: Sendable, Equatable {
        /// How the byline is printed; nil lets the simulator choose one that fits the role.
        public enum Style: String, Sendable, CaseIterable, Decodable {
            /// A line of its own after the last paragraph: `（李杰华、甄珍）`.
            case standalone
            /// At the end of the last paragraph: `…新篇章。 （刘志刚、邢俊兰）`, `…担当。 记者 阎轶洁`.
            case trailing
            /// A line under the headline: `本报记者　张三　李四`, `某某理论学习中心组`.
            case authorLine = "author-line"
            /// Right after the lead: `本报北京1月4日电（记者王某）`.
            case inlineCredit = "inline-credit"
        }

        public var role: String?
        public var names: [String]
        public var style: Style?

        public init(role: String?, names: [String], style: Style? = nil) {
            self.role = role
            self.names = names
            self.style = style
        }
    }

    public var labels: [String]
    public var headlines: [String]
    public var lead: String?
    public var paragraphs: [GoldParagraph]
    public var bylines: [Byline]

    public init(labels: [String] = [], headlines: [String], lead: String?, paragraphs: [GoldParagraph], bylines: [Byline] = []) {
        self.labels = labels
        self.headlines = headlines
        self.lead = lead
        self.paragraphs = paragraphs
        self.bylines = bylines
    }

    /// Characters of printed text, for filling pages to a size.
    var characterCount: Int {
        (headlines + paragraphs.map(\.text)).reduce(0) { $0 + $1.count } + (lead?.count ?? 0)
    }
}

extension CleanArticle: Decodable {
    enum CodingKeys: String, CodingKey { case labels, headlines, lead, paragraphs, bylines }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        labels = try container.decodeIfPresent([String].self, forKey: .labels) ?? []
        headlines = try container.decodeIfPresent([String].self, forKey: .headlines) ?? []
        lead = try container.decodeIfPresent(String.self, forKey: .lead)
        paragraphs = try container.decode([GoldParagraph].self, forKey: .paragraphs)
        bylines = try container.decodeIfPresent([Byline].self, forKey: .bylines) ?? []
    }
}

extension CleanArticle.Byline: Decodable {
    enum CodingKeys: String, CodingKey { case role, names, style }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        role = try container.decodeIfPresent(String.self, forKey: .role)
        names = try container.decode([String].self, forKey: .names)
        style = try container.decodeIfPresent(Style.self, forKey: .style)
    }
}

/// Reads clean articles from JSONL, one article per line; blank lines are skipped.
public enum ArticleCorpus {
    /// Why a corpus was refused: the file, the line when there is one, and the problem.
    public struct InputError: Error, CustomStringConvertible, Sendable {
        public let file: String
        public let line: Int?
        public let problem: String
        public var description: String { line.map { "\(file):\($0): \(problem)" } ?? "\(file): \(problem)" }
    }

    public static func read(path: String) throws -> [CleanArticle] {
        let bytes: [UInt8]
        do {
            bytes = try PageReader.readBytes(path: path, maxBytes: Int.max)
        } catch let error as Page.InputError {
            throw InputError(file: path, line: nil, problem: error.problem)
        }
        return try parse(bytes, file: path)
    }

    public static func parse(_ bytes: [UInt8], file: String) throws -> [CleanArticle] {
        var articles: [CleanArticle] = []
        let decoder = JSONDecoder()
        for (offset, line) in bytes.split(separator: 0x0A, omittingEmptySubsequences: false).enumerated() {
            guard line.contains(where: { !Page.isBlankByte($0) }) else { continue }
            let number = offset + 1
            let article: CleanArticle
            do {
                article = try decoder.decode(CleanArticle.self, from: Data(line))
            } catch {
                throw InputError(file: file, line: number, problem: JSONProblem.describe(error))
            }
            if let problem = problemWith(article) { throw InputError(file: file, line: number, problem: problem) }
            articles.append(article)
        }
        guard !articles.isEmpty else {
            throw InputError(file: file, line: nil, problem: bytes.isEmpty ? "empty file: no articles to lay out" : "no articles: every line is blank")
        }
        return articles
    }

    private static func problemWith(_ article: CleanArticle) -> String? {
        let blank = { (text: String) in text.unicodeScalars.allSatisfy { $0.properties.isWhitespace } }
        if article.paragraphs.isEmpty { return "an article needs at least one paragraph" }
        if let index = article.paragraphs.firstIndex(where: { blank($0.text) }) { return "paragraph \(index + 1) is empty" }
        if article.headlines.contains(where: blank) { return "a headline is empty" }
        if article.bylines.contains(where: { $0.names.isEmpty || $0.names.contains(where: blank) }) {
            return "a byline needs at least one name, none of them empty"
        }
        return nil
    }
}

/// Turns decoding errors into one line that says where in the JSON the problem is.
enum JSONProblem {
    static func describe(_ error: any Error) -> String {
        guard let error = error as? DecodingError else { return "\(error)" }
        func path(_ keys: [any CodingKey]) -> String {
            let parts = keys.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
            return parts.isEmpty ? "the top level" : String(parts.drop { $0 == "." })
        }
        switch error {
        case .dataCorrupted(let context):
            return context.codingPath.isEmpty ? "not valid JSON" : "\(path(context.codingPath)): \(context.debugDescription)"
        case .keyNotFound(let key, let context):
            return "\(path(context.codingPath + [key])) is missing"
        case .typeMismatch(let type, let context), .valueNotFound(let type, let context):
            return "\(path(context.codingPath)): expected \(typeName(type))"
        @unknown default:
            return "\(error)"
        }
    }

    private static func typeName(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: return "a string"
        case is Int.Type: return "a number"
        case is Bool.Type: return "true or false"
        default:
            let name = "\(type)"
            if name.hasPrefix("Array") { return "a list" }
            if name.hasPrefix("Dictionary") { return "an object" }
            return name
        }
    }
}
