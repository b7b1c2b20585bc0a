/// Groups tagged blocks into articles, in reading order.
///
/// A headline group starts an article; a byline at the end closes it; a lead after a closed article
/// (or after body text) starts one even without a headline, and so does text whose beginning is
/// not on the page (flagged truncated-start by stitching), an author line alone above running
/// text, and text whose words do not fit the article above (a signed brief, or longer unsigned
/// text on another subject). An author line or inline credit at the start gives the article a
/// byline without closing it. Labels join the article under them only with evidence; otherwise
/// they stay on the page.
struct ArticleAssembler {
    let reader: BlockReader
    let stage: String
    private var structure: StructureRules { reader.structure }
    private var bylines: BylinePatterns { reader.bylines }

    private struct Draft {
        var article: Article
        /// A closing byline was read: body text after it starts another article.
        var closed = false
        var hasStarted: Bool { !article.paragraphs.isEmpty || article.lead != nil }
    }

    private var drafts: [Draft] = []
    private var pageLabels: [PageLabel] = []
    /// Labels and flags read above an article that has not started yet.
    private var labelsForNext: [String] = []
    private var flagsForNext: [String] = []

    init(reader: BlockReader, stage: String) {
        self.reader = reader
        self.stage = stage
    }

    private var open: Draft? { drafts.last.flatMap { $0.closed ? nil : $0 } }

    mutating func assemble(_ document: inout Document) {
        let blocks = document.blocks
        var kinds = reader.kinds(of: blocks)
        var subjects = SubjectReader(blocks: blocks, han: structure.han)
        var index = 0
        // Where the open article's blocks begin.
        var articleStart = 0
        while index < blocks.count {
            let block = blocks[index]
            let position = index
            let articleCount = drafts.count
            defer { if drafts.count != articleCount { articleStart = position } }
            switch kinds[index] {
            case .jump(let rule, let flag):
                tag(block, as: "jump-line", rule: rule, in: &document, because: "a jump line; kept as the flag \(flag)")
                if drafts.isEmpty || (flag.hasPrefix("continued-from") && open == nil) {
                    flagsForNext.append(flag)
                } else {
                    drafts[drafts.count - 1].article.flags.append(flag)
                }
            case .caption:
                paragraph(block, as: .caption, in: &document)
            case .byline(let found, let rule):
                let next = kinds.indices.contains(index + 1) ? (kind: kinds[index + 1], block: blocks[index + 1]) : nil
                byline(found, rule: rule, block: block, next: next, in: &document)
            case .label(let text, let bracketed):
                if !label(text, bracketed: bracketed, at: index, kinds: kinds, in: &document) {
                    kinds[index] = .headline // a label line with no headline under it is a headline itself
                    continue
                }
            case .headline:
                index = headlineGroup(at: index, kinds: kinds, in: &document)
                continue
            case .paragraph:
                if let found = subjectBreak(at: index, articleStart: articleStart, kinds: kinds, blocks: blocks, subjects: &subjects) {
                    startArticle(&document)
                    document.explain(stage, "block \(block.index): text whose words do not fit the article above (vocabulary \(Stitching.rounded(found.fit))) starts an article without a headline (\(found.rule))")
                }
                paragraph(block, as: structure.listItem.prefix(of: block.trimmedText) == nil ? .body : .listItem, in: &document)
            }
            index += 1
        }
        document.articles = drafts.map(\.article)
        document.labels = pageLabels
    }

