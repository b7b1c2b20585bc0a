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

    /// Reads `document` after the pipeline ran. Throws `EditReplay.Mismatch` when the log does
    /// not replay on the raw page (then it cannot say what changed).
    public init(document: Document) throws {
        let raw = document.raw
        let overrides = try EditReplay.overrides(document.edits, to: raw, within: 0..<raw.count)
        var next = 0
        var blocks: [BlockDiff] = []
        for block in document.blocks {
            // Edits come from block texts, so each override lies inside one block.
            while next < overrides.count && overrides[next].span.lowerBound < block.rawSpan.lowerBound { next += 1 }
            var inside: [EditReplay.Override] = []
            while next < overrides.count && overrides[next].span.upperBound <= block.rawSpan.upperBound {
                inside.append(overrides[next])
                next += 1
            }
            blocks.append(BlockDiff(index: block.index, rawSpan: block.rawSpan, raw: raw, overrides: inside,
                                    edits: document.edits))
        }
        self.blocks = blocks
        decisions = document.edits.enumerated().compactMap { index, edit in
            edit.kind == .replace ? nil : Decision(edit: edit, logIndex: index, blocks: blocks)
        }
        self.raw = raw
        source = document.page.source
        articles = document.articles
        labels = document.labels
        summary = DiffSummary(edits: document.edits)
    }

    /// Blocks that something happened to: a text change or a join, move or tag.
    public var changedBlocks: [BlockDiff] {
        let decided = Set(decisions.flatMap(\.blocks))
        return blocks.filter { !$0.changes.isEmpty || decided.contains($0.index) }
    }

    /// The repaired text of a raw span; its raw text where a change straddles the span's edge.
    func repairedText(of span: ByteSpan) -> String {
        if let block = blocks.first(where: { $0.rawSpan.lowerBound <= span.lowerBound && span.upperBound <= $0.rawSpan.upperBound }),
           let segments = block.repairedSegments(in: span, raw: raw) {
            return segments.map(\.repaired).joined()
        }
        let clamped = span.clamped(to: 0..<raw.count)
        return String(decoding: raw[clamped], as: UTF8.self)
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

    init(edit: Edit, logIndex: Int, blocks: [BlockDiff]) {
        self.edit = edit
        self.logIndex = logIndex
        var indices: [Int] = []
        for span in Self.spans(of: edit) {
            for block in blocks where block.rawSpan.overlaps(span) || (span.isEmpty && block.rawSpan.contains(span.lowerBound)) {
                if !indices.contains(block.index) { indices.append(block.index) }
            }
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
