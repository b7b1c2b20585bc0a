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

    /// A term split between two characters, filed under those two characters: a term spans a
    /// junction only if the junction's two neighbours are one of its inner pairs.
    private struct Split: Sendable {
        let term: [UInt8]
        /// Bytes of the term before the junction.
        let offset: Int
    }

    private let splits: [UInt64: [Split]]

    public init(pack: RulePack) throws {
        var splits: [UInt64: [Split]] = [:]
        for file in pack.files(for: Spacing.id) {
            guard let list = file.root.optional("terms") else { continue }
            for node in try list.list() {
                let term = try node.string()
                let scalars = Array(term.unicodeScalars)
                guard scalars.count >= 2, !term.contains(where: \.isWhitespace) else {
                    throw node.error("a term is two characters or more without spaces: '\(term)'")
                }
                var offset = 0
                for index in 1..<scalars.count {
                    offset += String(scalars[index - 1]).utf8.count
                    splits[Self.pair(scalars[index - 1].value, scalars[index].value), default: []]
                        .append(Split(term: Array(term.utf8), offset: offset))
                }
            }
        }
        self.splits = splits
    }

    private static func pair(_ left: UInt32, _ right: UInt32) -> UInt64 { UInt64(left) << 32 | UInt64(right) }

    /// The word spanning the junction of `left` and `right` (the text on each side, read toward
    /// the junction; a few characters suffice), or nil when the junction is a word boundary.
    /// Terms are looked up first; ICU is consulted only when no term spans the junction.
    public func word(spanning left: some StringProtocol, _ right: some StringProtocol) -> Evidence? {
        var joined = Array(left.utf8)
        let junction = joined.count
        joined.append(contentsOf: right.utf8)
        return word(spanning: joined, at: junction)
    }

    /// How sure a spanning word makes it that the junction falls inside a word.
    enum Confidence: Int, Comparable {
        /// A two-character dictionary word among single characters: around names and rare words
        /// ICU falls back to single characters and pairs one off across the junction (王政 弘扬 →
        /// 王|政弘|扬), so this alone proves nothing.
        case pairAmongCharacters = 1
        /// A two-character dictionary word beside a longer word (城市|核心|发展).
        case wordBesideWord
        /// A dictionary word of three characters or more.
        case longWord
        case term

        static func < (left: Confidence, right: Confidence) -> Bool { left.rawValue < right.rawValue }

        /// Enough to remove a space on this evidence alone.
        var isConclusive: Bool { self >= .wordBesideWord }
    }

    /// The word spanning byte `junction` of `text` (UTF-8, the junction on a character boundary)
    /// when the evidence is conclusive (see `Confidence`).
    func word(spanning text: [UInt8], at junction: Int) -> Evidence? {
        guard let found = evidence(spanning: text, at: junction), found.confidence.isConclusive else { return nil }
        return found.word
    }

    /// The word spanning byte `junction` of `text`, and how sure that makes a split.
    func evidence(spanning text: [UInt8], at junction: Int) -> (word: Evidence, confidence: Confidence)? {
        guard junction > 0, junction < text.count else { return nil }
        return text.withUnsafeBufferPointer { buffer in
            let left = UTF8Scalar.decode(buffer, at: UTF8Scalar.start(before: junction, in: buffer)).scalar
            let right = UTF8Scalar.decode(buffer, at: junction).scalar
            for split in splits[Self.pair(left, right)] ?? [] where junction >= split.offset
                && text.count - junction >= split.term.count - split.offset
                && text[(junction - split.offset)..<(junction - split.offset + split.term.count)].elementsEqual(split.term) {
                return (.term(String(decoding: split.term, as: UTF8.self)), .term)
            }
            guard let boundaries = ICU.wordBoundaries(buffer),
                  let end = boundaries.firstIndex(where: { $0 >= junction }), boundaries[end] != junction else { return nil }
            let word = boundaries[end - 1]..<boundaries[end]
            let evidence = Evidence.dictionary(String(decoding: buffer[word], as: UTF8.self))
            if Self.characters(in: buffer[word]) >= 3 { return (evidence, .longWord) }
            let before = end >= 2 ? boundaries[end - 2]..<boundaries[end - 1] : nil
            let after = end + 1 < boundaries.count ? boundaries[end]..<boundaries[end + 1] : nil
            let besideWord = before.map { Self.characters(in: buffer[$0]) >= 2 } == true
                || after.map { Self.characters(in: buffer[$0]) >= 2 } == true
            // A word that is all the text read stands beside nothing to doubt it by.
            return (evidence, besideWord || before == nil && after == nil ? .wordBesideWord : .pairAmongCharacters)
        }
    }

    private static func characters(in bytes: Slice<UnsafeBufferPointer<UInt8>>) -> Int {
        bytes.reduce(0) { $0 + ($1 & 0xC0 == 0x80 ? 0 : 1) }
    }
}
