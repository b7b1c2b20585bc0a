/// The structure patterns of a rule pack (`structure.yaml`): datelines, labels, the shapes of
/// headlines and subheads, list markers, captions and jump lines. Another newspaper's conventions
/// arrive as another pack, not as code.
struct StructureRules: @unchecked Sendable {
    struct PatternRule {
        let id: String
        let patterns: [RulePattern]
        var maxCharacters = Int.max

        /// The first pattern matching the whole of `text`.
        func matchesWhole(_ text: Substring) -> Bool {
            text.hasAtMostCharacters(maxCharacters) && patterns.contains { $0.matchesWhole(text) }
        }

        /// The first pattern that matches at the start of `text`.
        func patternIndex(atStartOf text: Substring) -> Int? {
            let head = StructureRules.head(of: text)
            return patterns.firstIndex { $0.prefixMatchEnd(in: head) != nil }
        }

        /// The longest match of a pattern at the start of `text`.
        func prefix(of text: Substring) -> Substring? {
            let head = StructureRules.head(of: text)
            var best: Substring.Index?
            for pattern in patterns {
                if let end = pattern.prefixMatchEnd(in: head), end > (best ?? text.startIndex) { best = end }
            }
            return best.map { text[..<$0] }
        }
    }

    /// How far into a block a pattern read at its start may reach (a dateline, a list marker, a
    /// jump line), in scalars: matching stops there instead of reading a whole paragraph.
    static let headReach = 80

    /// Counted in scalars, not Characters: finding Character boundaries costs far more, and no
    /// pattern read at a block's start reaches that far.
    static func head(of text: Substring) -> Substring { Substring(text.unicodeScalars.prefix(headReach)) }

    struct JumpRule {
        enum Direction: String { case to, from }
        let id: String
        let direction: Direction
        let patterns: [RulePattern]

        /// `continued-to:2` for `（下转第2版）`: the page is the pattern's first group.
        func flag(for match: Regex<AnyRegexOutput>.Match) -> String {
            let page = match.output.count > 1 ? match.output[1].substring.map(String.init) ?? "" : ""
            return "continued-\(direction.rawValue):\(page)"
        }
    }

    struct HeadlineShape {
        let id: String
        let maxCharacters: Int
        let neverContains: CodePointSet
        let neverEndsWith: CodePointSet
        let subtitleOpeners: [String]
    }

    /// Text whose words do not fit the open article above it starts an article of its own: the
    /// cosine of page-weighted Han bigrams is below `fitMax`, judged only when the article holds
    /// `minArticleBigrams` distinct bigrams or more and the text `minTextBigrams` or more.
    struct SubjectBreak {
        let id: String
        let fitMax: Double
        let minArticleBigrams: Int
        let minTextBigrams: Int
    }

    struct SubheadShape {
        let id: String
        let maxCharacters: Int
        let minHeadingLevel: Int
    }

    let lead: PatternRule
    let bracketedLabel: (id: String, brackets: [(open: Character, close: Character)], maxCharacters: Int)
    let labelLine: PatternRule
    let headline: HeadlineShape
    let subhead: SubheadShape
    /// For paragraphs closed by a byline (a brief printed without a headline); nil when the pack
    /// has no such rule.
    let signedBrief: SubjectBreak?
    /// For unsigned text: it takes more text to tell.
    let subjectChange: SubjectBreak?
    let listItem: PatternRule
    let caption: PatternRule
    let jumps: [JumpRule]
    /// Han characters (`han` of pack.yaml): the words a label and a headline may share.
    let han: CodePointSet

    static let jumpLineWindow = 16
    static let kinds = ["lead", "bracketed-label", "label-line", "headline-shape", "subhead", "signed-brief", "subject-change",
                        "list-item", "caption", "jump-line"]

