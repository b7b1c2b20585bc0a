/// `galley diff --html`: one self-contained page (inline CSS, no scripts, no external assets,
/// nothing fetched) with the raw page and the repaired articles side by side. Each change is
/// highlighted and names its stage and rule in a tooltip (`title`); joins, moves, tags and
/// article flags are badges.
public enum HTMLDiff {
    public static func render(_ diff: PageDiff) -> String {
        var out = """
            <!DOCTYPE html>
            <html lang="zh-Hans">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>galley diff · \(escape(diff.source))</title>
            <style>\(style)</style>
            </head>
            <body>

            """
        out += header(diff)
        out += "<main>\n<section class=\"raw\">\n<h2>Raw page</h2>\n"
        for block in diff.blocks { out += rawBlock(block, in: diff) }
        out += "</section>\n<section class=\"repaired\">\n<h2>Repaired articles</h2>\n"
        if !diff.labels.isEmpty {
            out += "<div class=\"page-labels\">" + diff.labels.map { "<span class=\"label\">\(escape($0.text))</span>" }.joined(separator: " ")
                + "</div>\n"
        }
        for article in diff.articles { out += repairedArticle(article, in: diff) }
        out += "</section>\n</main>\n</body>\n</html>\n"
        return out
    }

    // MARK: - Header and summary

    private static func header(_ diff: PageDiff) -> String {
        let summary = diff.summary
        var out = "<header>\n<h1>galley diff <code>\(escape(diff.source))</code></h1>\n"
        out += "<p class=\"key\">\(summary.edits) \(TerminalDiff.plural(summary.edits, "edit")) · "
            + "<del>deleted</del> <ins>inserted</ins> · <span class=\"badge join\">⋈ join</span> "
            + "<span class=\"badge move\">↷ move</span> <span class=\"badge tag\">◆ tag</span> "
            + "<span class=\"badge flag\">flag</span> · rest the pointer on a change to see its stage and rule</p>\n"
        guard summary.edits > 0 else { return out + "</header>\n" }
        out += "<div class=\"summary\">\n<table>\n<thead><tr><th>stage</th><th>edits</th><th>kinds</th></tr></thead>\n<tbody>\n"
        for count in summary.stages {
            out += "<tr><td>\(escape(count.stage))</td><td class=\"n\">\(count.edits)</td><td>\(escape(count.kindsText))</td></tr>\n"
        }
        out += "</tbody>\n</table>\n<table>\n<thead><tr><th>stage</th><th>rule</th><th>edits</th></tr></thead>\n<tbody>\n"
        for count in summary.rules {
            out += "<tr><td>\(escape(count.stage))</td><td><code>\(escape(count.rule ?? ""))</code></td><td class=\"n\">\(count.edits)</td></tr>\n"
        }
        return out + "</tbody>\n</table>\n</div>\n</header>\n"
    }

    // MARK: - Raw side

    private static func rawBlock(_ block: BlockDiff, in diff: PageDiff) -> String {
        let decisions = diff.decisions(on: block.index)
        let changed = !block.changes.isEmpty || !decisions.isEmpty
        var out = "<div class=\"block\(changed ? " changed" : "")\" id=\"block-\(block.index + 1)\">\n"
        out += "<div class=\"meta\">block \(block.index + 1) · bytes \(block.rawSpan.lowerBound)–\(block.rawSpan.upperBound)"
        for decision in decisions { out += " " + badge(decision, from: block, in: diff) }
        out += "</div>\n<div class=\"text\">"
        for segment in block.segments {
            switch segment {
            case .same(let text, _): out += escape(VisibleText.safe(text))
            case .change(let change):
                out += "<span class=\"change\" title=\"\(attribute(tooltip(change)))\">"
                for piece in change.pieces {
                    switch piece {
                    case .same(let text): out += escape(VisibleText.safe(text))
                    case .deleted(let text): out += "<del>\(escape(VisibleText.of(text)))</del>"
                    case .inserted(let text): out += "<ins>\(escape(VisibleText.of(text)))</ins>"
                    }
                }
                out += "</span>"
            }
        }
        return out + "</div>\n</div>\n"
    }

    /// A join, move or tag as seen from one of its blocks.
    private static func badge(_ decision: Decision, from block: BlockDiff, in diff: PageDiff) -> String {
        let edit = decision.edit
        let others = decision.blocks.filter { $0 != block.index }.map { "<a href=\"#block-\($0 + 1)\">block \($0 + 1)</a>" }
        let text: String
        switch edit.kind {
        case .join: text = "⋈ joined with " + (others.isEmpty ? "itself" : others.joined(separator: ", "))
        case .move: text = "↷ moved → " + escape(edit.after.isEmpty ? "another article" : edit.after)
        case .tag: text = "◆ " + escape(edit.after)
        case .replace: text = ""
        }
        return "<span class=\"badge \(edit.kind.rawValue)\" title=\"\(attribute(credit(decision)))\">\(text)</span>"
    }

