/// What a byline looks like, read from the pack's `bylines.yaml`: printed roles, the shape of a
/// name, and what separates names. One definition serves the tagging stage (bylines leave the
/// text) and the spacing stage (a role–name space is printed on purpose).
public struct BylinePatterns: @unchecked Sendable {
    /// Roles, longest first so that 本报记者 wins over 记者.
    let roles: [String]
    /// `roles` as scalars, when every role is plain text (`ScalarText.isPlain`, one Character a
    /// scalar); nil otherwise.
    private let roleScalars: [[UInt32]]?
    let rolePatterns: [RulePattern]
    let name: RulePattern
    let separator: RulePattern
    let notNames: Set<String>
    let notNameEndings: [String]
    /// The longest byline, in characters: longer text is never read as one.
    let maxCharacters: Int
    let sentenceEnd: CodePointSet
    let closing: CodePointSet
    /// What ends an unbracketed credit after a dateline (报道：), and how long a credit may be.
    let creditEndings: [String]
    let creditMaxCharacters: Int
    /// Authors that are no person (理论学习中心组), recognized only right under a headline.
    let authorLinePatterns: [RulePattern]
    /// Rule ids, for edit records and explanations.
    public let bracketedRule: String
    public let roleNamesRule: String
    public let inlineCreditRule: String
    public let authorLineRule: String

    public init(pack: RulePack) throws {
        guard let file = pack.files.first(where: { $0.name == "bylines" }) else {
            throw RuleFileError(file: pack.name, line: nil, problem: "the rule pack has no bylines.yaml")
        }
        let root = file.root
        roles = try root.strings("roles").sorted { $0.count > $1.count }
        let plainRoles = roles.allSatisfy { role in
            role.count == role.unicodeScalars.count && role.unicodeScalars.allSatisfy { ScalarText.isPlain($0.value) }
        }
        roleScalars = plainRoles ? roles.map { $0.unicodeScalars.map(\.value) } : nil
        rolePatterns = try (root.optional("role-patterns")?.list() ?? []).map { try $0.pattern() }
        name = try root.required("name").pattern()
        separator = try root.required("separators").pattern()
        notNames = Set(try root.strings("not-names"))
        notNameEndings = try root.strings("name-never-ends-with")
        maxCharacters = try root.int("max-characters", default: 60)
        sentenceEnd = try pack.set("sentence-final")
        closing = try pack.set("closing-marks")
        func rule(kind: String) throws -> Rule {
            guard let rule = file.rules.first(where: { $0.kind == kind }) else {
                throw root.error("bylines.yaml needs a rule of kind '\(kind)'")
            }
            return rule
        }
        bracketedRule = try rule(kind: "bracketed").id
        roleNamesRule = try rule(kind: "role-names").id
        let credit = try rule(kind: "inline-credit")
        try credit.node.checkKeys(Rule.commonKeys.union(["endings", "max-characters"]))
        inlineCreditRule = credit.id
        creditEndings = try credit.node.strings("endings")
        creditMaxCharacters = try credit.node.int("max-characters", default: 40)
        let author = try rule(kind: "author-line")
        try author.node.checkKeys(Rule.commonKeys.union(["patterns"]))
        authorLineRule = author.id
        authorLinePatterns = try author.node.required("patterns").list().map { try $0.pattern() }
        for rule in file.rules where !["bracketed", "role-names", "inline-credit", "author-line"].contains(rule.kind) {
            throw rule.node.error("unknown byline rule kind '\(rule.kind)' (kinds: bracketed, role-names, inline-credit, author-line)")
        }
    }

    /// The bylines a whole text holds (`（李杰华、甄 珍）`, `记者 阎轶洁`), or nil when it is not a byline.
    public func bylines(in text: Substring) -> [Byline]? {
        let trimmed = text.trimmingSpaces
        // A byline is short and holds no sentence: skip running text before any pattern runs.
        guard !trimmed.isEmpty, trimmed.utf8.count <= maxCharacters * 4,
              !trimmed.unicodeScalars.contains(where: { sentenceEnd.contains($0.value) }),
              trimmed.hasAtMostCharacters(maxCharacters) else { return nil }
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
        trailingBylines(in: text[...])
    }