    init(pack: RulePack) throws {
        guard let file = pack.files.first(where: { $0.name == "structure" }) else {
            throw RuleFileError(file: pack.name, line: nil, problem: "the rule pack has no structure.yaml")
        }
        for rule in file.rules where !Self.kinds.contains(rule.kind) {
            throw rule.node.error("unknown structure rule kind '\(rule.kind)' (kinds: \(Self.kinds.joined(separator: ", ")))")
        }
        func single(_ kind: String, keys: Set<String>) throws -> Rule {
            let rules = file.rules.filter { $0.kind == kind }
            guard let rule = rules.first else { throw file.root.error("structure.yaml needs a rule of kind '\(kind)'") }
            guard rules.count == 1 else { throw rules[1].node.error("structure.yaml has more than one rule of kind '\(kind)'") }
            try rule.node.checkKeys(Rule.commonKeys.union(keys))
            return rule
        }
        func patternRule(_ kind: String, key: String = "patterns", limited: Bool = false) throws -> PatternRule {
            let rule = try single(kind, keys: limited ? [key, "max-characters"] : [key])
            return PatternRule(id: rule.id, patterns: try rule.node.required(key).list().map { try $0.pattern() },
                               maxCharacters: limited ? try rule.node.int("max-characters", default: 40) : Int.max)
        }
        han = try pack.set("han")
        lead = try patternRule("lead")
        labelLine = try patternRule("label-line", limited: true)
        listItem = try patternRule("list-item", key: "markers")
        caption = try patternRule("caption", limited: true)

        let label = try single("bracketed-label", keys: ["brackets", "max-characters"])
        let brackets = try label.node.required("brackets").list().map { node -> (open: Character, close: Character) in
            let pair = Array(try node.string())
            guard pair.count == 2 else { throw node.error("a bracket pair is two characters, an opening and a closing one") }
            return (pair[0], pair[1])
        }
        bracketedLabel = (label.id, brackets, try label.node.int("max-characters", default: 16))

        let shape = try single("headline-shape", keys: ["max-characters", "never-contains", "never-ends-with", "subtitle-openers"])
        headline = HeadlineShape(id: shape.id, maxCharacters: try shape.node.int("max-characters", default: 40),
                                 neverContains: try shape.node.codePointSet("never-contains"),
                                 neverEndsWith: try shape.node.codePointSet("never-ends-with"),
                                 subtitleOpeners: try shape.node.strings("subtitle-openers"))
        let sub = try single("subhead", keys: ["max-characters", "min-heading-level"])
        subhead = SubheadShape(id: sub.id, maxCharacters: try sub.node.int("max-characters", default: 24),
                               minHeadingLevel: try sub.node.int("min-heading-level", default: 3))
        // Optional: a pack without them breaks articles only at headlines, datelines and bylines.
        func subjectBreak(_ kind: String) throws -> SubjectBreak? {
            guard file.rules.contains(where: { $0.kind == kind }) else { return nil }
            let rule = try single(kind, keys: ["fit-max", "min-article-bigrams", "min-text-bigrams"])
            return SubjectBreak(id: rule.id, fitMax: try rule.node.double("fit-max", default: 0.005),
                                minArticleBigrams: try rule.node.int("min-article-bigrams", default: 150),
                                minTextBigrams: try rule.node.int("min-text-bigrams", default: 0))
        }
        signedBrief = try subjectBreak("signed-brief")
        subjectChange = try subjectBreak("subject-change")

        jumps = try file.rules.filter { $0.kind == "jump-line" }.map { rule in
            try rule.node.checkKeys(Rule.commonKeys.union(["direction", "patterns"]))
            let directionNode = try rule.node.required("direction")
            guard let direction = JumpRule.Direction(rawValue: try directionNode.string()) else {
                throw directionNode.error("direction is 'to' (下转第2版) or 'from' (上接第1版)")
            }
            return JumpRule(id: rule.id, direction: direction, patterns: try rule.node.required("patterns").list().map { try $0.pattern() })
        }
    }

    /// The label inside `【并州论坛】` when the brackets wrap the whole text.
    func bracketedLabel(in text: Substring) -> Substring? {
        guard let first = text.first, let last = text.last, text.count >= 3,
              bracketedLabel.brackets.contains(where: { $0.open == first && $0.close == last }) else { return nil }
        let inner = text.dropFirst().dropLast().trimmingSpaces
        return inner.isEmpty || inner.count > bracketedLabel.maxCharacters ? nil : inner
    }

    /// One line, short, without sentence punctuation, not wrapped in round brackets.
    func isHeadlineShaped(_ text: Substring) -> Bool {
        guard let last = text.unicodeScalars.last, !headline.neverEndsWith.contains(last.value),
              !text.utf8.contains(0x0A), text.hasAtMostCharacters(headline.maxCharacters),
              text.insideRoundBrackets == nil else { return false }
        return !text.unicodeScalars.contains { headline.neverContains.contains($0.value) }
    }

    func opensWithSubtitleMark(_ text: Substring) -> Bool {
        headline.subtitleOpeners.contains { text.hasPrefix($0) }
    }

    /// A jump line filling the whole text.
    func wholeJump(_ text: Substring) -> (rule: String, flag: String)? {
        for rule in jumps {
            for pattern in rule.patterns {
                if let match = try? pattern.wholeMatch(in: text) { return (rule.id, rule.flag(for: match)) }
            }
        }
        return nil
    }

    /// A jump line opening the text (`（上接第1版）大桥合龙后…`): where the rest starts.
    func leadingJump(_ text: Substring) -> (rule: String, flag: String, end: Substring.Index)? {
        for rule in jumps {
            for pattern in rule.patterns {
                if let match = try? pattern.prefixMatch(in: Self.head(of: text)), !match.range.isEmpty {
                    return (rule.id, rule.flag(for: match), match.range.upperBound)
                }
            }
        }
        return nil
    }

    /// A jump line closing the text (`…工程进展顺利（下转第2版）`): where it starts.
    func trailingJump(_ text: Substring) -> (rule: String, flag: String, start: Substring.Index)? {
        // A jump line is a few characters long: search only the paragraph's end.
        let tail = text.suffix(Self.jumpLineWindow)
        for rule in jumps {
            for pattern in rule.patterns {
                if let match = pattern.matches(in: tail).first(where: { $0.range.upperBound == tail.endIndex }), !match.range.isEmpty {
                    return (rule.id, rule.flag(for: match), match.range.lowerBound)
                }
            }
        }
        return nil
    }
}
