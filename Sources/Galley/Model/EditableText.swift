/// The current text of a block, kept as pieces that each remember the raw bytes they came from.
///
/// Stages never rewrite text directly: they hand `replace(_:stage:log:)` a sorted list of changes
/// in current-text offsets, and every change becomes an edit record whose span is in raw offsets.
/// A change that touches text an earlier edit produced widens to that edit's whole raw span, so
/// replaying the log in order on the raw page always reproduces the current text.
public struct EditableText: Sendable {
    struct Piece: Sendable {
        var raw: ByteSpan
        /// nil: the raw bytes unchanged.
        var replacement: [UInt8]?
        var length: Int { replacement?.count ?? raw.count }
    }

    /// One requested change, in offsets of the current text.
    public struct Change: Sendable {
        public var range: Range<Int>
        public var replacement: [UInt8]
        public var rule: String

        public init(range: Range<Int>, replacement: [UInt8], rule: String) {
            self.range = range
            self.replacement = replacement
            self.rule = rule
        }
    }

    public private(set) var bytes: [UInt8]
    private var pieces: [Piece]

    public init(raw: ByteSpan, bytes: [UInt8]) {
        self.bytes = bytes
        pieces = [Piece(raw: raw, replacement: nil)]
    }

    public var string: String { String(decoding: bytes, as: UTF8.self) }

    /// The raw span that the current range `range` came from. Text that an earlier edit produced
    /// maps to that edit's whole raw span; deletions at the range's ends are included.
    public func rawSpan(of range: Range<Int>) -> ByteSpan {
        var lower: Int?
        var upper = 0
        forEachRawSpan(of: range, includingEdgeDeletions: true) { span in
            lower = lower ?? span.lowerBound
            upper = max(upper, span.upperBound)
        }
        if let lower { return lower..<upper }
        let position = rawPosition(range.lowerBound)
        return position..<position
    }

    /// The raw spans the current range came from, in reading order, contiguous ones merged:
    /// a paragraph joined from two blocks points back at both.
    public func rawSpans(of range: Range<Int>) -> [ByteSpan] {
        var spans: [ByteSpan] = []
        forEachRawSpan(of: range, includingEdgeDeletions: false) { span in
            if let last = spans.last, last.upperBound == span.lowerBound {
                spans[spans.count - 1] = last.lowerBound..<span.upperBound
            } else if !span.isEmpty {
                spans.append(span)
            }
        }
        return spans
    }

    /// Calls `body` with the raw span behind each piece the current range touches (the part of
    /// an unchanged piece, a replaced piece whole), in order.
    private func forEachRawSpan(of range: Range<Int>, includingEdgeDeletions: Bool, _ body: (ByteSpan) -> Void) {
        var offset = 0
        for piece in pieces {
            let start = offset
            let end = offset + piece.length
            offset = end
            let touches = piece.length == 0
                ? (includingEdgeDeletions ? range.lowerBound <= start && start <= range.upperBound
                                          : range.lowerBound < start && start < range.upperBound)
                : start < range.upperBound && range.lowerBound < end
            guard touches else { continue }
            body(piece.replacement == nil
                 ? (piece.raw.lowerBound + max(0, range.lowerBound - start))..<(piece.raw.lowerBound + min(piece.length, range.upperBound - start))
                 : piece.raw)
        }
    }

    private func rawPosition(_ position: Int) -> Int {
        var offset = 0
        for piece in pieces {
            let end = offset + piece.length
            if position < end || position == offset {
                return piece.replacement == nil ? piece.raw.lowerBound + (position - offset) : piece.raw.lowerBound
            }
            offset = end
        }
        return pieces.last?.raw.upperBound ?? 0
    }

    /// Appends another block's text (with its raw provenance), after `separator` bytes that
    /// stand for no raw text (a space between two Latin words joined across a column break).
    public mutating func append(_ other: EditableText, separator: [UInt8] = []) {
        if !separator.isEmpty {
            let position = pieces.last?.raw.upperBound ?? 0
            pieces.append(Piece(raw: position..<position, replacement: separator))
            bytes += separator
        }
        pieces += other.pieces
        bytes += other.bytes
    }

