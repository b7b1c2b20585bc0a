/// Whether a junction of two texts falls inside a word: a term of the pack's term list
/// (`terms.yaml`, domain words that ICU's dictionary lacks, such as 党中央 or 从严治党) or a word
/// of ICU's dictionary for `zh` spans it. The spacing stage asks it about a space in a headline
/// or a title; stitching may ask it about the junction of two cut paragraphs.
public struct WordJunction: Sendable {
    public enum Evidence: Sendable, Equatable, CustomStringConvertible {
        /// A term of the term list spans the junction.
        case term(String)
        /// A word of ICU's dictionary spans the junction.
        case dictionary(String)

        public var description: String {
            switch self {
            case .term(let word): return "the term \(word)"
            case .dictionary(let word): return "the word \(word)"
            }
        }
    }

    private let terms: Set<ArraySlice<UInt8>>
    /// Longest term, in bytes: no longer substring is looked up.
    private let longestTerm: Int

    public init(pack: RulePack) throws {
        var terms = Set<ArraySlice<UInt8>>()
        for file in pack.files(for: Spacing.id) {
            guard let list = file.root.optional("terms") else { continue }
            for node in try list.list() {
                let term = try node.string()
                guard term.unicodeScalars.count >= 2, !term.contains(where: \.isWhitespace) else {
                    throw node.error("a term is two characters or more without spaces: '\(term)'")
                }
                terms.insert(ArraySlice(term.utf8))
            }
        }
        self.terms = terms
        longestTerm = terms.map(\.count).max() ?? 0
    }

    /// The word spanning the junction of `left` and `right` (the text on each side, read toward
    /// the junction; a few characters suffice), or nil when the junction is a word boundary.
    /// Terms are looked up first; ICU is consulted only when no term spans the junction.
    public func word(spanning left: some StringProtocol, _ right: some StringProtocol) -> Evidence? {
        var joined = Array(left.utf8)
        let junction = joined.count
        joined.append(contentsOf: right.utf8)
        return word(spanning: joined, at: junction)
    }

    /// The word spanning byte `junction` of `text`, UTF-8 with the junction on a character boundary.
    func word(spanning text: [UInt8], at junction: Int) -> Evidence? {
        guard junction > 0, junction < text.count else { return nil }
        if longestTerm > 0 {
            var start = junction
            // Every substring that covers the junction and is no longer than the longest term.
            while start > 0, junction - start < longestTerm {
                start -= 1
                while start > 0, text[start] & 0xC0 == 0x80 { start -= 1 }
                var end = junction
                while end < text.count, end - start <= longestTerm {
                    end += 1
                    while end < text.count, text[end] & 0xC0 == 0x80 { end += 1 }
                    if end - start > longestTerm { break }
                    if terms.contains(text[start..<end]) {
                        return .term(String(decoding: text[start..<end], as: UTF8.self))
                    }
                }
            }
        }
        let spanning = text.withUnsafeBufferPointer { ICU.wordSpanning($0, at: junction) }
        return spanning.map { .dictionary(String(decoding: text[$0], as: UTF8.self)) }
    }
}
