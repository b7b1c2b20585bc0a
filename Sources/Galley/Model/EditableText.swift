/// The current text of a block, kept as pieces that each remember the raw bytes they came from.
///
/// Stages never rewrite text directly: they hand `replace(_:stage:log:)` a sorted list of changes
/// in current-text offsets, and every change becomes an edit record whose span is in raw offsets.
/// A change that touches text an earlier edit produced widens to that edit's whole raw span, so
/// replaying the log in order on the raw page always reproduces the current text.
public struct EditableText: Sendable {
    /// A run of the current text. Its bytes are `bytes` at the piece's offset, so a piece holds
    /// no storage of its own and copying one costs no reference counting.
    struct Piece: Sendable {
        var raw: ByteSpan
        var length: Int
        /// False: the raw bytes unchanged (`length == raw.count`); true: text an edit produced.
        var isReplaced: Bool

        static func unchanged(_ raw: ByteSpan) -> Piece { Piece(raw: raw, length: raw.count, isReplaced: false) }
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
        pieces = [.unchanged(raw)]
    }

    public var string: String { String(decoding: bytes, as: UTF8.self) }

    /// The raw span that the current range `range` came from. Text that an earlier edit produced
    /// maps to that edit's whole raw span; deletions at the range's ends are included.
    public func rawSpan(of range: Range<Int>) -> ByteSpan {
        var cursor = Cursor()
        return rawSpan(of: range, from: &cursor)
    }

    /// A position in `pieces`: the piece at `index` starts at `offset` of the current text.
    private struct Cursor {
        var index = 0
        var offset = 0
    }

    /// `rawSpan(of:)` starting at `cursor`, which it moves past the pieces wholly before `range`:
    /// those touch no later range either, so ascending ranges cost one pass over the pieces.
    private func rawSpan(of range: Range<Int>, from cursor: inout Cursor) -> ByteSpan {
        while cursor.index < pieces.count {
            let piece = pieces[cursor.index]
            let end = cursor.offset + piece.length
            if piece.length == 0 ? cursor.offset >= range.lowerBound : end > range.lowerBound { break }
            cursor.index += 1
            cursor.offset = end
        }
        var lower: Int?
        var upper = 0
        var offset = cursor.offset
        // Indices, not a slice: a slice would retain the array on every call.
        for pieceIndex in cursor.index..<pieces.count {
            let piece = pieces[pieceIndex]
            let start = offset
            // Pieces start in ascending order: none from here on touches the range.
            if start > range.upperBound { break }
            offset += piece.length
            guard let span = rawSpan(of: piece, at: start, touchedBy: range, includingEdgeDeletions: true) else { continue }
            lower = lower ?? span.lowerBound
            upper = max(upper, span.upperBound)
        }
        if let lower { return lower..<upper }
        let position = rawPosition(range.lowerBound, from: cursor)
        return position..<position
    }

    /// The raw spans the current range came from, in reading order, contiguous ones merged:
    /// a paragraph joined from two blocks points back at both.
    public func rawSpans(of range: Range<Int>) -> [ByteSpan] {
        var spans: [ByteSpan] = []
        var offset = 0
        for piece in pieces {
            let start = offset
            offset += piece.length
            guard let span = rawSpan(of: piece, at: start, touchedBy: range, includingEdgeDeletions: false) else { continue }
            if let last = spans.last, last.upperBound == span.lowerBound {
                spans[spans.count - 1] = last.lowerBound..<span.upperBound
            } else if !span.isEmpty {
                spans.append(span)
            }
        }
        return spans
    }

    /// The raw span behind the piece starting at `start` when the current range touches it (the
    /// part of an unchanged piece, a replaced piece whole); nil when it does not.
    @inline(__always)
    private func rawSpan(of piece: Piece, at start: Int, touchedBy range: Range<Int>, includingEdgeDeletions: Bool) -> ByteSpan? {
        let end = start + piece.length
        let touches = piece.length == 0
            ? (includingEdgeDeletions ? range.lowerBound <= start && start <= range.upperBound
                                      : range.lowerBound < start && start < range.upperBound)
            : start < range.upperBound && range.lowerBound < end
        guard touches else { return nil }
        return piece.isReplaced
            ? piece.raw
            : (piece.raw.lowerBound + max(0, range.lowerBound - start))..<(piece.raw.lowerBound + min(piece.length, range.upperBound - start))
    }