    // MARK: - Repaired side

    private static func repairedArticle(_ article: Article, in diff: PageDiff) -> String {
        var out = "<article id=\"article-\(escape(article.id))\">\n<div class=\"meta\">\(escape(article.id))"
        for flag in article.flags { out += " <span class=\"badge flag\">\(escape(flag))</span>" }
        out += "</div>\n"
        if !article.labels.isEmpty {
            out += "<p class=\"labels\">" + article.labels.map { "<span class=\"label\">\(escape($0))</span>" }.joined(separator: " ") + "</p>\n"
        }
        for (index, headline) in article.headlines.enumerated() {
            let role = index < article.decks.count ? article.decks[index].role.rawValue : (index == 0 ? "main" : "subtitle")
            out += "<p class=\"headline \(role)\">\(escape(headline))</p>\n"
        }
        for (index, paragraph) in article.paragraphs.enumerated() {
            out += "<p class=\"paragraph \(paragraph.role.rawValue)\">"
            if let first = paragraph.source.first, let block = diff.lookup.blocks(touching: first).first {
                out += "<a class=\"from\" href=\"#block-\(block + 1)\" title=\"from block \(block + 1)\">¶\(block + 1)</a>"
            }
            var marked: [Int] = []
            for span in paragraph.source {
                for block in diff.lookup.blocks(touching: span) {
                    for decision in diff.decisions(on: block) where decision.edit.kind != .tag && !marked.contains(decision.logIndex)
                        && decision.touches(paragraph.source) {
                        out += marker(decision)
                        marked.append(decision.logIndex)
                    }
                }
            }
            if index == 0, let lead = article.lead { out += "<strong class=\"lead\">\(escape(lead))</strong> " }
            out += paragraphText(paragraph, in: diff) + "</p>\n"
        }
        if article.paragraphs.isEmpty, let lead = article.lead { out += "<p><strong class=\"lead\">\(escape(lead))</strong></p>\n" }
        for byline in article.bylines { out += "<p class=\"byline\">\(escape(byline.text))</p>\n" }
        return out + "</article>\n"
    }

    private static func marker(_ decision: Decision) -> String {
        let symbol = decision.edit.kind == .join ? "⋈ joined" : "↷ moved"
        return "<span class=\"badge \(decision.edit.kind.rawValue)\" title=\"\(attribute(credit(decision)))\">\(symbol)</span> "
    }

    /// The paragraph with its changes highlighted, built from its raw source spans; its plain
    /// text when those do not rebuild it (a later stage took text out, or a change straddles a
    /// span's edge).
    private static func paragraphText(_ paragraph: Paragraph, in diff: PageDiff) -> String {
        var html = ""
        var text = ""
        for (index, span) in paragraph.source.enumerated() {
            guard let block = diff.lookup.block(holding: span),
                  let segments = diff.blocks[block].repairedSegments(in: span, raw: diff.raw) else { return escape(paragraph.text) }
            if index > 0, let join = diff.decisions(on: block).first(where: {
                $0.edit.kind == .join && $0.touches([paragraph.source[index - 1]]) && $0.touches([span])
            }) {
                html += "<span class=\"seam\" title=\"\(attribute(credit(join)))\">⋈</span>"
            }
            for segment in segments {
                text += segment.repaired
                switch segment {
                case .same(let same, _): html += escape(VisibleText.safe(same))
                case .change(let change):
                    html += "<span class=\"change\" title=\"\(attribute(tooltip(change)))\">"
                    for (position, piece) in change.pieces.enumerated() {
                        switch piece {
                        case .same(let same): html += escape(VisibleText.safe(same))
                        case .inserted(let inserted): html += "<ins>\(escape(inserted))</ins>"
                        case .deleted:
                            // Text that went without a replacement is a thin red bar here (the raw
                            // side shows it in full); a replaced one needs no mark beyond the insertion.
                            let next = position + 1 < change.pieces.count ? change.pieces[position + 1] : nil
                            if case .inserted? = next {} else { html += "<span class=\"cut\"></span>" }
                        }
                    }
                    html += "</span>"
                }
            }
        }
        // Bytes, not String ==, which calls canonically equivalent text equal.
        return text.utf8.elementsEqual(paragraph.text.utf8) ? html : escape(VisibleText.safe(paragraph.text))
    }

    // MARK: - Text

    /// Stage and rule of every edit behind a change, then the change itself.
    static func tooltip(_ change: TextChange) -> String {
        change.labels.map(\.description).joined(separator: "\n") + "\n“" + VisibleText.of(change.before) + "” → “"
            + VisibleText.of(change.after) + "”"
    }

