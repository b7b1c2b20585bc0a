/// What the repair changed on one page, read from the edit log: every change carries the stage
/// and rule that made it, and joins and moves stay single decisions instead of becoming a
/// deletion here and an insertion there.
public struct PageDiff: Sendable {
    public let source: String
    public let blocks: [BlockDiff]
    /// `join`, `move` and `tag` edits, in log order.
    public let decisions: [Decision]
    public let articles: [Article]
    public let labels: [PageLabel]
    public let summary: DiffSummary
    let raw: [UInt8]
    let lookup: BlockLookup
    /// For each block, the indices into `decisions` of those that concern it.
    private let decisionsByBlock: [[Int]]

    /// Reads `document` after the pipeline ran. Throws `EditReplay.Mismatch` when the log does
    /// not replay on the raw page (then it cannot say what changed).
    /// Cost: O(edits · log blocks), plus the replay of each block's own edits.
    public init(document: Document) throws {
        let raw = document.raw
        let lookup = BlockLookup(spans: document.rawBlockSpans)
        // Edits come from block texts, so each replace edit lies inside one block; each block
        // replays only its own (replaying the whole page at once grows with the square of its edits).
        var ownEdits = [[Int]](repeating: [], count: document.rawBlockSpans.count)
        for (index, edit) in document.edits.enumerated() where edit.kind == .replace {
            if let block = lookup.block(holding: edit.span) { ownEdits[block].append(index) }
        }
        var blocks: [BlockDiff] = []
        for (index, (span, own)) in zip(document.rawBlockSpans, ownEdits).enumerated() {
            var overrides = try EditReplay.overrides(own.map { document.edits[$0] }, to: raw, within: span)
            for index in overrides.indices { overrides[index].edits = overrides[index].edits.map { own[$0] } }
            blocks.append(BlockDiff(index: index, rawSpan: span, raw: raw, overrides: overrides,
                                    edits: document.edits))
        }
        self.blocks = blocks
        let decisions = document.edits.enumerated().compactMap { index, edit in
            edit.kind == .replace ? nil : Decision(edit: edit, logIndex: index, lookup: lookup)
        }
        var decisionsByBlock = [[Int]](repeating: [], count: blocks.count)
        for (index, decision) in decisions.enumerated() {
            for block in decision.blocks { decisionsByBlock[block].append(index) }
        }
        self.decisions = decisions
        self.decisionsByBlock = decisionsByBlock
        self.raw = raw
        self.lookup = lookup
        source = document.page.source
        articles = document.articles
        labels = document.labels
        summary = DiffSummary(edits: document.edits)
    }

    /// Blocks that something happened to: a text change or a join, move or tag.
    public var changedBlocks: [BlockDiff] {
        blocks.filter { !$0.changes.isEmpty || !decisionsByBlock[$0.index].isEmpty }
    }

    /// The joins, moves and tags that concern a block, in log order.
    public func decisions(on block: Int) -> [Decision] {
        decisionsByBlock[block].map { decisions[$0] }
    }

    /// The repaired text of a raw span; its raw text where a change straddles the span's edge.
    func repairedText(of span: ByteSpan) -> String {
        if let index = lookup.block(holding: span), let segments = blocks[index].repairedSegments(in: span, raw: raw) {
            return segments.map(\.repaired).joined()
        }
        let clamped = span.clamped(to: 0..<raw.count)
        return String(decoding: raw[clamped], as: UTF8.self)
    }
}

/// Finds blocks by raw offsets with binary search over their sorted, disjoint raw spans.
struct BlockLookup: Sendable {
    let spans: [ByteSpan]

    /// The block whose raw span holds all of `span` (an empty span may sit at the block's end).
    func block(holding span: ByteSpan) -> Int? {
        // The last block that starts at or before the span.
        var low = 0
        var high = spans.count
        while low < high {
            let middle = (low + high) / 2
            if spans[middle].lowerBound <= span.lowerBound { low = middle + 1 } else { high = middle }
        }
        guard low > 0, span.upperBound <= spans[low - 1].upperBound else { return nil }
        return low - 1
    }

    /// The blocks `span` overlaps, in order; for an empty span, the block holding it.
    func blocks(touching span: ByteSpan) -> [Int] {
        if span.isEmpty { return block(holding: span).map { [$0] } ?? [] }
        var low = 0
        var high = spans.count
        while low < high {
            let middle = (low + high) / 2
            if spans[middle].upperBound <= span.lowerBound { low = middle + 1 } else { high = middle }
        }
        var indices: [Int] = []
        while low < spans.count && spans[low].lowerBound < span.upperBound {
            indices.append(low)
            low += 1
        }
        return indices
    }
}

/// The stage and rule of one edit. An edit that several rules made together (`a+b` in the
/// log) gives one label per rule.
public struct EditLabel: Sendable, Hashable, CustomStringConvertible {
    public let stage: String
    public let rule: String
    public var description: String { "\(stage) · \(rule)" }

    static func labels(of edit: Edit) -> [EditLabel] {
        edit.rule.split(separator: "+").map { EditLabel(stage: edit.stage, rule: String($0)) }
    }

