import Yams

/// One example a rule carries: what goes in and what must come out (`leave` examples must come
/// out unchanged).
public struct RuleExample: Sendable, CustomStringConvertible {
    public let rule: String
    public let input: String
    public let output: String
    public let file: String
    public let line: Int?

    public var description: String { "\(file):\(line ?? 0) \(rule)" }
}

/// One rule of a rule file: an id, a kind the stage knows, a description, examples, and the
/// kind's own parameters (read by the stage that runs it).
public struct Rule: Sendable {
    /// Qualified id: `pack/file/rule`, as edit records name it.
    public let id: String
    public let kind: String
    public let description: String
    public let examples: [RuleExample]
    public let node: RuleNode

    static let commonKeys: Set<String> = ["id", "kind", "description", "examples"]
}

/// A rule file: which stage its rules belong to, what they do, and the rules in order.
public struct RuleFile: Sendable {
    public let path: String
    public let name: String
    public let stage: String
    public let description: String
    public let rules: [Rule]
    /// Keys outside `rules` that the stage reads (term lists, pattern tables).
    public let root: RuleNode

    public init(path: String, pack: String, contents: String) throws {
        self.path = path
        name = String(path.split(separator: "/").last.map { $0.split(separator: ".").first ?? $0 } ?? Substring(path))
        root = try RuleNode.parse(path: path, contents: contents)
        stage = try root.string("stage")
        description = try root.string("description")
        var seen = Set<String>()
        var rules: [Rule] = []
        for node in try root.optional("rules")?.list() ?? [] {
            let id = try node.string("id")
            guard seen.insert(id).inserted else { throw node.error("rule id '\(id)' appears twice") }
            let qualified = "\(pack)/\(name)/\(id)"
            var examples: [RuleExample] = []
            for example in try node.optional("examples")?.list() ?? [] {
                if let leave = try example.optionalString("leave") {
                    try example.checkKeys(["leave"])
                    examples.append(RuleExample(rule: qualified, input: leave, output: leave, file: path, line: example.line))
                } else {
                    try example.checkKeys(["input", "output"])
                    examples.append(RuleExample(rule: qualified, input: try example.string("input"),
                                                output: try example.string("output"), file: path, line: example.line))
                }
            }
            guard !examples.isEmpty else { throw node.error("rule '\(id)' has no examples") }
            rules.append(Rule(id: qualified, kind: try node.string("kind"), description: try node.string("description"),
                              examples: examples, node: node))
        }
        self.rules = rules
    }
}
