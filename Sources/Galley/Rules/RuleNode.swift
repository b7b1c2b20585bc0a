import Yams

/// A YAML node of a rule file together with the file it came from, so that every problem found
/// while reading it can name the file and the line.
public struct RuleNode: @unchecked Sendable {
    let node: Node
    public let file: String

    init(_ node: Node, file: String) {
        self.node = node
        self.file = file
    }

    public var line: Int? { node.mark?.line }

    public func error(_ problem: String) -> RuleFileError {
        RuleFileError(file: file, line: line, problem: problem)
    }

    public func optional(_ key: String) -> RuleNode? {
        node.mapping?[key].map { RuleNode($0, file: file) }
    }

    public func required(_ key: String) throws -> RuleNode {
        guard node.mapping != nil else { throw error("expected a mapping with the key '\(key)'") }
        guard let value = optional(key) else { throw error("missing key '\(key)'") }
        return value
    }

    public func string() throws -> String {
        guard case .scalar(let scalar) = node else { throw error("expected text") }
        return scalar.string
    }

    public func string(_ key: String) throws -> String { try required(key).string() }

    public func optionalString(_ key: String) throws -> String? { try optional(key)?.string() }

    public func int(_ key: String, default value: Int) throws -> Int {
        guard let node = optional(key) else { return value }
        guard let number = Int(try node.string()) else { throw node.error("'\(key)' must be a whole number") }
        return number
    }

    public func double(_ key: String, default value: Double) throws -> Double {
        guard let node = optional(key) else { return value }
        guard let number = Double(try node.string()) else { throw node.error("'\(key)' must be a number") }
        return number
    }

    public func list() throws -> [RuleNode] {
        guard case .sequence(let sequence) = node else { throw error("expected a list") }
        return sequence.map { RuleNode($0, file: file) }
    }

    /// A list of strings, or a single string taken as a one-element list.
    public func strings(_ key: String) throws -> [String] {
        guard let node = optional(key) else { return [] }
        if case .scalar = node.node { return [try node.string()] }
        return try node.list().map { try $0.string() }
    }

    /// The entries of a mapping in file order.
    public func entries() throws -> [(key: String, value: RuleNode)] {
        guard case .mapping(let mapping) = node else { throw error("expected a mapping") }
        return try mapping.map { (key: try RuleNode($0.key, file: file).string(), value: RuleNode($0.value, file: file)) }
    }

    /// An ICU UnicodeSet pattern, compiled.
    public func codePointSet(_ key: String) throws -> CodePointSet {
        let node = try required(key)
        let pattern = try node.string()
        guard let set = CodePointSet(pattern: pattern) else {
            throw node.error("'\(key)' is not a valid ICU UnicodeSet pattern: \(pattern)")
        }
        return set
    }

    /// Rejects keys outside `allowed`, so that a typo in a rule file does not pass silently.
    public func checkKeys(_ allowed: Set<String>) throws {
        for (key, value) in try entries() where !allowed.contains(key) {
            throw value.error("unknown key '\(key)' (expected one of: \(allowed.sorted().joined(separator: ", ")))")
        }
    }

    /// Parses a YAML rule file into its root mapping.
    public static func parse(path: String, contents: String) throws -> RuleNode {
        let document: Node?
        do {
            document = try Yams.compose(yaml: contents)
        } catch let error as YamlError {
            throw RuleFileError(file: path, line: line(of: error), problem: "not valid YAML: \(problem(of: error))")
        }
        guard let document, document.mapping != nil else {
            throw RuleFileError(file: path, line: 1, problem: "expected a mapping of keys at the top of the file")
        }
        return RuleNode(document, file: path)
    }

    private static func line(of error: YamlError) -> Int? {
        switch error {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _): return mark.line
        default: return nil
        }
    }

    private static func problem(of error: YamlError) -> String {
        switch error {
        case .scanner(_, let problem, _, _), .parser(_, let problem, _, _), .composer(_, let problem, _, _): return problem
        default: return "\(error)"
        }
    }
}