    static func credit(_ decision: Decision) -> String {
        var text = decision.edit.kind.rawValue + ": " + EditLabel.text(of: decision.labels)
        if let score = decision.edit.score { text += "\nscore " + TerminalDiff.formatted(score) }
        return text
    }

    /// An attribute value in double quotes; line breaks become character references so that
    /// tooltips keep them.
    static func attribute(_ text: String) -> String {
        escape(text, inAttribute: true)
    }

    /// Escapes text for HTML content and for attribute values in double or single quotes.
    static func escape(_ text: String, inAttribute: Bool = false) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text.unicodeScalars {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\n" where inAttribute: out += "&#10;"
            default: out.unicodeScalars.append(character)
            }
        }
        return out
    }

    private static let style = """

        :root { color-scheme: light; --line: #e3e0da; --muted: #6f6a62; --del: #ffe3e0; --del-ink: #a3140c;
          --ins: #d9f2d6; --ins-ink: #17611b; --join: #e6e0fa; --join-ink: #4b2fa6; --move: #fdecc8; --move-ink: #7a4a00; }
        * { box-sizing: border-box; }
        body { margin: 0; background: #f7f5f1; color: #1f1d1a;
          font: 15px/1.75 "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif; }
        header { padding: 14px 24px 10px; background: #fff; border-bottom: 1px solid var(--line); }
        h1 { font-size: 17px; margin: 0 0 4px; font-weight: 600; }
        h1 code { font-weight: 400; color: var(--muted); }
        .key { margin: 0 0 8px; color: var(--muted); font-size: 13px; }
        .summary { display: flex; gap: 24px; flex-wrap: wrap; align-items: flex-start; font-size: 13px; }
        .summary table { border-collapse: collapse; }
        .summary th { text-align: left; color: var(--muted); font-weight: 500; padding: 0 12px 2px 0; }
        .summary td { padding: 1px 12px 1px 0; border-top: 1px solid var(--line); }
        .summary td.n { text-align: right; font-variant-numeric: tabular-nums; }
        main { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); }
        main > section { padding: 10px 20px 24px; }
        section.raw { border-right: 1px solid var(--line); }
        h2 { font-size: 12px; letter-spacing: .1em; text-transform: uppercase; color: var(--muted); margin: 4px 0 10px; }
        .block, article { background: #fff; border: 1px solid var(--line); border-radius: 6px; margin: 0 0 10px; padding: 6px 12px 8px; }
        .block:not(.changed) { opacity: .72; }
        .block:target { outline: 2px solid #f0b400; }
        .meta { font-size: 12px; color: var(--muted); margin-bottom: 2px; }
        .meta a, a.from { color: var(--muted); }
        .text { white-space: pre-wrap; overflow-wrap: anywhere;
          font-family: "Noto Sans Mono CJK SC", "Noto Sans CJK SC", ui-monospace, monospace; font-size: 14px; }
        del { background: var(--del); color: var(--del-ink); text-decoration: line-through; border-radius: 2px; }
        ins { background: var(--ins); color: var(--ins-ink); text-decoration: none; border-radius: 2px; }
        .change, .seam, .badge { cursor: help; }
        .change:hover, .seam:hover { outline: 2px solid #f0b400; }
        .cut { display: inline-block; width: 0; height: 1.1em; vertical-align: -.15em; border-left: 2px solid var(--del-ink); margin: 0 1px; }
        .seam { color: var(--join-ink); background: var(--join); border-radius: 3px; padding: 0 2px; margin: 0 2px; font-size: 12px; }
        .badge { display: inline-block; font-size: 12px; line-height: 1.5; padding: 0 6px; border-radius: 9px; margin-left: 4px;
          background: #eee; color: #444; }
        .badge.join { background: var(--join); color: var(--join-ink); }
        .badge.move { background: var(--move); color: var(--move-ink); }
        .badge.tag { background: #e3eef9; color: #1f4e79; }
        .badge.flag { background: #fbe1ea; color: #8a1538; }
        .badge a { color: inherit; }
        .paragraph { margin: 4px 0 8px; }
        .paragraph .badge { margin: 0 4px 0 0; }
        a.from { font-size: 11px; text-decoration: none; margin-right: 6px; vertical-align: 1px; }
        .headline { font-size: 19px; font-weight: 700; margin: 6px 0; }
        .headline.kicker, .headline.subtitle { font-size: 15px; font-weight: 500; }
        .label { display: inline-block; font-size: 13px; border: 1px solid var(--line); border-radius: 3px; padding: 0 6px; }
        .page-labels { margin-bottom: 10px; }
        .byline { color: var(--muted); text-align: right; margin: 4px 0; }
        .paragraph.subhead { font-weight: 600; }
        .paragraph.caption { font-size: 13px; color: var(--muted); }

        """
}
