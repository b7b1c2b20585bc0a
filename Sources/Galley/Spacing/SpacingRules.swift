/// The spacing stage's rules (`Rules/zh-Hans/spacing.yaml`): one rule of each kind, whose id
/// names the edits and explanations of that decision, and the character classes it reads.
/// A class: every block's decider shares one instance instead of copying its tables.
final class SpacingRules: Sendable {
    enum Kind: String, CaseIterable, Sendable {
        case betweenHan = "between-han"
        case besideMarks = "beside-marks"
        case letterSpaced = "letter-spaced"
        case spacedDigits = "spaced-digits"
        case wordSplit = "word-split"
        case singleCharacter = "single-character"
        case wordSpaced = "word-spaced"
        case phraseSeparator = "phrase-separator"
        case byline = "byline"
        case nonChinese = "non-chinese"
        case lineJoin = "line-join"
        case lineJoinLatin = "line-join-latin"
        case hyphenRejoin = "hyphen-rejoin"
    }

    /// The rule id of each kind, in `Kind.allCases` order: a short list read for every change
    /// costs less than hashing the kind into a dictionary.
    private let ids: [(kind: Kind, id: String)]
    let han: CodePointSet
    let marks: CodePointSet
    let openingMarks: CodePointSet
    let closingMarks: CodePointSet
    let sentenceFinal: CodePointSet
    let latin: CodePointSet
    let titleMarks: [(open: UInt32, close: UInt32)]
    /// Brackets that may hold a credit inside a paragraph (（记者 刘小川）).
    let creditBrackets: [(open: UInt32, close: UInt32)]
    /// Per UTF-8 lead byte: whether a scalar of `creditBrackets` starts with it. Most characters
    /// are told apart from them without a decode.
    let creditBracketLeads: [Bool]
    let letterSpacedMinimum: Int
    /// Han characters read on each side of a gap when asking whether a word spans it.
    let wordContext: Int

    init(pack: RulePack) throws {
        let files = pack.files(for: Spacing.id)
        guard let file = files.first(where: { !$0.rules.isEmpty }) else {
            throw RuleFileError(file: pack.name, line: nil, problem: "the rule pack has no spacing rules (a file with 'stage: spacing' and 'rules:')")
        }
        var byKind: [Kind: String] = [:]
        for rule in files.flatMap(\.rules) {
            guard let kind = Kind(rawValue: rule.kind) else {
                throw rule.node.error("unknown spacing rule kind '\(rule.kind)' (\(Kind.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            guard byKind[kind] == nil else { throw rule.node.error("a second rule of kind '\(rule.kind)': the spacing stage takes one of each") }
            try rule.node.checkKeys(Rule.commonKeys)
            byKind[kind] = rule.id
        }
        for kind in Kind.allCases where byKind[kind] == nil {
            throw file.root.error("\(file.name).yaml needs a rule of kind '\(kind.rawValue)'")
        }
        ids = Kind.allCases.map { ($0, byKind[$0] ?? $0.rawValue) }
        let root = file.root
        han = try pack.set("han")
        closingMarks = try pack.set("closing-marks")
        sentenceFinal = try pack.set("sentence-final")
        marks = try root.codePointSet("marks")
        openingMarks = try root.codePointSet("opening-marks")
        latin = try root.codePointSet("latin")
        func pairs(_ key: String) throws -> [(open: UInt32, close: UInt32)] {
            try root.strings(key).map { pair in
                let scalars = Array(pair.unicodeScalars)
                guard scalars.count == 2 else { throw root.error("each pair of '\(key)' is two characters, an opening and a closing one: '\(pair)'") }
                return (scalars[0].value, scalars[1].value)
            }
        }
        titleMarks = try pairs("title-marks")
        creditBrackets = try pairs("credit-brackets")
        var leads = [Bool](repeating: false, count: 256)
        for pair in creditBrackets {
            leads[Int(UTF8Scalar.encode(pair.open)[0])] = true
            leads[Int(UTF8Scalar.encode(pair.close)[0])] = true
        }
        creditBracketLeads = leads
        letterSpacedMinimum = try root.int("letter-spaced-minimum", default: 4)
        wordContext = try root.int("word-context", default: 8)
        guard letterSpacedMinimum >= 2, wordContext >= 1 else {
            throw root.error("'letter-spaced-minimum' must be at least 2 and 'word-context' at least 1")
        }
    }

    func id(_ kind: Kind) -> String { ids.first { $0.kind == kind }?.id ?? kind.rawValue }

    enum CharacterClass {
        case han, mark, digit, latin, other
        var isChinese: Bool { self == .han || self == .mark }
    }

    @inline(__always)
    func classify(_ scalar: UInt32) -> CharacterClass {
        if scalar < 0x80 {
            if scalar >= 0x30 && scalar <= 0x39 { return .digit }
            if (scalar | 0x20) >= 0x61 && (scalar | 0x20) <= 0x7A { return .latin }
            return .other
        }
        if han.contains(scalar) { return .han }
        if marks.contains(scalar) { return .mark }
        if latin.contains(scalar) { return .latin }
        return .other
    }
}
