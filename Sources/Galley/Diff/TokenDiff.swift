/// One piece of a change as a reader sees it: text kept, deleted or inserted.
public enum DiffPiece: Sendable, Equatable {
    case same(String)
    case deleted(String)
    case inserted(String)
}

/// The smallest token-level difference between the two sides of one change: a Han character,
/// a punctuation mark or a space is one token, a run of Latin letters and digits is one word.
///
/// The edit log already says where the text changed and why; this only finds, inside one such
/// change, which characters went and which came (`**本报讯**` → `本报讯` shows two deletions,
/// not a rewrite of the whole run).
enum TokenDiff {
    /// Above this many token pairs the change is shown whole: the table would cost more than
    /// the reader gains. Changes from the log are a few characters long.
    static let tableLimit = 250_000

    static func pieces(before: String, after: String) -> [DiffPiece] {
        let old = tokens(before)
        let new = tokens(after)
        var prefix = 0
        while prefix < old.count && prefix < new.count && same(old[prefix], new[prefix]) { prefix += 1 }
        var suffix = 0
        while suffix < old.count - prefix && suffix < new.count - prefix
                && same(old[old.count - 1 - suffix], new[new.count - 1 - suffix]) { suffix += 1 }
        var pieces: [DiffPiece] = []
        append(.same(old[..<prefix].joined()), to: &pieces)
        let oldMiddle = Array(old[prefix..<(old.count - suffix)])
        let newMiddle = Array(new[prefix..<(new.count - suffix)])
        if oldMiddle.count * newMiddle.count > tableLimit {
            append(.deleted(oldMiddle.joined()), to: &pieces)
            append(.inserted(newMiddle.joined()), to: &pieces)
        } else {
            for piece in longestCommonSubsequence(oldMiddle, newMiddle) { append(piece, to: &pieces) }
        }
        append(.same(old[(old.count - suffix)...].joined()), to: &pieces)
        return pieces
    }

    /// Byte equality: String's == calls `e\u{301}` and `é` equal, and NFC is a change to show.
    private static func same(_ a: String, _ b: String) -> Bool {
        a.utf8.elementsEqual(b.utf8)
    }

    /// Splits text into tokens; a combining mark stays with the token before it.
    static func tokens(_ text: String) -> [String] {
        var tokens: [String] = []
        var current = ""
        var currentIsWord = false
        for scalar in text.unicodeScalars {
            let isWord = DisplayWidth.isWordScalar(scalar)
            let combines = !current.isEmpty && scalar.value >= 0x300 && DisplayWidth.of(scalar) == 0
                && scalar.properties.generalCategory != .format
            if combines || (isWord && currentIsWord) {
                current.unicodeScalars.append(scalar)
                continue
            }
            if !current.isEmpty { tokens.append(current) }
            current = String(scalar)
            currentIsWord = isWord
        }
        if !current.isEmpty { tokens.append(current) }
        return tokens
    }

    /// Dynamic programming over the token table; deletions come before insertions at a place.
    private static func longestCommonSubsequence(_ old: [String], _ new: [String]) -> [DiffPiece] {
        let columns = new.count + 1
        // lengths[i * columns + j]: LCS length of old[i...] and new[j...].
        var lengths = [Int](repeating: 0, count: (old.count + 1) * columns)
        for i in stride(from: old.count - 1, through: 0, by: -1) {
            for j in stride(from: new.count - 1, through: 0, by: -1) {
                lengths[i * columns + j] = same(old[i], new[j])
                    ? lengths[(i + 1) * columns + j + 1] + 1
                    : max(lengths[(i + 1) * columns + j], lengths[i * columns + j + 1])
            }
        }
        var pieces: [DiffPiece] = []
        var i = 0
        var j = 0
        while i < old.count || j < new.count {
            if i < old.count && j < new.count && same(old[i], new[j]) {
                pieces.append(.same(old[i]))
                i += 1
                j += 1
            } else if i < old.count && (j == new.count || lengths[(i + 1) * columns + j] >= lengths[i * columns + j + 1]) {
                pieces.append(.deleted(old[i]))
                i += 1
            } else {
                pieces.append(.inserted(new[j]))
                j += 1
            }
        }
        return pieces
    }

    /// Appends a piece, merging it into the last one of the same kind; drops empty pieces.
    private static func append(_ piece: DiffPiece, to pieces: inout [DiffPiece]) {
        switch (pieces.last, piece) {
        case (_, .same("")), (_, .deleted("")), (_, .inserted("")): return
        case (.same(let a)?, .same(let b)): pieces[pieces.count - 1] = .same(a + b)
        case (.deleted(let a)?, .deleted(let b)): pieces[pieces.count - 1] = .deleted(a + b)
        case (.inserted(let a)?, .inserted(let b)): pieces[pieces.count - 1] = .inserted(a + b)
        // An insertion followed by a deletion reads better the other way round: `[-,-]{+，+}`.
        case (.inserted?, .deleted(let b)):
            if pieces.count >= 2, case .deleted(let c) = pieces[pieces.count - 2] {
                pieces[pieces.count - 2] = .deleted(c + b)
            } else {
                pieces.insert(.deleted(b), at: pieces.count - 1)
            }
        default: pieces.append(piece)
        }
    }
}
