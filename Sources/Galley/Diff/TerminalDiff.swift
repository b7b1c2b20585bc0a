/// The terminal forms of `galley diff`: unified (each changed block's raw text with its changes
/// marked, then what made them) and side by side (raw | repaired columns, laid out by East Asian
/// Width so that Han text lines up). Both end with the summary.
public enum TerminalDiff {
    public static func unified(_ diff: PageDiff, palette: DiffPalette) -> String {
        var out = header(diff, palette: palette)
        for block in diff.changedBlocks {
            out += "\n" + blockHeading(block, palette: palette) + "\n"
            if !block.changes.isEmpty {
                for segment in block.segments {
                    switch segment {
                    case .same(let text, _): out += VisibleText.safe(text)
                    case .change(let change): out += marked(change.pieces, palette: palette)
                    }
                }
                out += "\n"
            }
            out += notes(for: block, in: diff, palette: palette)
        }
        return out + "\n" + summary(diff, palette: palette)
    }

    /// `width` is the whole line; each column takes half of it, less the separator.
    public static func sideBySide(_ diff: PageDiff, palette: DiffPalette, width: Int) -> String {
        let separator = " │"
        let column = max(8, (width - separator.count - 1) / 2)
        var out = header(diff, palette: palette)
        for block in diff.changedBlocks {
            out += "\n" + blockHeading(block, palette: palette) + "\n"
            if !block.changes.isEmpty {
                var left: [Run] = []
                var right: [Run] = []
                for segment in block.segments {
                    switch segment {
                    case .same(let text, _):
                        left.append(Run(text: VisibleText.safe(text), style: .plain))
                        right.append(Run(text: VisibleText.safe(text), style: .plain))
                    case .change(let change):
                        for piece in change.pieces {
                            switch piece {
                            case .same(let text):
                                left.append(Run(text: VisibleText.safe(text), style: .plain))
                                right.append(Run(text: VisibleText.safe(text), style: .plain))
                            case .deleted(let text): left.append(Run(text: VisibleText.of(text), style: .deleted))
                            case .inserted(let text): right.append(Run(text: VisibleText.of(text), style: .inserted))
                            }
                        }
                    }
                }
                let leftRows = rows(left, width: column, palette: palette)
                let rightRows = rows(right, width: column, palette: palette)
                for index in 0..<max(leftRows.count, rightRows.count) {
                    let leftRow = index < leftRows.count ? leftRows[index] : Row()
                    let rightRow = index < rightRows.count ? rightRows[index] : Row()
                    let right = rightRow.runs.isEmpty ? "" : " " + rightRow.rendered(palette)
                    out += leftRow.rendered(palette) + String(repeating: " ", count: max(0, column - leftRow.width))
                        + palette.paint(separator, .label) + right + "\n"
                }
            }
            out += notes(for: block, in: diff, palette: palette)
        }
        return out + "\n" + summary(diff, palette: palette)
    }

    /// Edits per stage and per rule, and the flags the articles carry.
    public static func summary(_ diff: PageDiff, palette: DiffPalette) -> String {
        let summary = diff.summary
        guard summary.edits > 0 else { return "Summary: no edits; the repaired text is the raw text.\n" }
        var out = "Summary: \(summary.edits) \(plural(summary.edits, "edit"))\n"
        let stageWidth = summary.stages.map { DisplayWidth.of($0.stage) }.max() ?? 0
        let countWidth = String(summary.edits).count
        out += palette.paint("  by stage", .heading) + "\n"
        for count in summary.stages {
            out += "    " + padded(count.stage, to: stageWidth) + "  " + padded(String(count.edits), to: countWidth, right: true)
                + "  " + palette.paint(count.kindsText, .label) + "\n"
        }
        out += palette.paint("  by rule", .heading) + "\n"
        let ruleWidth = summary.rules.map { DisplayWidth.of($0.rule ?? "") }.max() ?? 0
        for count in summary.rules {
            out += "    " + padded(count.stage, to: stageWidth) + "  " + padded(count.rule ?? "", to: ruleWidth)
                + "  " + padded(String(count.edits), to: countWidth, right: true) + "\n"
        }
        let flagged = diff.articles.filter { !$0.flags.isEmpty }
        if !flagged.isEmpty {
            out += palette.paint("  flags", .heading) + "\n"
            for article in flagged { out += "    \(article.id)  \(article.flags.joined(separator: ", "))\n" }
        }
        return out
    }

    // MARK: - Pieces shared by both forms

    private static func header(_ diff: PageDiff, palette: DiffPalette) -> String {
        let changed = diff.changedBlocks.count
        return palette.paint("galley diff \(diff.source): \(diff.summary.edits) \(plural(diff.summary.edits, "edit")), "
                             + "\(changed) of \(diff.blocks.count) \(plural(diff.blocks.count, "block")) changed", .heading) + "\n"
    }

    private static func blockHeading(_ block: BlockDiff, palette: DiffPalette) -> String {
        palette.paint("@@ block \(block.index + 1) · bytes \(block.rawSpan.lowerBound)–\(block.rawSpan.upperBound) @@", .heading)
    }

    static func marked(_ pieces: [DiffPiece], palette: DiffPalette) -> String {
        pieces.map { piece in
            switch piece {
            case .same(let text): VisibleText.safe(text)
            case .deleted(let text): palette.paint(VisibleText.of(text), .deleted)
            case .inserted(let text): palette.paint(VisibleText.of(text), .inserted)
            }
        }.joined()
    }