    /// `normalize · a + b, spacing · c`: each stage named once.
    public static func text(of labels: [EditLabel]) -> String {
        var parts: [(stage: String, rules: [String])] = []
        for label in labels {
            if parts.last?.stage == label.stage { parts[parts.count - 1].rules.append(label.rule) } else { parts.append((label.stage, [label.rule])) }
        }
        return parts.map { "\($0.stage) · \($0.rules.joined(separator: " + "))" }.joined(separator: ", ")
    }
}

/// One changed place of the raw page: its raw span, the text there before and after the
/// repair, what changed inside it, and every edit that had a hand in it (a later edit that
/// rewrote an earlier one's result makes one change with both labels).
public struct TextChange: Sendable {
    public let span: ByteSpan
    public let before: String
    public let after: String
    public let pieces: [DiffPiece]
    public let labels: [EditLabel]
    /// Indices into the edit log.
    public let edits: [Int]
}

/// A block of the raw page as a sequence of unchanged text and changes.
public struct BlockDiff: Sendable {
    public enum Segment: Sendable {
        case same(String, span: ByteSpan)
        case change(TextChange)

        /// The segment's text after the repair.
        public var repaired: String {
            switch self {
            case .same(let text, _): text
            case .change(let change): change.after
            }
        }
    }

    public let index: Int
    public let rawSpan: ByteSpan
    public let segments: [Segment]

    init(index: Int, rawSpan: ByteSpan, raw: [UInt8], overrides: [EditReplay.Override], edits: [Edit]) {
        self.index = index
        self.rawSpan = rawSpan
        var segments: [Segment] = []
        var position = rawSpan.lowerBound
        func text(_ span: ByteSpan) -> String { String(decoding: raw[span], as: UTF8.self) }
        for override in overrides {
            // Edits that cancel out (a mark removed, then put back) leave nothing to show. Bytes,
            // not String ==, which calls canonically equivalent text equal and would hide NFC.
            guard !raw[override.span].elementsEqual(override.text) else { continue }
            let before = text(override.span)
            let after = String(decoding: override.text, as: UTF8.self)
            if position < override.span.lowerBound {
                segments.append(.same(text(position..<override.span.lowerBound), span: position..<override.span.lowerBound))
            }
            var labels: [EditLabel] = []
            for index in override.edits {
                for label in EditLabel.labels(of: edits[index]) where !labels.contains(label) { labels.append(label) }
            }
            segments.append(.change(TextChange(span: override.span, before: before, after: after,
                                               pieces: TokenDiff.pieces(before: before, after: after),
                                               labels: labels, edits: override.edits)))
            position = override.span.upperBound
        }
        if position < rawSpan.upperBound {
            segments.append(.same(text(position..<rawSpan.upperBound), span: position..<rawSpan.upperBound))
        }
        self.segments = segments
    }

    public var changes: [TextChange] {
        segments.compactMap { if case .change(let change) = $0 { change } else { nil } }
    }

    /// The block as the raw page has it.
    public var rawText: String {
        segments.map { segment in
            switch segment {
            case .same(let text, _): text
            case .change(let change): change.before
            }
        }.joined()
    }

    /// The block after the repair (what replaying the log yields).
    public var repairedText: String { segments.map(\.repaired).joined() }

    /// The repaired side of the raw span `span` as unchanged text and changes, or nil when a
    /// change straddles its edge (then the span cannot be shown piece by piece).
    func repairedSegments(in span: ByteSpan, raw: [UInt8]) -> [Segment]? {
        var result: [Segment] = []
        for segment in segments {
            switch segment {
            case .same(_, let segmentSpan):
                let lower = max(segmentSpan.lowerBound, span.lowerBound)
                let upper = min(segmentSpan.upperBound, span.upperBound)
                if lower < upper { result.append(.same(String(decoding: raw[lower..<upper], as: UTF8.self), span: lower..<upper)) }
            case .change(let change):
                if span.lowerBound <= change.span.lowerBound && change.span.upperBound <= span.upperBound {
                    result.append(.change(change))
                } else if change.span.overlaps(span) {
                    return nil
                }
            }
        }
        return result
    }
}

/// A `join`, `move` or `tag` edit with the blocks it concerns, in the order of its spans.
public struct Decision: Sendable {
    public let edit: Edit
    /// Index into the edit log.
    public let logIndex: Int
    public let blocks: [Int]

    init(edit: Edit, logIndex: Int, lookup: BlockLookup) {
        self.edit = edit
        self.logIndex = logIndex
        var indices: [Int] = []
        for span in Self.spans(of: edit) {
            for block in lookup.blocks(touching: span) where !indices.contains(block) { indices.append(block) }
        }
        self.blocks = indices
    }

    /// A join names its two parts in `spans`; a move or a tag names its block in `span`.
    static func spans(of edit: Edit) -> [ByteSpan] {
        edit.kind == .join && !edit.spans.isEmpty ? edit.spans : [edit.span]
    }

    public var labels: [EditLabel] { EditLabel.labels(of: edit) }

    /// Does this decision concern any of `spans` (a paragraph's sources)?
    func touches(_ spans: [ByteSpan]) -> Bool {
        Self.spans(of: edit).contains { mine in spans.contains { $0.overlaps(mine) } }
    }
}