    /// Where the text at `index` does not fit the open article above it (from `articleStart`)
    /// well enough to belong to it: the rule that says so and the fit. The text is the run of
    /// paragraphs there, up to a byline closing one of them (a brief printed without a headline: a
    /// roundup signs its items one by one) or, unsigned, up to `textMaxParagraphs`. Nil when the
    /// text fits, or does not stand right after a finished paragraph of the article.
    private func subjectBreak(at index: Int, articleStart: Int, kinds: [BlockKind], blocks: [Block],
                              subjects: inout SubjectReader) -> (rule: String, fit: Double)? {
        // The article's last paragraphs speak for it, as a side does in stitching.
        let article = max(articleStart, index - Self.articleMaxParagraphs)..<index
        let rules = [structure.signedBrief, structure.subjectChange].compactMap { $0 }
        guard let draft = open, draft.hasStarted, index > articleStart, kinds[index - 1] == .paragraph,
              !blocks[index - 1].shape.endsOpen, !blocks[index].flags.contains(Article.truncatedStart),
              let fewest = rules.map(\.minArticleBigrams).min(), subjects.mayHold(fewest, bigramsIn: article) else { return nil }
        var run: [Int] = []
        var signed = false
        for position in index..<min(blocks.count, index + Self.textMaxParagraphs) {
            guard kinds[position] == .paragraph else { break }
            run.append(position)
            if bylines.trailingBylines(in: blocks[position].trimmedText) != nil {
                signed = true
                break
            }
        }
        let text = index..<(index + run.count)
        guard let rule = signed ? structure.signedBrief : structure.subjectChange,
              subjects.mayHold(rule.minArticleBigrams, bigramsIn: article), subjects.mayHold(rule.minTextBigrams, bigramsIn: text) else { return nil }
        let articleVector = subjects.vector(article)
        let textVector = subjects.vector(text)
        guard articleVector.count >= rule.minArticleBigrams, textVector.count >= rule.minTextBigrams else { return nil }
        let fit = Vocabulary.similarity(textVector, articleVector)
        // A dateline starts an article anyway; a list item goes on with the text introducing it.
        guard fit < rule.fitMax, structure.lead.prefix(of: blocks[index].trimmedText) == nil,
              structure.listItem.prefix(of: blocks[index].trimmedText) == nil else { return nil }
        return (rule.id, fit)
    }

    /// The most paragraphs of the article above a possible break that are read.
    static let articleMaxParagraphs = 12

    /// The most paragraphs read of the text after a possible break.
    static let textMaxParagraphs = 4

    /// The page's vocabulary for `subjectBreak`, built only when a page first needs it.
    private struct SubjectReader {
        let blocks: [Block]
        let han: CodePointSet
        private var vocabulary: Vocabulary?

        init(blocks: [Block], han: CodePointSet) {
            self.blocks = blocks
            self.han = han
        }

        /// Whether the blocks may hold `count` distinct Han bigrams: a Han character takes three
        /// UTF-8 bytes, so fewer bytes cannot.
        func mayHold(_ count: Int, bigramsIn range: Range<Int>) -> Bool {
            var bytes = 0
            for position in range {
                bytes += blocks[position].text.bytes.count
                if bytes >= count * 3 { return true }
            }
            return count == 0
        }

        mutating func vector(_ range: Range<Int>) -> Vocabulary.Vector {
            let vocabulary = self.vocabulary ?? Vocabulary(blocks: blocks, han: han)
            self.vocabulary = vocabulary
            return vocabulary.vector(of: Array(range))
        }
    }

    // MARK: - Bylines

    private mutating func byline(_ found: [Byline], rule: String, block: Block, next: (kind: BlockKind, block: Block)?,
                                  in document: inout Document) {
        let names = found.flatMap(\.names).joined(separator: "、")
        // Running text right below, without a dateline of its own: what an author line heads.
        let textBelow = next.map { $0.kind == .paragraph && structure.lead.prefix(of: $0.block.trimmedText) == nil } ?? false
        if let draft = open, !draft.article.headlines.isEmpty, !draft.hasStarted {
            drafts[drafts.count - 1].article.bylines += found
            tag(block, as: "byline", rule: rule, in: &document, because: "an author line (\(names)) right under the headline; the article goes on")
        } else if let draft = open, draft.hasStarted, rule == bylines.roleNamesRule, textBelow {
            // 本报记者　张三 printed alone between two stretches of running text heads the text below
            // it (an author line whose headline is missing); a closing byline would be bracketed or
            // close the paragraph.
            startArticle(&document)
            drafts[drafts.count - 1].article.bylines += found
            tag(block, as: "byline", rule: bylines.authorLineRule, in: &document,
                because: "an unbracketed byline (\(names)) standing alone above running text: the author line of an article whose headline is missing")
        } else if open != nil {
            drafts[drafts.count - 1].article.bylines += found
            drafts[drafts.count - 1].closed = true
            tag(block, as: "byline", rule: rule, in: &document, because: "a byline (\(names)) closing the article")
        } else if !drafts.isEmpty, next?.kind != .paragraph {
            drafts[drafts.count - 1].article.bylines += found
            tag(block, as: "byline", rule: rule, in: &document, because: "a byline (\(names)) right after the byline that closed the article above")
        } else {
            startArticle(&document)
            drafts[drafts.count - 1].article.bylines += found
            drafts[drafts.count - 1].closed = next?.kind != .paragraph
            tag(block, as: "byline", rule: rule, in: &document, because: "a byline (\(names)) with no open article above it")
        }
    }

    // MARK: - Labels