    public func trailingBylines(in text: Substring) -> (start: Substring.Index, bylines: [Byline])? {
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

    /// A credit right after a dateline (`（记者刘子富）`, `记者李建兴报道：`): where it ends (spaces after
    /// it included) and what it holds.
    public func inlineCredit(at text: Substring) -> (end: Substring.Index, bylines: [Byline])? {
        var end: Substring.Index?
        var credit: Substring?
        if let first = text.first, first == "（" || first == "(" {
            let close: Character = first == "（" ? "）" : ")"
            if let closeIndex = text.prefix(creditMaxCharacters).firstIndex(of: close) {
                end = text.index(after: closeIndex)
                credit = text[..<text.index(after: closeIndex)]
            }
        } else {
            let window = text.prefix(creditMaxCharacters)
            for ending in creditEndings {
                if let range = window.range(of: ending) {
                    end = range.upperBound
                    credit = window[..<range.lowerBound]
                    break
                }
            }
        }
        guard var end, let credit, let found = bylines(in: credit) else { return nil }
        while end < text.endIndex, text[end] == " " || text[end] == "\u{3000}" { end = text.index(after: end) }
        return (end, found)
    }

    /// An author that is no person, printed right under a headline (`晋源区委理论学习中心组`).
    public func authorLine(in text: Substring) -> Byline? {
        let trimmed = text.trimmingSpaces
        guard authorLinePatterns.contains(where: { $0.matchesWhole(trimmed) }) else { return nil }
        return Byline(role: nil, names: [trimmed.filter { $0 != " " && $0 != "\u{3000}" }], text: String(trimmed))
    }

    /// Names alone, separated by 、 or spaces; single characters padded apart are joined (周 皓).
    func names(in text: Substring) -> [String]? {
        var tokens = separator.split(text).map { $0.trimmingSpaces }.filter { !$0.isEmpty }
        guard !tokens.isEmpty else { return nil }
        tokens = Self.joiningPaddedCharacters(tokens)
        var names: [String] = []
        for token in tokens {
            let joined = Self.removingSpaces(token)
            guard !notNames.contains(joined), !notNameEndings.contains(where: { joined.hasSuffix($0) }),
                  role(at: joined[...]) == nil, name.matchesWhole(joined[...]) else { return nil }
            names.append(joined)
        }
        return names
    }

    /// Role followed by names, possibly several times: 记者 张三 通讯员 李四, 新华社记者陈雁、本报记者何正.
    /// A role counts only at the start of a separated token (a role inside a name is no role).
    func roleGroups(in text: Substring) -> [(role: String, names: [String])]? {
        let tokens = Self.joiningPaddedCharacters(separator.split(text).map { $0.trimmingSpaces }.filter { !$0.isEmpty })
        var groups: [(role: String, names: [String])] = []
        for token in tokens {
            if let role = role(at: token) {
                groups.append((role, []))
                let rest = token.dropFirst(role.count)
                if rest.isEmpty { continue }
                guard let names = names(in: rest) else { return nil }
                groups[groups.count - 1].names += names
            } else {
                guard !groups.isEmpty, let names = names(in: token) else { return nil }
                groups[groups.count - 1].names += names
            }
        }
        return groups.isEmpty || groups.contains(where: { $0.names.isEmpty }) ? nil : groups
    }

    private func role(at text: Substring) -> String? {
        let first = text.unicodeScalars.first.map { (value: $0.value, isPlain: ScalarText.isPlain($0.value)) }
        for index in roles.indices where mayStart(text, first: first, withRole: index) && text.hasPrefix(roles[index]) {
            return roles[index]
        }
        for pattern in rolePatterns {
            if let end = pattern.prefixMatchEnd(in: text) { return String(text[..<end]) }
        }
        return nil
    }

    /// False when the text cannot start with role `index`: where their scalars first differ, the
    /// text's is plain (it begins a Character that no normalization changes), so the Characters
    /// differ there too. True when `hasPrefix`, which compares Characters and costs far more, must
    /// decide; most tokens asked are names.
    private func mayStart(_ text: Substring, first: (value: UInt32, isPlain: Bool)?, withRole index: Int) -> Bool {
        guard let roleScalars, let roleFirst = roleScalars[index].first else { return true }
        // Most texts differ from most roles at the first scalar.
        guard let first else { return false }
        if first.value != roleFirst { return !first.isPlain }
        let scalars = text.unicodeScalars
        var position = scalars.startIndex
        for scalar in roleScalars[index] {
            guard position < scalars.endIndex else { return false }
            let value = scalars[position].value
            if value != scalar { return !ScalarText.isPlain(value) }
            position = scalars.index(after: position)
        }
        return true
    }

    /// The token without its spaces (` `, U+3000). When every scalar stands alone
    /// (`ScalarText.standsAlone`, each a Character of its own) they are dropped scalar by scalar,
    /// without comparing Characters.
    private static func removingSpaces(_ token: Substring) -> String {
        let scalars = token.unicodeScalars
        guard scalars.allSatisfy({ ScalarText.standsAlone($0.value) }) else {
            return token.filter { $0 != " " && $0 != "\u{3000}" }
        }
        guard scalars.contains(where: { $0 == " " || $0 == "\u{3000}" }) else { return String(token) }
        var kept = String.UnicodeScalarView()
        for scalar in scalars where scalar != " " && scalar != "\u{3000}" { kept.append(scalar) }
        return String(kept)
    }

    /// `[周, 皓, 李四]` → `[周 皓, 李四]`: two single characters in a row are one padded name.
    private static func joiningPaddedCharacters(_ tokens: [Substring]) -> [Substring] {
        var result: [Substring] = []
        var index = 0
        while index < tokens.count {
            if tokens[index].isOneCharacter, index + 1 < tokens.count, tokens[index + 1].isOneCharacter {
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
    /// `count == 1` without counting past the second Character.
    var isOneCharacter: Bool { !isEmpty && dropFirst().isEmpty }

    /// `count <= limit` without counting past the limit (a paragraph holds thousands): a
    /// Character takes a byte at least, so a text of no more bytes needs no count at all.
    func hasAtMostCharacters(_ limit: Int) -> Bool {
        if utf8.count <= limit { return true }
        guard let end = index(startIndex, offsetBy: limit, limitedBy: endIndex) else { return true }
        return end == endIndex
    }

    var trimmingSpaces: Substring {
        // A Character equal to " " or U+3000 is that scalar alone: text that neither starts with
        // the first byte of one nor ends with the last byte of one has none to trim.
        if let first = utf8.first, let last = utf8.last, first != 0x20, first != 0xE3, last != 0x20, last != 0x80 {
            return self
        }
        var lower = startIndex
        var upper = endIndex
        while lower < upper, self[lower] == " " || self[lower] == "\u{3000}" { lower = index(after: lower) }
        while upper > lower, self[index(before: upper)] == " " || self[index(before: upper)] == "\u{3000}" { upper = index(before: upper) }
        return self[lower..<upper]
    }

    /// The text inside `（…）` or `(…)` when the brackets wrap the whole text.
    var insideRoundBrackets: Substring? {
        guard let first, let last, !dropFirst(2).isEmpty,
              (first == "（" && last == "）") || (first == "(" && last == ")") else { return nil }
        let inner = dropFirst().dropLast()
        return inner.holdsOpeningRoundBracket ? nil : inner
    }

    /// Whether `（` or `(` stands inside. Without either scalar the answer is no (nothing else is
    /// canonically equivalent to them), found without the string search; with one, the search
    /// decides (a bracket may be part of a larger Character).
    private var holdsOpeningRoundBracket: Bool {
        guard unicodeScalars.contains(where: { $0 == "（" || $0 == "(" }) else { return false }
        return contains("（") || contains("(")
    }
}

extension RuleNode {
    /// A regular expression, compiled; a broken one is refused with the file and line.
    func regex() throws -> Regex<AnyRegexOutput> {
        let pattern = try string()
        do { return try Regex(pattern) } catch { throw self.error("not a valid regular expression: \(pattern)") }
    }

    /// A rule file's pattern, compiled with the literals every match must hold.
    func pattern() throws -> RulePattern { RulePattern(regex: try regex(), source: try string()) }
}