    /// Under a block: one line per kind of change (its rules, how it looks, how often), then
    /// the joins, moves and tags that start at this block.
    private static func notes(for block: BlockDiff, in diff: PageDiff, palette: DiffPalette) -> String {
        var groups: [(labels: [EditLabel], marks: String, count: Int)] = []
        for change in block.changes {
            let marks = marked(change.pieces, palette: palette)
            if let index = groups.firstIndex(where: { $0.labels == change.labels && $0.marks == marks }) {
                groups[index].count += 1
            } else {
                groups.append((change.labels, marks, 1))
            }
        }
        let labelTexts = groups.map { EditLabel.text(of: $0.labels) }
        let labelWidth = labelTexts.map { DisplayWidth.of($0) }.max() ?? 0
        var out = ""
        for (group, label) in zip(groups, labelTexts) {
            out += "  " + palette.paint(padded(label, to: labelWidth), .label) + "  " + group.marks
                + (group.count > 1 ? palette.paint(" ×\(group.count)", .label) : "") + "\n"
        }
        for decision in diff.decisions(on: block.index) where decision.blocks.first == block.index {
            out += "  " + describe(decision, in: diff, palette: palette) + "\n"
        }
        return out
    }

    /// `⋈ join block 3 «…根本利益» + block 9 «杏花岭区…»  stitching · rule, score 0.82`.
    static func describe(_ decision: Decision, in diff: PageDiff, palette: DiffPalette) -> String {
        let edit = decision.edit
        var credit = EditLabel.text(of: decision.labels)
        if let score = edit.score { credit += ", score " + formatted(score) }
        let what: String
        switch edit.kind {
        case .join:
            let parts = Decision.spans(of: edit)
            let first = parts.first.map { diff.repairedText(of: $0) } ?? ""
            let second = parts.count > 1 ? diff.repairedText(of: parts[1]) : ""
            what = palette.paint("⋈ join", .decision) + " " + blockName(parts.first, in: diff) + " «" + excerpt(first, fromEnd: true)
                + "» + " + blockName(parts.count > 1 ? parts[1] : nil, in: diff) + " «" + excerpt(second, fromEnd: false) + "»"
        case .move:
            let text = diff.repairedText(of: edit.span)
            let destination = edit.after.isEmpty ? "another article" : edit.after
            what = palette.paint("↷ move", .decision) + " " + blockName(edit.span, in: diff) + " «" + excerpt(text, fromEnd: false)
                + "» → " + destination
        case .tag:
            what = palette.paint("◆ tag", .decision) + " " + blockName(edit.span, in: diff) + " «"
                + excerpt(diff.repairedText(of: edit.span), fromEnd: false) + "» → " + edit.after
        case .replace:
            what = ""
        }
        return what + "  " + palette.paint(credit, .label)
    }

    private static func blockName(_ span: ByteSpan?, in diff: PageDiff) -> String {
        guard let span else { return "?" }
        guard let index = diff.lookup.blocks(touching: span).first else { return "bytes \(span.lowerBound)–\(span.upperBound)" }
        return diff.blocks[index].rawSpan == span ? "block \(index + 1)" : "block \(index + 1) bytes \(span.lowerBound)–\(span.upperBound)"
    }

    /// At most `columns` columns of `text` from its start or its end, on one line, with `…`
    /// where it was cut.
    static func excerpt(_ text: String, fromEnd: Bool, columns: Int = 20) -> String {
        let flat = VisibleText.safe(text).map { $0.isNewline ? " " : $0 }
        var taken: [Character] = []
        var used = 0
        for character in fromEnd ? flat.reversed() : flat {
            let width = DisplayWidth.of(character)
            if used + width > columns { break }
            taken.append(character)
            used += width
        }
        guard taken.count < flat.count else { return String(flat) }
        return fromEnd ? "…" + String(taken.reversed()) : String(taken) + "…"
    }

    static func formatted(_ score: Double) -> String {
        let rounded = (score * 100).rounded() / 100
        return String(rounded)
    }

    static func plural(_ count: Int, _ word: String) -> String { count == 1 ? word : word + "s" }

    private static func padded(_ text: String, to width: Int, right: Bool = false) -> String {
        let padding = String(repeating: " ", count: max(0, width - DisplayWidth.of(text)))
        return right ? padding + text : text + padding
    }

    // MARK: - Column layout

    struct Run {
        var text: String
        var style: DiffPalette.Style
    }

    struct Row {
        var runs: [Run] = []
        /// Columns taken, markers included.
        var width = 0

        func rendered(_ palette: DiffPalette) -> String {
            runs.map { palette.paint($0.text, $0.style) }.joined()
        }
    }

    /// Wraps runs into rows of at most `width` columns; a line break starts a new row, a wide
    /// character that does not fit goes to the next row whole, and a marked run split across rows
    /// is marked on each.
    static func rows(_ runs: [Run], width: Int, palette: DiffPalette) -> [Row] {
        var rows = [Row()]
        for run in runs {
            let decoration = palette.decorationWidth(run.style)
            var piece = ""
            func flush() {
                if !piece.isEmpty { rows[rows.count - 1].runs.append(Run(text: piece, style: run.style)) }
                piece = ""
            }
            for character in run.text {
                if character.isNewline {
                    flush()
                    rows.append(Row())
                    continue
                }
                let shown: Character = character == "\t" ? " " : character
                let characterWidth = DisplayWidth.of(shown)
                let needed = characterWidth + (piece.isEmpty ? decoration : 0)
                if rows[rows.count - 1].width + needed > width && rows[rows.count - 1].width > 0 {
                    flush()
                    rows.append(Row())
                }
                if piece.isEmpty { rows[rows.count - 1].width += decoration }
                piece.append(shown)
                rows[rows.count - 1].width += characterWidth
            }
            flush()
        }
        return rows
    }
}
