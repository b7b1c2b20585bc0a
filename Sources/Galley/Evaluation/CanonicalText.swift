/// Text reduced for comparison: whitespace dropped (remembering where it stood) and full-width
/// ASCII forms folded to ASCII, so that `，` and `,` or `２` and `2` compare equal. Used to find
/// which gold text an output character came from and where gold files' spaces fall.
struct CanonicalText {
    /// The kept scalars, folded.
    private(set) var scalars: [UInt32] = []
    /// For each kept scalar: whitespace stood between it and the kept scalar before it.
    private(set) var spaceBefore: [Bool] = []

    /// Separates texts joined into one stream, so that no match runs from one into the next.
    static let separator: UInt32 = 1

    init() {}

    init(_ text: String) { append(text) }

    /// Texts one after another, a separator between them.
    init<S: Sequence>(joining texts: S) where S.Element == String {
        for text in texts {
            if !scalars.isEmpty { appendSeparator() }
            append(text)
        }
    }

    mutating func append(_ text: String) {
        var pending = false
        let start = scalars.count
        for scalar in text.unicodeScalars {
            if Self.isWhitespace(scalar.value) {
                pending = scalars.count > start
                continue
            }
            scalars.append(Self.fold(scalar.value))
            spaceBefore.append(pending)
            pending = false
        }
    }

    mutating func appendSeparator() {
        scalars.append(Self.separator)
        spaceBefore.append(false)
    }

    /// The 1-based gaps that hold whitespace (gap i lies before scalar i).
    var spacedGaps: [Int] { spaceBefore.indices.filter { spaceBefore[$0] } }

    static func isWhitespace(_ scalar: UInt32) -> Bool {
        scalar == 0x20 || (0x09...0x0D).contains(scalar) || scalar == 0x3000 || scalar == 0xA0
            || (0x2000...0x200B).contains(scalar) || scalar == 0x202F || scalar == 0x205F
    }

    /// Full-width forms U+FF01–U+FF5E to their ASCII counterparts.
    static func fold(_ scalar: UInt32) -> UInt32 {
        (0xFF01...0xFF5E).contains(scalar) ? scalar - 0xFEE0 : scalar
    }

    /// `text` without whitespace and without folding: what "whitespace ignored" comparisons use.
    static func stripped(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars where !isWhitespace(scalar.value) { out.append(scalar) }
        return String(out)
    }
}

/// Finds where a short pattern occurs in a long scalar stream, starting only at positions whose
/// first scalar matches.
struct ScalarIndex {
    let scalars: [UInt32]
    private let positions: [UInt32: [Int]]

    init(_ scalars: [UInt32]) {
        self.scalars = scalars
        var positions: [UInt32: [Int]] = [:]
        for (offset, scalar) in scalars.enumerated() { positions[scalar, default: []].append(offset) }
        self.positions = positions
    }

    /// Start positions of `pattern`, in order.
    func occurrences<C: Collection>(of pattern: C) -> [Int] where C.Element == UInt32 {
        guard let first = pattern.first, let starts = positions[first] else { return [] }
        return starts.filter { matchLength(of: pattern, at: $0) == pattern.count }
    }

    /// Positions where `scalar` occurs.
    func starts(of scalar: UInt32) -> [Int] { positions[scalar] ?? [] }

    /// How many scalars of `pattern` match the stream from `start` on.
    func matchLength<C: Collection>(of pattern: C, at start: Int) -> Int where C.Element == UInt32 {
        var length = 0
        var position = start
        for scalar in pattern {
            guard position < scalars.count, scalars[position] == scalar else { break }
            length += 1
            position += 1
        }
        return length
    }
}
