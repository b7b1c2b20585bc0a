/// A page or record that could not be repaired: where it came from and why. One line of
/// `failures.jsonl` in a batch, and of the error lines a stream writes in place of the articles.
public struct BatchFailure: Sendable, Equatable, CustomStringConvertible {
    /// The file the page came from (`stdin` for standard input).
    public var source: String
    /// The line of a JSONL file, for a record.
    public var line: Int?
    /// The record's id, when the record got as far as naming one.
    public var id: String?
    public var problem: String

    public init(source: String, line: Int? = nil, id: String? = nil, problem: String) {
        self.source = source
        self.line = line
        self.id = id
        self.problem = problem
    }

    /// A page file refused by `PageReader` or `Page`.
    public init(_ error: Page.InputError) {
        self.init(source: error.source, problem: error.problem)
    }

    /// `records.jsonl:7: record "p7": page holds no text, only white space`
    public var description: String {
        var place = source
        if let line { place += ":\(line)" }
        if let id { place += ": record \"\(id)\"" }
        return "\(place): \(problem)"
    }

    /// `{"id": "p7", "error": "page holds no text, only white space", "source": "records.jsonl", "line": 7}`
    /// with a newline; `id` and `line` are null where unknown.
    public var jsonLine: String {
        var json = JSONWriter()
        json.beginObject()
        json.field("id", id)
        json.field("error", problem)
        json.field("source", source)
        json.key("line")
        if let line { json.value(line) } else { json.value(nil as String?) }
        json.endObject()
        return json.string + "\n"
    }
}