    /// Applies sorted, non-overlapping changes and appends one `replace` edit per changed region.
    /// Cost: O(pieces + changes + bytes).
    public mutating func replace(_ changes: [Change], stage: String, log: inout [Edit]) {
        guard !changes.isEmpty else { return }
        let groups = group(changes)
        // The groups' edges, ascending (groups neither overlap nor touch).
        var edges: [Int] = []
        edges.reserveCapacity(groups.count * 2)
        for group in groups {
            edges.append(group.range.lowerBound)
            edges.append(group.range.upperBound)
        }
        func isEdge(_ position: Int) -> Bool {
            var low = 0
            var high = edges.count
            while low < high {
                let middle = (low + high) / 2
                if edges[middle] < position { low = middle + 1 } else { high = middle }
            }
            return low < edges.count && edges[low] == position
        }
        var newPieces: [Piece] = []
        newPieces.reserveCapacity(pieces.count + groups.count * 2)
        var newBytes: [UInt8] = []
        newBytes.reserveCapacity(bytes.count)
        var index = 0
        var offset = 0

        // Emits the text between two groups, cutting raw pieces at the groups' edges.
        func emitGap(from lower: Int, to upper: Int) {
            while index < pieces.count {
                let piece = pieces[index]
                let start = offset
                let end = start + piece.length
                if piece.length == 0 {
                    if start > upper || (start == upper && isEdge(upper)) { return }
                    if !isEdge(start) { newPieces.append(piece) }
                    index += 1
                    continue
                }
                if start >= upper { return }
                if piece.replacement == nil {
                    let from = max(lower, start)
                    let to = min(upper, end)
                    if to > from {
                        let raw = (piece.raw.lowerBound + from - start)..<(piece.raw.lowerBound + to - start)
                        newPieces.append(Piece(raw: raw, replacement: nil))
                        newBytes.append(contentsOf: bytes[from..<to])
                    }
                } else if start >= lower {
                    newPieces.append(piece)
                    newBytes.append(contentsOf: bytes[start..<end])
                }
                if end > upper { return }
                index += 1
                offset = end
            }
        }

        // Steps over the pieces a group replaces (a raw piece reaching past it stays for the next gap).
        func skipGroup(to upper: Int) {
            while index < pieces.count {
                let piece = pieces[index]
                let end = offset + piece.length
                if piece.length == 0 ? offset > upper : end > upper { return }
                index += 1
                offset = end
            }
        }

        var cursor = 0
        for group in groups {
            emitGap(from: cursor, to: group.range.lowerBound)
            let raw = rawSpan(of: group.range)
            let after = splice(changes[group.changes], into: group.range)
            skipGroup(to: group.range.upperBound)
            newPieces.append(Piece(raw: raw, replacement: after))
            newBytes.append(contentsOf: after)
            log.append(Edit(stage: stage, rule: Self.ruleName(changes[group.changes]), kind: .replace, span: raw,
                            before: String(decoding: bytes[group.range], as: UTF8.self),
                            after: String(decoding: after, as: UTF8.self)))
            cursor = group.range.upperBound
        }
        emitGap(from: cursor, to: bytes.count)
        pieces = newPieces
        bytes = newBytes
    }

    /// The text of `range` with `changes` made. A lone change covering the whole range shares
    /// its replacement's storage (the usual case: one mark replaced by a rule's constant).
    private func splice(_ changes: ArraySlice<Change>, into range: Range<Int>) -> [UInt8] {
        if changes.count == 1, let only = changes.first, only.range == range { return only.replacement }
        var after: [UInt8] = []
        after.reserveCapacity(range.count + changes.reduce(0) { $0 + $1.replacement.count })
        var position = range.lowerBound
        for change in changes {
            after.append(contentsOf: bytes[position..<change.range.lowerBound])
            after.append(contentsOf: change.replacement)
            position = change.range.upperBound
        }
        after.append(contentsOf: bytes[position..<range.upperBound])
        return after
    }

    /// The rule ids behind a group's changes, each once, sorted: `a+b`.
    private static func ruleName(_ changes: ArraySlice<Change>) -> String {
        // Most groups hold one change: no set to build.
        if let first = changes.first, changes.allSatisfy({ $0.rule == first.rule }) { return first.rule }
        return Array(Set(changes.map(\.rule))).sorted().joined(separator: "+")
    }

    /// Changes that become one edit: `range` in the current text, `changes` indices of the list.
    private struct Group {
        var range: Range<Int>
        var changes: Range<Int>
    }

    /// Widens each change to whole replaced pieces and merges changes that then overlap or touch.
    private func group(_ changes: [Change]) -> [Group] {
        var groups: [Group] = []
        groups.reserveCapacity(changes.count)
        for (index, change) in changes.enumerated() {
            let widened = widen(change.range)
            // Touching groups merge too, so that no two edits share a deletion at their common edge.
            if let last = groups.last, widened.lowerBound <= last.range.upperBound {
                groups[groups.count - 1].range = last.range.lowerBound..<max(last.range.upperBound, widened.upperBound)
                groups[groups.count - 1].changes = last.changes.lowerBound..<(index + 1)
            } else {
                groups.append(Group(range: widened, changes: index..<(index + 1)))
            }
        }
        return groups
    }

    private func widen(_ range: Range<Int>) -> Range<Int> {
        var lower = range.lowerBound
        var upper = range.upperBound
        var offset = 0
        for piece in pieces {
            let end = offset + piece.length
            if piece.replacement != nil && piece.length > 0 {
                if offset < range.lowerBound && range.lowerBound < end { lower = min(lower, offset) }
                if offset < range.upperBound && range.upperBound < end { upper = max(upper, end) }
            }
            offset = end
            if offset > range.upperBound { break }
        }
        return lower..<upper
    }
}