    /// Places the label at `index`; returns false when a label line turns out to be a headline
    /// (nothing headline-like under it).
    private mutating func label(_ text: String, bracketed: Bool, at index: Int, kinds: [BlockKind], in document: inout Document) -> Bool {
        let blocks = document.blocks
        var below = index + 1
        while below < kinds.count, case .label = kinds[below] { below += 1 }
        let belowKind = below < kinds.count ? kinds[below] : nil
        let rule = bracketed ? structure.bracketedLabel.id : structure.labelLine.id
        if !bracketed && belowKind != .headline { return false }
        var evidence: String?
        if belowKind == .headline {
            if bracketed {
                evidence = "it stands right above a headline"
            } else {
                let headlines = (below..<kinds.count).prefix { kinds[$0] == .headline }.map { String(blocks[$0].trimmedText) }
                if let word = sharedWord(text, headlines.joined(separator: "\n")) {
                    evidence = "it shares the word \(word) with the headline under it"
                }
            }
        } else if bracketed, belowKind == .paragraph, structure.lead.prefix(of: blocks[below].trimmedText) != nil {
            evidence = "it stands right above an article's dateline"
        }
        if let evidence {
            labelsForNext.append(text)
            tag(blocks[index], as: "label", rule: rule, in: &document, because: "a label of the next article: \(evidence)")
        } else {
            pageLabels.append(PageLabel(text: text, source: [blocks[index].rawSpan]))
            tag(blocks[index], as: "label", rule: rule, in: &document,
                because: "a label with no evidence tying it to an article; kept on the page")
        }
        return true
    }

    /// A two-character Han word found in both texts, as evidence that a label belongs to an article.
    func sharedWord(_ label: String, _ text: String) -> String? {
        let han = structure.han
        let characters = Array(label)
        for index in characters.indices.dropLast() {
            let pair = characters[index...index + 1]
            guard pair.allSatisfy({ $0.unicodeScalars.allSatisfy { han.contains($0.value) } }) else { continue }
            let word = String(pair)
            if text.contains(word) { return word }
        }
        return nil
    }

    // MARK: - Headlines and subheads

    /// Reads the run of headline-shaped blocks at `index` as a headline group, a subhead, or a
    /// headline with an author line under it; returns the index after the run.
    private mutating func headlineGroup(at index: Int, kinds: [BlockKind], in document: inout Document) -> Int {
        let blocks = document.blocks
        var end = index
        while end < kinds.count, kinds[end] == .headline { end += 1 }
        let after = end < kinds.count ? kinds[end] : nil
        var authorLine: (block: Block, byline: Byline)?
        // An author line alone above running text (本报评论员) heads an article whose headline is
        // not on the page, unless a dateline below starts an article of its own.
        if after == .paragraph, let found = bylines.authorLine(in: blocks[end - 1].trimmedText),
           end - index >= 2 || structure.lead.prefix(of: blocks[end].trimmedText) == nil {
            authorLine = (blocks[end - 1], found)
        }
        let group = Array(blocks[index..<(end - (authorLine == nil ? 0 : 1))])

        if group.count == 1, index > 0, !blocks[index - 1].shape.endsOpen,
           let reason = subheadReason(group[0], next: end < blocks.count ? blocks[end] : nil, nextKind: after) {
            addParagraph(.subhead, text: group[0].trimmedText, of: group[0])
            tag(group[0], as: "subhead", rule: structure.subhead.id, in: &document, because: reason)
            return end
        }
        let reason = headlineReason(count: group.count, next: after, nextBlock: end < blocks.count ? blocks[end] : nil)
        startArticle(&document)
        let decks = Self.decks(of: group, structure: structure)
        drafts[drafts.count - 1].article.headlines = decks.map(\.text)
        drafts[drafts.count - 1].article.decks = decks
        for (block, deck) in zip(group, decks) {
            tag(block, as: deck.role == .main ? "headline" : deck.role.rawValue, rule: structure.headline.id, in: &document, because: reason)
        }
        if let authorLine {
            drafts[drafts.count - 1].article.bylines.append(authorLine.byline)
            tag(authorLine.block, as: "byline", rule: bylines.authorLineRule, in: &document,
                because: group.isEmpty ? "an author line alone above running text: it heads an article whose headline is missing"
                    : "an author line right under the headline; the article goes on")
        }
        return end
    }