    private func rawPosition(_ position: Int, from cursor: Cursor) -> Int {
        var offset = cursor.offset
        for pieceIndex in cursor.index..<pieces.count {
            let piece = pieces[pieceIndex]
            let end = offset + piece.length
            if position < end || position == offset {
                return piece.isReplaced ? piece.raw.lowerBound : piece.raw.lowerBound + (position - offset)
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
            pieces.append(Piece(raw: position..<position, length: separator.count, isReplaced: true))
            bytes += separator
        }
        pieces += other.pieces
        bytes += other.bytes
    }

    /// Applies sorted, non-overlapping changes and appends one `replace` edit per changed region.
    /// Cost: O(pieces + changes + bytes).
    public mutating func replace(_ changes: [Change], stage: String, log: inout [Edit]) {
        replace(changes[...], stage: stage, log: &log)
    }

    /// `replace(_:stage:log:)` for part of a list: a stage may hold the changes of all its blocks
    /// in one array, which grows a few times per page instead of once or more per block.
    public mutating func replace(_ changes: ArraySlice<Change>, stage: String, log: inout [Edit]) {
        guard !changes.isEmpty else { return }
        // The groups live in temporary storage (on the stack when small): an array would be
        // allocated and freed at every call.
        withUnsafeTemporaryAllocation(of: Group.self, capacity: changes.count) { storage in
            let groups = UnsafeBufferPointer(rebasing: storage[..<group(changes, into: storage)])
            // Copies come from a buffer pointer: a slice of the array would retain it for every copy.
            let current = bytes
            current.withUnsafeBufferPointer { old in
                replace(changes, groups: groups, from: old, stage: stage, log: &log)
            }
        }
    }

    private mutating func replace(_ changes: ArraySlice<Change>, groups: UnsafeBufferPointer<Group>, from old: UnsafeBufferPointer<UInt8>,
                                  stage: String, log: inout [Edit]) {
        let newBytes = Self.applying(changes, to: old)
        var newPieces: [Piece] = []
        newPieces.reserveCapacity(pieces.count + groups.count * 2)
        var index = 0
        var offset = 0

        // Emits the pieces between two groups, cutting raw pieces at the groups' edges. A deletion
        // (an empty piece) at a group's edge belongs to the group.
        func emitGap(from lower: Int, lowerIsEdge: Bool, to upper: Int, upperIsEdge: Bool) {
            while index < pieces.count {
                let piece = pieces[index]
                let start = offset
                let end = start + piece.length
                if piece.length == 0 {
                    if start > upper || (start == upper && upperIsEdge) { return }
                    if !(start == lower && lowerIsEdge) { newPieces.append(piece) }
                    index += 1
                    continue
                }
                if start >= upper { return }
                if !piece.isReplaced {
                    let from = max(lower, start)
                    let to = min(upper, end)
                    if to > from {
                        newPieces.append(.unchanged((piece.raw.lowerBound + from - start)..<(piece.raw.lowerBound + to - start)))
                    }
                } else if start >= lower {
                    newPieces.append(piece)
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

        var beforeTexts = EditTexts()
        var afterTexts = EditTexts()
        var spanCursor = Cursor()
        var gapStart = 0
        var gapStartIsEdge = false
        // How much longer the new text is than the old one before the current group.
        var growth = 0
        for group in groups {
            emitGap(from: gapStart, lowerIsEdge: gapStartIsEdge, to: group.range.lowerBound, upperIsEdge: true)
            let raw = rawSpan(of: group.range, from: &spanCursor)
            let groupGrowth = group.changes.reduce(0) { $0 + changes[$1].replacement.count - changes[$1].range.count }
            let after = (group.range.lowerBound + growth)..<(group.range.upperBound + growth + groupGrowth)
            growth += groupGrowth
            skipGroup(to: group.range.upperBound)
            newPieces.append(Piece(raw: raw, length: after.count, isReplaced: true))
            log.append(Edit(stage: stage, rule: Self.ruleName(changes, group.changes), kind: .replace, span: raw,
                            before: beforeTexts.text(UnsafeBufferPointer(rebasing: old[group.range])),
                            after: newBytes.withUnsafeBufferPointer { afterTexts.text(UnsafeBufferPointer(rebasing: $0[after])) }))
            gapStart = group.range.upperBound
            gapStartIsEdge = true
        }
        emitGap(from: gapStart, lowerIsEdge: gapStartIsEdge, to: old.count, upperIsEdge: groups.last?.range.upperBound == old.count)
        pieces = newPieces
        bytes = newBytes
    }

    /// `old` with `changes` made, built at its final size in one pass: in a temporary buffer,
    /// then copied into an array, because an array allocated uninitialized takes the runtime's
    /// slow generic path (a metadata lookup per call) and one grown by appends checks its capacity
    /// at every part. Changes are read in place by index: copying one would retain its fields.
    private static func applying(_ changes: ArraySlice<Change>, to old: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        let count = changes.indices.reduce(old.count) { $0 + changes[$1].replacement.count - changes[$1].range.count }
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: count) { output in
            var initialized = 0
            func copy(_ source: UnsafeBufferPointer<UInt8>) {
                guard let from = source.baseAddress, let to = output.baseAddress, !source.isEmpty else { return }
                (to + initialized).initialize(from: from, count: source.count)
                initialized += source.count
            }
            var position = 0
            for index in changes.indices {
                copy(UnsafeBufferPointer(rebasing: old[position..<changes[index].range.lowerBound]))
                changes[index].replacement.withUnsafeBufferPointer(copy)
                position = changes[index].range.upperBound
            }
            copy(UnsafeBufferPointer(rebasing: old[position...]))
            return Array(UnsafeBufferPointer(rebasing: output[..<initialized]))
        }
    }

    /// Text of edit records, without decoding in the common cases: most edits replace one ASCII
    /// mark or space (the String of every ASCII character is made once per process) by nothing
    /// or by one other character, the same again and again within a block (`,` → `，`), whose
    /// String is kept.
    private struct EditTexts {
        private static let ascii = (0..<128).map { String(Unicode.Scalar(UInt8($0))) }
        private var scalar: UInt32 = .max
        private var string = ""

        /// Valid UTF-8 as a String.
        @inline(__always)
        mutating func text(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
            guard let lead = bytes.first else { return "" }
            if lead < 0x80 && bytes.count == 1 { return Self.ascii[Int(lead)] }
            guard lead & 0xC0 != 0x80, UTF8Scalar.length(lead: lead) == bytes.count else { return Self.decode(bytes) }
            let value = UTF8Scalar.decode(bytes, at: 0).scalar
            if value != scalar {
                scalar = value
                string = Self.decode(bytes)
            }
            return string
        }

        @inline(never)
        private static func decode(_ bytes: UnsafeBufferPointer<UInt8>) -> String { String(decoding: bytes, as: UTF8.self) }
    }

    /// The rule ids behind `changes[group]`, each once, sorted: `a+b`.
    @inline(__always)
    private static func ruleName(_ changes: ArraySlice<Change>, _ group: Range<Int>) -> String {
        // Most groups hold one change: no set to build.
        group.count == 1 ? changes[group.lowerBound].rule : combinedRuleName(changes, group)
    }

    private static func combinedRuleName(_ changes: ArraySlice<Change>, _ group: Range<Int>) -> String {
        let first = group.lowerBound
        if group.allSatisfy({ changes[$0].rule == changes[first].rule }) { return changes[first].rule }
        return Array(Set(group.map { changes[$0].rule })).sorted().joined(separator: "+")
    }

    /// Changes that become one edit: `range` in the current text, `changes` indices of the list.
    private struct Group {
        var range: Range<Int>
        var changes: Range<Int>
    }

    /// Widens each change to whole replaced pieces and merges changes that then overlap or touch;
    /// writes the groups to the start of `storage` (room for one per change) and returns how many.
    private func group(_ changes: ArraySlice<Change>, into storage: UnsafeMutableBufferPointer<Group>) -> Int {
        var count = 0
        var cursor = Cursor()
        for index in changes.indices {
            let widened = widen(changes[index].range, from: &cursor)
            // Touching groups merge too, so that no two edits share a deletion at their common edge.
            if count > 0, widened.lowerBound <= storage[count - 1].range.upperBound {
                let last = storage[count - 1]
                storage[count - 1] = Group(range: last.range.lowerBound..<max(last.range.upperBound, widened.upperBound),
                                           changes: last.changes.lowerBound..<(index + 1))
            } else {
                storage.initializeElement(at: count, to: Group(range: widened, changes: index..<(index + 1)))
                count += 1
            }
        }
        return count
    }

    /// `range` widened to the replaced pieces its ends fall inside. `cursor` moves past the pieces
    /// that end before the range, which neither this range nor a later one can fall inside.
    private func widen(_ range: Range<Int>, from cursor: inout Cursor) -> Range<Int> {
        while cursor.index < pieces.count {
            let end = cursor.offset + pieces[cursor.index].length
            if end > range.lowerBound { break }
            cursor.index += 1
            cursor.offset = end
        }
        var lower = range.lowerBound
        var upper = range.upperBound
        var offset = cursor.offset
        for pieceIndex in cursor.index..<pieces.count {
            let piece = pieces[pieceIndex]
            let end = offset + piece.length
            if piece.isReplaced && piece.length > 0 {
                if offset < range.lowerBound && range.lowerBound < end { lower = min(lower, offset) }
                if offset < range.upperBound && range.upperBound < end { upper = max(upper, end) }
            }
            offset = end
            if offset > range.upperBound { break }
        }
        return lower..<upper
    }
}
