/// A regular expression from a rule file, with the literal text every match must hold
/// (`本报讯`; `转第` and `版` for `（?下?转第(\\d{1,3})版）?`). Most blocks hold none of it, and a
/// byte search rules them out before the regex engine, which costs microseconds a call, runs.
struct RulePattern: @unchecked Sendable {
    let regex: Regex<AnyRegexOutput>
    /// UTF-8 literals that any match contains; empty when the pattern promises none.
    let literals: [[UInt8]]
    /// The pattern for the scalar matcher, when its syntax allows: asked before the regex engine.
    let scalarPattern: ScalarPattern?

    init(regex: Regex<AnyRegexOutput>, source: String) {
        self.regex = regex
        literals = Self.requiredLiterals(of: source).map { Array($0.utf8) }
        scalarPattern = ScalarPattern(source)
    }

    /// Whether the whole text matches; the scalar matcher answers when it can.
    func matchesWhole(_ text: Substring) -> Bool {
        guard mayMatch(text) else { return false }
        if let scalarPattern, let scalars = ScalarText(text) {
            return scalarPattern.matchEnd(in: scalars.scalars, from: 0, whole: true) != nil
        }
        return (try? regex.wholeMatch(in: text)) != nil
    }

    /// Where a match at the start of the text ends, nil when none starts there; the scalar
    /// matcher answers when it can.
    func prefixMatchEnd(in text: Substring) -> Substring.Index? {
        guard mayMatch(text) else { return nil }
        if let scalarPattern, let scalars = ScalarText(text) {
            return scalarPattern.matchEnd(in: scalars.scalars, from: 0, whole: false).map { scalars.indices[$0] }
        }
        return (try? regex.prefixMatch(in: text))?.range.upperBound
    }

    /// The text split at every match, empty parts left out (`split(separator:)` with the regex);
    /// the scalar matcher answers when it can.
    func split(_ text: Substring) -> [Substring] {
        guard mayMatch(text) else { return text.isEmpty ? [] : [text] }
        guard let scalarPattern, !scalarPattern.matchesEmpty, let scalars = ScalarText(text) else {
            return text.split(separator: regex)
        }
        var parts: [Substring] = []
        var partStart = 0
        var start = 0
        while start < scalars.scalars.count {
            guard let end = scalarPattern.matchEnd(in: scalars.scalars, from: start, whole: false) else {
                start += 1
                continue
            }
            if start > partStart { parts.append(text[scalars.indices[partStart]..<scalars.indices[start]]) }
            partStart = end
            start = end
        }
        if scalars.scalars.count > partStart { parts.append(text[scalars.indices[partStart]...]) }
        return parts
    }

    func prefixMatch(in text: Substring) throws -> Regex<AnyRegexOutput>.Match? {
        mayMatch(text) ? try regex.prefixMatch(in: text) : nil
    }

    func wholeMatch(in text: Substring) throws -> Regex<AnyRegexOutput>.Match? {
        mayMatch(text) ? try regex.wholeMatch(in: text) : nil
    }

    func wholeMatch(in text: String) throws -> Regex<AnyRegexOutput>.Match? { try wholeMatch(in: text[...]) }

    func matches(in text: Substring) -> [Regex<AnyRegexOutput>.Match] {
        mayMatch(text) ? text.matches(of: regex) : []
    }

    /// False when the text lacks a literal every match holds.
    private func mayMatch(_ text: Substring) -> Bool {
        literals.allSatisfy { literal in
            text.utf8.withContiguousStorageIfAvailable { Self.contains($0, literal) } ?? true
        }
    }

    private static func contains(_ haystack: UnsafeBufferPointer<UInt8>, _ needle: [UInt8]) -> Bool {
        guard let first = needle.first, haystack.count >= needle.count else { return needle.isEmpty }
        var i = 0
        let last = haystack.count - needle.count
        while i <= last {
            if haystack[i] == first && needle.indices.allSatisfy({ haystack[i + $0] == needle[$0] }) { return true }
            i += 1
        }
        return false
    }

    /// Runs of literal characters at the top level of a pattern that no quantifier makes
    /// optional; none when the pattern has a top-level alternative. Groups, classes and escapes
    /// end a run and are skipped (what they match may be optional).
    static func requiredLiterals(of pattern: String) -> [String] {
        let characters = Array(pattern)
        var literals: [String] = []
        var run = ""
        var depth = 0
        var i = 0
        func flush() {
            if !run.isEmpty { literals.append(run) }
            run = ""
        }
        /// Drops the character before an optional quantifier (`?`, `*`, `{0,…}`).
        func makesOptional(at index: Int) -> Bool {
            guard index < characters.count else { return false }
            switch characters[index] {
            case "?", "*": return true
            case "{": return index + 1 < characters.count && characters[index + 1] == "0"
            default: return false
            }
        }
        while i < characters.count {
            let character = characters[i]
            switch character {
            case "\\":
                flush()
                i += 2
                if i < characters.count, characters[i] == "{" { while i < characters.count && characters[i] != "}" { i += 1 }; i += 1 }
            case "[":
                flush()
                i += 1
                while i < characters.count && characters[i] != "]" { i += characters[i] == "\\" ? 2 : 1 }
                i += 1
            case "(":
                flush()
                depth += 1
                i += 1
            case ")":
                depth -= 1
                i += 1
            case "|":
                if depth == 0 { return [] }
                i += 1
            case _ where depth > 0:
                i += 1
            case "?", "*", "+", ".", "^", "$", "{":
                if character != "+" && character != "." && makesOptional(at: i) && !run.isEmpty { run.removeLast() }
                flush()
                if character == "{" { while i < characters.count && characters[i] != "}" { i += 1 } }
                i += 1
            default:
                if makesOptional(at: i + 1) {
                    flush()
                } else {
                    run.append(character)
                }
                i += 1
            }
        }
        flush()
        return literals
    }
}