    /// Why a single short line inside an open article is a subhead, or nil when it is a headline.
    private func subheadReason(_ block: Block, next: Block?, nextKind: BlockKind?) -> String? {
        // Subheads belong to features (通讯, 评论); a dateline news item has none.
        guard let draft = open, draft.hasStarted, draft.article.lead == nil, labelsForNext.isEmpty, nextKind == .paragraph, let next,
              structure.lead.prefix(of: next.trimmedText) == nil,
              block.trimmedText.hasAtMostCharacters(structure.subhead.maxCharacters) else { return nil }
        let level = block.shape.headingLevel
        if level >= structure.subhead.minHeadingLevel {
            return "a heading of level \(level) between body paragraphs of an open article"
        }
        // A short line alone is as likely the headline of the next article when this one printed no
        // byline: it takes a sign that the article above is a feature, the kind that has subheads.
        if level == 0, let feature = featureEvidence(draft.article, line: block.trimmedText) {
            return "a short line between body paragraphs of a feature (\(feature)) that no byline has closed"
        }
        return nil
    }

    /// What shows that an article is a feature (通讯, 记事, 评论) and `line` one of its subheads: a
    /// subtitle opening with the subtitle mark (——最美退役军人郭建文记事), a subhead above printed
    /// the same way (one phrase, or phrases apart: 留住老味道 引来新业态), or an author line under the
    /// headline with `line` printed as phrases apart. An author line alone proves little: many
    /// news items print one.
    private func featureEvidence(_ article: Article, line: Substring) -> String? {
        let isPhrases = Self.isPhrases(line)
        if let above = article.paragraphs.last(where: { $0.role == .subhead }) {
            return Self.isPhrases(Substring(above.text)) == isPhrases ? "it has a subhead above printed the same way" : nil
        }
        if article.decks.contains(where: { $0.role == .subtitle && structure.opensWithSubtitleMark(Substring($0.text)) }) {
            return "its headline has a subtitle"
        }
        if !article.bylines.isEmpty && isPhrases { return "an author line under its headline, and a line of phrases apart" }
        return nil
    }

    /// Phrases printed apart (留住老味道 引来新业态): the spacing stage keeps such a separator.
    private static func isPhrases(_ line: Substring) -> Bool { line.contains { $0 == " " || $0 == "\u{3000}" } }

    private func headlineReason(count: Int, next: BlockKind?, nextBlock: Block?) -> String {
        if drafts.isEmpty { return "short line(s) without sentence marks at the top of the page" }
        if open == nil { return "short line(s) without sentence marks after an article a byline closed" }
        if let nextBlock, next == .paragraph, structure.lead.prefix(of: nextBlock.trimmedText) != nil {
            return "short line(s) without sentence marks above a dateline"
        }
        if count > 1 { return "a group of \(count) short lines: a headline with its deck" }
        return "a short line without sentence marks that no subhead evidence (bold, between body paragraphs) holds inside the article above"
    }

    /// Deck roles: the main headline is the largest Markdown heading, else the first bold line, else
    /// the first line; lines above it are kickers, lines below and lines opening with —— subtitles.
    static func decks(of group: [Block], structure: StructureRules) -> [Deck] {
        let texts = group.map { String($0.trimmedText) }
        let levels = group.map(\.shape.headingLevel)
        var main = texts.indices.first { !structure.opensWithSubtitleMark(Substring(texts[$0])) } ?? 0
        if let best = levels.filter({ $0 > 0 }).min() {
            main = levels.firstIndex(of: best) ?? main
        } else if group.contains(where: \.shape.isBold), !group.allSatisfy(\.shape.isBold) {
            main = group.firstIndex(where: \.shape.isBold) ?? main
        }
        return texts.enumerated().map { offset, text in
            let role: Deck.Role = offset == main ? .main
                : offset < main && !structure.opensWithSubtitleMark(Substring(text)) ? .kicker : .subtitle
            return Deck(role: role, text: text)
        }
    }

    // MARK: - Paragraphs

