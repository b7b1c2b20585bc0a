/// What a byline looks like, read from the pack's `bylines.yaml`: printed roles, the shape of a
/// name, and what separates names. One definition serves the tagging stage (bylines leave the
/// text) and the spacing stage (a role–name space is printed on purpose).
public struct BylinePatterns: @unchecked Sendable {
    /// Roles, longest first so that 本报记者 wins over 记者.
    let roles: [String]
    let rolePatterns: [Regex<AnyRegexOutput>]
    let name: Regex<AnyRegexOutput>
    let separator: Regex<AnyRegexOutput>
    let notNames: Set<String>
    let sentenceEnd: CodePointSet
    let closing: CodePointSet
    /// Rule ids, for edit records and explanations.
    public let bracketedRule: String
    public let roleNamesRule: String

    public init(pack: RulePack) throws {
        guard let file = pack.files.first(where: { $0.name == "bylines" }) else {
            throw RuleFileError(file: pack.name, line: nil, problem: "the rule pack has no bylines.yaml")
        }
        let root = file.root
        roles = try root.strings("roles").sorted { $0.count > $1.count }
        func regex(_ node: RuleNode) throws -> Regex<AnyRegexOutput> {
            let pattern = try node.string()
            do { return try Regex(pattern) } catch { throw node.error("not a valid regular expression: \(pattern)") }
        }
        rolePatterns = try (root.optional("role-patterns")?.list() ?? []).map(regex)
        name = try regex(root.required("name"))
        separator = try regex(root.required("separators"))
        notNames = Set(try root.strings("not-names"))
        sentenceEnd = try pack.set("sentence-final")
        closing = try pack.set("closing-marks")
        func ruleID(kind: String) throws -> String {
            guard let rule = file.rules.first(where: { $0.kind == kind }) else {
                throw root.error("bylines.yaml needs a rule of kind '\(kind)'")
            }
            return rule.id
        }
        bracketedRule = try ruleID(kind: "bracketed")
        roleNamesRule = try ruleID(kind: "role-names")
    }

    /// The bylines a whole text holds (`（李杰华、甄 珍）`, `记者 阎轶洁`), or nil when it is not a byline.
    public func bylines(in text: Substring) -> [Byline]? {
        let trimmed = text.trimmingSpaces
        guard !trimmed.isEmpty else { return nil }
        if let inner = trimmed.insideRoundBrackets {
            if let names = names(in: inner) { return [Byline(role: nil, names: names, text: String(trimmed))] }
            if let groups = roleGroups(in: inner) { return groups.map { Byline(role: $0.role, names: $0.names, text: String(trimmed)) } }
            return nil
        }
        guard let groups = roleGroups(in: trimmed) else { return nil }
        return groups.map { Byline(role: $0.role, names: $0.names, text: String(trimmed)) }
    }

    /// A byline closing a paragraph (`…使命担当。 记者 阎轶洁`): where it starts, and what it holds.
    public func trailingBylines(in text: String) -> (start: String.Index, bylines: [Byline])? {
        var index = text.endIndex
        var scanned = 0
        while index > text.startIndex && scanned < 40 {
            let previous = text.index(before: index)
            let scalar = text.unicodeScalars[previous].value
            if sentenceEnd.contains(scalar) || closing.contains(scalar) && index != text.endIndex {
                let tail = text[index...]
                guard let bylines = bylines(in: tail) else { return nil }
                var start = index
                while start < text.endIndex, text[start] == " " || text[start] == "\u{3000}" { start = text.index(after: start) }
                return (start, bylines)
            }
            index = previous
            scanned += 1
        }
        return nil
    }

    /// Names alone, separated by 、 or spaces; single characters padded apart are joined (周 皓).
    func names(in text: Substring) -> [String]? {
        var tokens = text.split(separator: separator).map { $0.trimmingSpaces }.filter { !$0.isEmpty }
        guard !tokens.isEmpty else { return nil }
        tokens = Self.joiningPaddedCharacters(tokens)
        var names: [String] = []
        for token in tokens {
            let joined = token.filter { $0 != " " && $0 != "\u{3000}" }
            guard !notNames.contains(joined), (try? name.wholeMatch(in: joined)) != nil else { return nil }
            names.append(joined)
        }
        return names
    }

    /// Role followed by names, possibly several times: 记者 张三 通讯员 李四.
    func roleGroups(in text: Substring) -> [(role: String, names: [String])]? {
        var groups: [(role: String, names: [String])] = []
        var rest = text.trimmingSpaces
        while !rest.isEmpty {
            guard let role = role(at: rest) else { return nil }
            rest = rest.dropFirst(role.count)
            let next = nextRoleStart(in: rest)
            guard let names = names(in: rest[..<next]) else { return nil }
            groups.append((role, names))
            rest = rest[next...].trimmingSpaces
        }
        return groups.isEmpty ? nil : groups
    }

    private func role(at text: Substring) -> String? {
        if let role = roles.first(where: { text.hasPrefix($0) }) { return role }
        for pattern in rolePatterns {
            if let match = try? pattern.prefixMatch(in: text) { return String(text[match.range]) }
        }
        return nil
    }

    /// Where the next role starts after a space (a role inside a name is no role).
    private func nextRoleStart(in text: Substring) -> Substring.Index {
        var index = text.startIndex
        while index < text.endIndex {
            if text[index] == " " || text[index] == "\u{3000}" {
                let after = text[text.index(after: index)...].trimmingSpaces
                if role(at: after) != nil { return index }
            }
            index = text.index(after: index)
        }
        return text.endIndex
    }

    /// `[周, 皓, 李四]` → `[周 皓, 李四]`: two single characters in a row are one padded name.
    private static func joiningPaddedCharacters(_ tokens: [Substring]) -> [Substring] {
        var result: [Substring] = []
        var index = 0
        while index < tokens.count {
            if tokens[index].count == 1, index + 1 < tokens.count, tokens[index + 1].count == 1 {
                let base = tokens[index].base
                result.append(base[tokens[index].startIndex..<tokens[index + 1].endIndex])
                index += 2
            } else {
                result.append(tokens[index])
                index += 1
            }
        }
        return result
    }
}

extension Substring {
    var trimmingSpaces: Substring {
        var lower = startIndex
        var upper = endIndex
        while lower < upper, self[lower] == " " || self[lower] == "\u{3000}" { lower = index(after: lower) }
        while upper > lower, self[index(before: upper)] == " " || self[index(before: upper)] == "\u{3000}" { upper = index(before: upper) }
        return self[lower..<upper]
    }

    /// The text inside `（…）` or `(…)` when the brackets wrap the whole text.
    var insideRoundBrackets: Substring? {
        guard let first, let last, count >= 3,
              (first == "（" && last == "）") || (first == "(" && last == ")") else { return nil }
        let inner = dropFirst().dropLast()
        return inner.contains("（") || inner.contains("(") ? nil : inner
    }
}