    /// Running text (body, list item or caption): a dateline at its start goes to `lead` (with the
    /// credit after it), a jump line at either end to `flags`, a byline at its end to `bylines`; the
    /// rest is the paragraph.
    private mutating func paragraph(_ block: Block, as role: Paragraph.Role, in document: inout Document) {
        var text = block.trimmedText
        guard !text.isEmpty else { return } // only Markdown markers
        // Stitching flags a block whose start or end is not on the page.
        var flags = block.flags
        if let jump = structure.leadingJump(text) {
            flags.append(jump.flag)
            tag(block, part: text[..<jump.end], as: "jump-line", rule: jump.rule, in: &document, because: "a jump line; kept as the flag \(jump.flag)")
            text = text[jump.end...].trimmingSpaces
        }
        if block.flags.contains(Article.truncatedStart), open?.hasStarted == true {
            // Stitching found nothing on the page that this text continues, and its words do not
            // fit the text above: it is what is left of an article whose beginning is missing.
            startArticle(&document)
            document.explain(stage, "block \(block.index): text whose beginning is not on the page starts an article of its own")
        }
        if let lead = structure.lead.prefix(of: text) {
            let opensNew = open.map(\.hasStarted) ?? true
            if opensNew { startArticle(&document) }
            drafts[drafts.count - 1].article.lead = String(lead)
            tag(block, part: lead, as: "lead", rule: structure.lead.id, in: &document,
                because: opensNew ? "a dateline: it starts an article" : "a dateline opening the article under its headline")
            text = text[lead.endIndex...].trimmingSpaces
            if let credit = bylines.inlineCredit(at: text) {
                drafts[drafts.count - 1].article.bylines += credit.bylines
                tag(block, part: text[..<credit.end], as: "byline", rule: bylines.inlineCreditRule, in: &document,
                    because: "a credit right after the dateline; the article goes on")
                text = text[credit.end...]
            }
        } else if open == nil {
            startArticle(&document)
            document.explain(stage, "block \(block.index): body text with no open article above it starts an article without a headline")
        }
        drafts[drafts.count - 1].article.flags += flags.filter { !drafts[drafts.count - 1].article.flags.contains($0) }
        if let jump = structure.trailingJump(text) {
            drafts[drafts.count - 1].article.flags.append(jump.flag)
            tag(block, part: text[jump.start...], as: "jump-line", rule: jump.rule, in: &document, because: "a jump line; kept as the flag \(jump.flag)")
            text = text[..<jump.start].trimmingSpaces
        }
        var closing: [Byline] = []
        if let trailing = bylines.trailingBylines(in: text) {
            closing = trailing.bylines
            let tail = text[trailing.start...]
            tag(block, part: tail, as: "byline", rule: tail.insideRoundBrackets == nil ? bylines.roleNamesRule : bylines.bracketedRule,
                in: &document, because: "a byline at the end of the paragraph closes the article")
            text = text[..<trailing.start].trimmingSpaces
        }
        if !text.isEmpty {
            addParagraph(role, text: text, of: block)
            switch role {
            case .listItem:
                tag(block, part: text, as: role.rawValue, rule: structure.listItem.id, in: &document, because: "a paragraph opening with an enumeration marker")
            case .caption:
                tag(block, part: text, as: role.rawValue, rule: structure.caption.id, in: &document, because: "a short block opening with 图为 or ending with a photo credit")
            case .body, .subhead:
                break
            }
        }
        if !closing.isEmpty {
            drafts[drafts.count - 1].article.bylines += closing
            drafts[drafts.count - 1].closed = true
        }
    }

    // MARK: - Building blocks

    private mutating func startArticle(_ document: inout Document) {
        var article = Article(id: Tagging.articleID(source: document.page.source, index: drafts.count))
        article.labels = labelsForNext
        article.flags = flagsForNext
        labelsForNext = []
        flagsForNext = []
        drafts.append(Draft(article: article))
    }

    /// Appends a paragraph to the last article; `text` is a part of the block's current text.
    private mutating func addParagraph(_ role: Paragraph.Role, text: Substring, of block: Block) {
        drafts[drafts.count - 1].article.paragraphs.append(Paragraph(role: role, text: String(text), source: block.rawSpans(of: text)))
    }

    /// Records a `tag` edit for the block (or a part of it) and says why under `--explain`.
    private func tag(_ block: Block, part: Substring? = nil, as role: String, rule: String, in document: inout Document, because reason: String) {
        let span = part.map { block.rawSpan(of: $0) } ?? block.rawSpan
        document.edits.append(Edit(stage: stage, rule: rule, kind: .tag, span: span, after: role))
        let shown = part ?? block.trimmedText
        document.explain(stage, "block \(block.index) «\(shown.prefix(24))\(shown.count > 24 ? "…" : "")»: \(role) (\(rule)): \(reason)")
    }
}

extension Block {
    /// The raw span of `part`, a substring of the block's current text (`string`).
    func rawSpan(of part: Substring) -> ByteSpan { text.rawSpan(of: byteRange(of: part)) }

    /// The raw spans of `part` in reading order: several when stitching joined blocks.
    func rawSpans(of part: Substring) -> [ByteSpan] { text.rawSpans(of: byteRange(of: part)) }

    private func byteRange(of part: Substring) -> Range<Int> {
        let base = part.base
        return base.utf8.distance(from: base.startIndex, to: part.startIndex)..<base.utf8.distance(from: base.startIndex, to: part.endIndex)
    }
}
