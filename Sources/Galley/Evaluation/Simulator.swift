/// One simulated page: the OCR-like text and its gold answer.
public struct SimulatedPage: Sendable {
    /// `page-001`: the page is written as NAME.md, its gold as NAME.gold.json.
    public var name: String
    public var text: String
    public var gold: GoldPage
}

/// Lays clean articles out as OCR-like pages (contract: gold files). Pages take whole articles
/// from a shuffled deck of the corpus; every fault the simulator introduces is written into the
/// gold file, so that `galley eval` can tell whether the pipeline undid it. The same articles,
/// options and seed give the same pages.
public struct Simulator: Sendable {
    public let articles: [CleanArticle]
    public let options: SimulationOptions
    public let seed: Int

    public init(articles: [CleanArticle], options: SimulationOptions = SimulationOptions(), seed: Int) {
        self.articles = articles
        self.options = options
        self.seed = seed
    }

    public func pages(_ count: Int) -> [SimulatedPage] {
        guard count > 0, !articles.isEmpty else { return [] }
        var random = SplitMix64(seed: UInt64(truncatingIfNeeded: seed))
        var deck: [Int] = []
        return (1...count).map { number in
            var chosen: [Int] = []
            var characters = 0
            while chosen.count < articles.count && (characters < options.pageCharacters || chosen.count < 2) {
                if deck.isEmpty { deck = shuffled(Array(articles.indices), random: &random) }
                let next = deck.removeLast()
                guard !chosen.contains(next) else { continue }
                chosen.append(next)
                characters += articles[next].characterCount
            }
            var builder = PageBuilder(options: options, random: random)
            let page = builder.page(number: number, articles: chosen.map { articles[$0] }, seed: seed)
            random = builder.random
            return page
        }
    }

    /// Fisher–Yates with our generator (the standard library's shuffle may change its algorithm).
    private func shuffled(_ items: [Int], random: inout SplitMix64) -> [Int] {
        var items = items
        for index in stride(from: items.count - 1, to: 0, by: -1) {
            items.swapAt(index, random.int(in: 0...index))
        }
        return items
    }
}

/// A stretch of clean text and the whitespace the page prints inside it.
struct Run {
    var text: [Character]
    /// Whitespace printed before `text[i]` (i ≥ 1).
    var inserted: [Int: Character] = [:]
    var bold = false

    init(_ text: String, bold: Bool = false) {
        self.text = Array(text)
        self.bold = bold
    }

    /// The text with its inserted whitespace, no other change.
    var printed: String {
        var out = ""
        for (index, character) in text.enumerated() {
            if let space = inserted[index] { out.append(space) }
            out.append(character)
        }
        return out
    }

    /// The run split before `text[position]`.
    func split(at position: Int) -> (Run, Run) {
        var head = self
        var tail = self
        head.text = Array(text[..<position])
        tail.text = Array(text[position...])
        head.inserted = inserted.filter { $0.key < position }
        tail.inserted = Dictionary(uniqueKeysWithValues: inserted.filter { $0.key > position }.map { ($0.key - position, $0.value) })
        return (head, tail)
    }
}

/// One blank-line-separated block of a page before it is printed.
struct DraftBlock {
    var runs: [Run]
    /// The column cut whose part this block is, if any.
    var cut: Int?
    /// The article (page order) the block belongs to.
    var article = 0
}

/// Whitespace the simulator put into a text (spurious, line break) or found in clean text
/// (legit), to be written into the gold file as a stretch of text around it.
struct SpaceRecord {
    enum Kind { case spurious, lineBreak, legit }
    var kind: Kind
    var unit: [Character]
    /// The gap (before `unit[position]`) for inserted whitespace; the space character's index for
    /// a legit space; nil: the whole unit (a headline or subhead).
    var position: Int?
    var whitespace: Character = " "
    /// Where a column cut splits the unit: the entry stays on one side, so that it is found
    /// whether or not the pipeline joins the parts.
    var cut: Int?
}

struct PageBuilder {
    let options: SimulationOptions
    var random: SplitMix64
    private var records: [SpaceRecord] = []
    private var cutKinds: [GoldPage.Cut.Kind] = []

    init(options: SimulationOptions, random: SplitMix64) {
        self.options = options
        self.random = random
    }

    struct Draft {
        var gold: GoldArticle
        var blocks: [DraftBlock]
        /// Where the article's column breaks off when the next article is printed into it: the
        /// block that holds the second part of the forced cut.
        var resumeBlock: Int?
    }

    mutating func page(number: Int, articles: [CleanArticle], seed: Int) -> SimulatedPage {
        let name = "page-" + String(repeating: "0", count: max(0, 3 - String(number).count)) + String(number)
        var interleaved = [Bool](repeating: false, count: articles.count)
        for index in 0..<max(0, articles.count - 1) where !(index > 0 && interleaved[index - 1]) {
            interleaved[index] = random.chance(options.interleaveRate)
        }
        var drafts: [Draft] = []
        for (index, article) in articles.enumerated() {
            let truncated = random.chance(options.truncateRate)
            // Only the page's first article may lose its headline with its beginning: anywhere
            // else headline-less text would belong to the article above it.
            let keepHeadlines = !truncated || index > 0 || random.chance(0.5)
            var draft = self.draft(article, id: "\(name)#\(index + 1)", truncated: truncated,
                                   keepHeadlines: keepHeadlines, forceCut: interleaved[index])
            for block in draft.blocks.indices { draft.blocks[block].article = index }
            drafts.append(draft)
        }
        var ordered: [DraftBlock] = []
        var index = 0
        while index < drafts.count {
            if interleaved[index], index + 1 < drafts.count, let resume = drafts[index].resumeBlock, drafts[index + 1].blocks.count >= 2 {
                let first = drafts[index].blocks
                let second = drafts[index + 1].blocks
                let shown = interleavedCount(of: second)
                ordered += first[..<resume]
                ordered += second[..<shown]
                ordered += first[resume...]
                ordered += second[shown...]
                index += 2
            } else {
                ordered += drafts[index].blocks
                index += 1
            }
        }

        var golds = drafts.map(\.gold)
        var cutBlocks = [[Int]](repeating: [], count: cutKinds.count)
        for (position, block) in ordered.enumerated() {
            if let cut = block.cut { cutBlocks[cut].append(position) }
        }
        var gold = GoldPage(source: name + ".md", articles: [])
        for (cut, blocks) in cutBlocks.enumerated() {
            let article = ordered[blocks[0]].article
            golds[article].joins.append(blocks)
            gold.cuts.append(GoldPage.Cut(blocks: blocks, kind: cutKinds[cut]))
        }
        gold.articles = golds
        let entries = SpaceEntries(records: records, articles: golds)
        gold.spuriousSpaces = entries.spurious
        gold.legitSpaces = entries.legit
        gold.lineBreaks = entries.lineBreaks
        gold.note = Self.note
        gold.simulation = SimulationRecord(seed: seed, page: number, options: options)

        var text = ""
        for (position, block) in ordered.enumerated() {
            if position > 0 { text += "\n\n" }
            text += print(block, halfWidth: random.chance(options.halfWidthRate))
        }
        return SimulatedPage(name: name, text: text + "\n", gold: gold)
    }

    /// How many of the second article's first blocks stand inside the first one's column: up
    /// to four, ending at a column cut of its own when one falls there (as on the seed page).
    private mutating func interleavedCount(of blocks: [DraftBlock]) -> Int {
        let limit = min(4, blocks.count - 1)
        let atCuts = (1...limit).filter { blocks[$0].cut != nil && blocks[$0].cut == blocks[$0 - 1].cut }
        if let atCut = random.pick(atCuts), random.chance(0.5) { return atCut }
        return random.int(in: 1...limit)
    }

    static let note = """
        Written by galley simulate. Articles come in the order of their starts; texts are compared \
        with whitespace ignored. spurious_spaces and line_breaks hold the whitespace the simulator \
        injected, each in a stretch of text around it: none may remain in any output text (a \
        byline's text excepted). legit_spaces must keep their space. joins and cuts name the \
        blank-line-separated blocks of the page (0-based) that form one paragraph.
        """

    // MARK: One article

    private mutating func draft(_ article: CleanArticle, id: String, truncated: Bool, keepHeadlines: Bool, forceCut: Bool) -> Draft {
        var gold = GoldArticle()
        gold.id = id
        var paragraphs = article.paragraphs
        var lead = article.lead
        var bylines = article.bylines.map { (byline: $0, style: style(for: $0, hasLead: article.lead != nil)) }
        if truncated, let (index, offset) = truncationPoint(in: paragraphs) {
            let rest = String(Array(paragraphs[index].text)[offset...])
            paragraphs = [GoldParagraph(role: .body, text: rest)] + paragraphs[(index + 1)...]
            lead = nil
            bylines.removeAll { $0.style == .authorLine || $0.style == .inlineCredit }
            gold.flags = [Article.truncatedStart]
        }
        if keepHeadlines {
            gold.labels = article.labels
            gold.headlines = article.headlines
        }
        gold.lead = lead
        gold.paragraphs = paragraphs

        var printedBylines: [(style: CleanArticle.Byline.Style, run: Run)] = []
        for (byline, style) in bylines {
            let run = bylineRun(byline, style: style)
            printedBylines.append((style, run))
            gold.bylines.append(Byline(role: byline.role, names: byline.names, text: run.printed))
        }
        func bylineRuns(_ style: CleanArticle.Byline.Style) -> [Run] {
            printedBylines.filter { $0.style == style }.map(\.run)
        }

        var blocks: [DraftBlock] = []
        for label in gold.labels {
            blocks.append(DraftBlock(runs: [Run("【\(label)】", bold: random.chance(options.emphasisRate))]))
        }
        let boldHeadlines = random.chance(options.emphasisRate)
        for headline in gold.headlines {
            recordWholeIfSpaced(headline)
            blocks.append(DraftBlock(runs: [Run(headline, bold: boldHeadlines)]))
        }
        for run in bylineRuns(.authorLine) { blocks.append(DraftBlock(runs: [run])) }

        var leadRuns: [Run] = []
        if let lead {
            leadRuns = [Run(lead, bold: random.chance(options.emphasisRate))] + bylineRuns(.inlineCredit)
            leadRuns.append(Run(random.pick([" ", " ", "　", ""]) ?? " "))
        }
        let cuttable = paragraphs.indices.filter { paragraphs[$0].role != .subhead && paragraphs[$0].text.count >= 30 }
        let forcedCut = forceCut ? random.pick(cuttable) : nil
        var resumeBlock: Int?
        for (index, paragraph) in paragraphs.enumerated() {
            var runs = index == 0 ? leadRuns : []
            var cut: (position: Int, kind: GoldPage.Cut.Kind)?
            if paragraph.role == .subhead {
                recordWholeIfSpaced(paragraph.text)
                runs.append(Run(paragraph.text, bold: random.chance(options.emphasisRate)))
            } else {
                let text = Array(paragraph.text)
                if index == forcedCut || (text.count >= 30 && random.chance(options.cutRate)) {
                    cut = cutPoint(in: text)
                }
                runs.append(degraded(text, keeping: cut?.position))
            }
            let cutRun = runs.count - 1
            if index == paragraphs.count - 1 {
                for run in bylineRuns(.trailing) {
                    runs.append(Run(random.chance(0.75) ? " " : "　"))
                    runs.append(run)
                }
            }
            guard let cut else {
                blocks.append(DraftBlock(runs: runs))
                continue
            }
            let (head, tail) = runs[cutRun].split(at: cut.position)
            let id = cutKinds.count
            cutKinds.append(cut.kind)
            blocks.append(DraftBlock(runs: Array(runs[..<cutRun]) + [head], cut: id))
            if index == forcedCut { resumeBlock = blocks.count }
            blocks.append(DraftBlock(runs: [tail] + runs[(cutRun + 1)...], cut: id))
        }
        for run in bylineRuns(.standalone) {
            var run = run
            run.bold = random.chance(options.emphasisRate)
            blocks.append(DraftBlock(runs: [run]))
        }
        return Draft(gold: gold, blocks: blocks, resumeBlock: resumeBlock)
    }

    /// A style that fits the byline: the one it asks for, else one its role allows.
    private mutating func style(for byline: CleanArticle.Byline, hasLead: Bool) -> CleanArticle.Byline.Style {
        if let style = byline.style { return style == .inlineCredit && !hasLead ? .standalone : style }
        guard let role = byline.role else {
            // A group such as 某某理论学习中心组 signs under the headline.
            if byline.names.count == 1 && byline.names[0].count > 4 { return .authorLine }
            return random.pick([.standalone, .trailing]) ?? .standalone
        }
        if role.hasPrefix("本报") { return random.pick([.authorLine, .authorLine, .standalone]) ?? .authorLine }
        return random.pick(hasLead ? [.inlineCredit, .trailing, .standalone] : [.trailing, .standalone]) ?? .trailing
    }

    /// The byline as printed: `（李杰华、甄 珍）`, `记者 阎轶洁`, `本报记者　张三`, `（记者王五）`.
    private mutating func bylineRun(_ byline: CleanArticle.Byline, style: CleanArticle.Byline.Style) -> Run {
        var run = Run("")
        func append(_ text: String) { run.text += Array(text) }
        func appendNames(separator: String) {
            for (index, name) in byline.names.enumerated() {
                if index > 0 { append(separator) }
                let start = run.text.count
                append(name)
                let characters = Array(name)
                if characters.count == 2 && characters.allSatisfy(isHan) && random.chance(options.paddedNameRate) {
                    let pad: Character = random.chance(0.8) ? " " : "　"
                    run.inserted[start + 1] = pad
                    records.append(SpaceRecord(kind: .spurious, unit: characters, position: 1, whitespace: pad))
                }
            }
        }
        switch (style, byline.role) {
        case (.trailing, let role?):
            append(role + " ")
            appendNames(separator: " ")
        case (.authorLine, let role):
            if let role { append(role + "　") }
            appendNames(separator: "　")
        case (.inlineCredit, let role):
            append("（" + (role ?? "") + (role != nil && random.chance(0.3) ? " " : ""))
            appendNames(separator: "、")
            append("）")
        case (_, let role):
            append("（" + (role.map { $0 + " " } ?? ""))
            appendNames(separator: "、")
            append("）")
        }
        return run
    }

    /// Running text as OCR prints it: letter-spaced, or with stray spaces and hard-wrapped lines.
    /// No whitespace goes at `kept` (where a column cut falls) or beside a space of the text.
    private mutating func degraded(_ text: [Character], keeping kept: Int?) -> Run {
        var run = Run("")
        run.text = text
        for (index, character) in text.enumerated() where isSpace(character) {
            records.append(SpaceRecord(kind: .legit, unit: text, position: index, cut: kept))
        }
        func free(_ gap: Int) -> Bool {
            gap != kept && !isSpace(text[gap - 1]) && !isSpace(text[gap]) && run.inserted[gap] == nil
        }
        func insert(_ space: Character, at gap: Int, kind: SpaceRecord.Kind) {
            run.inserted[gap] = space
            records.append(SpaceRecord(kind: kind, unit: text, position: gap, whitespace: space, cut: kept))
        }
        guard text.count > 1 else { return run }
        if !text.contains(where: isSpace) && random.chance(options.letterSpacingRate) {
            for gap in 1..<text.count where free(gap) { insert(" ", at: gap, kind: .spurious) }
            return run
        }
        for gap in 1..<text.count where isHan(text[gap - 1]) && isHan(text[gap]) && free(gap) && random.chance(options.straySpaceRate) {
            insert(" ", at: gap, kind: .spurious)
        }
        if random.chance(options.wrapRate) {
            var gap = options.wrapWidth
            while gap < text.count {
                while gap < text.count && !(free(gap) && run.inserted[gap - 1] == nil && run.inserted[gap + 1] == nil) { gap += 1 }
                if gap < text.count { insert("\n", at: gap, kind: .lineBreak) }
                gap += options.wrapWidth
            }
        }
        return run
    }

    /// Where a column break cuts a paragraph: inside a word, after a comma, or after a sentence,
    /// somewhere in its middle three fifths.
    private mutating func cutPoint(in text: [Character]) -> (position: Int, kind: GoldPage.Cut.Kind)? {
        let range = max(1, text.count / 5)...max(1, min(text.count - 1, text.count * 4 / 5))
        var candidates: [GoldPage.Cut.Kind: [Int]] = [:]
        for gap in range where !isSpace(text[gap - 1]) && !isSpace(text[gap]) {
            let before = text[gap - 1]
            if isHan(before) && isHan(text[gap]) {
                candidates[.midWord, default: []].append(gap)
            } else if "，、；：".contains(before) {
                candidates[.midSentence, default: []].append(gap)
            } else if ("。！？".contains(before) && !"”’）".contains(text[gap]))
                        || ("”’".contains(before) && gap >= 2 && "。！？".contains(text[gap - 2])) {
                candidates[.sentenceEnd, default: []].append(gap)
            }
        }
        let kinds = GoldPage.Cut.Kind.allCases.filter { candidates[$0] != nil }
        guard let kind = random.pick(kinds), let position = random.pick(candidates[kind] ?? []) else { return nil }
        return (position, kind)
    }

    /// The paragraph a truncated article now starts in, and the character it starts at (inside a
    /// word of the paragraph's first half).
    private mutating func truncationPoint(in paragraphs: [GoldParagraph]) -> (Int, Int)? {
        let eligible = paragraphs.indices.filter { paragraphs[$0].role == .body && paragraphs[$0].text.count >= 12 }
        guard let index = random.pick(eligible) else { return nil }
        let text = Array(paragraphs[index].text)
        let gaps = (2...(text.count / 2)).filter { isHan(text[$0 - 1]) && isHan(text[$0]) }
        return (index, random.pick(gaps) ?? text.count / 3)
    }

    private mutating func recordWholeIfSpaced(_ text: String) {
        if text.contains(where: isSpace) { records.append(SpaceRecord(kind: .legit, unit: Array(text), position: nil)) }
    }

    /// The block's text: runs with their whitespace and emphasis; half-width punctuation and
    /// full-width digits as the page's OCR printed them.
    private mutating func print(_ block: DraftBlock, halfWidth: Bool) -> String {
        var out = ""
        for run in block.runs {
            var text = run.printed
            if halfWidth { text = String(text.map { Self.halfWidth[$0] ?? $0 }) }
            out += run.bold ? "**\(text)**" : text
        }
        guard options.fullWidthDigitRate > 0 else { return out }
        var result = ""
        var widen = false
        var previousWasDigit = false
        for character in out {
            let isDigit = character.isASCII && character.isNumber
            if isDigit && !previousWasDigit { widen = random.chance(options.fullWidthDigitRate) }
            previousWasDigit = isDigit
            if isDigit && widen, let scalar = character.unicodeScalars.first, let wide = Unicode.Scalar(scalar.value + 0xFEE0) {
                result.unicodeScalars.append(wide)
            } else {
                result.append(character)
            }
        }
        return result
    }

    private static let halfWidth: [Character: Character] = ["，": ",", "；": ";", "：": ":", "（": "(", "）": ")", "！": "!", "？": "?"]
}

/// Han ideographs (the blocks newspapers print); enough to tell where a word may be broken.
func isHan(_ character: Character) -> Bool {
    guard let value = character.unicodeScalars.first?.value else { return false }
    return (0x4E00...0x9FFF).contains(value) || (0x3400...0x4DBF).contains(value)
        || (0xF900...0xFAFF).contains(value) || (0x20000...0x3134F).contains(value)
}

func isSpace(_ character: Character) -> Bool {
    character.unicodeScalars.allSatisfy { CanonicalText.isWhitespace($0.value) }
}

/// Turns space records into the gold file's entries: a stretch of clean text around each
/// whitespace, widened until it occurs once on the page (whitespace and width ignored).
struct SpaceEntries {
    var spurious: [String] = []
    var legit: [String] = []
    var lineBreaks: [String] = []

    init(records: [SpaceRecord], articles: [GoldArticle]) {
        var texts: [String] = []
        for article in articles {
            texts += article.labels + article.headlines + [article.lead ?? ""] + article.paragraphs.map(\.text)
            texts += article.bylines.map(\.text)
        }
        let index = ScalarIndex(CanonicalText(joining: texts).scalars)
        for record in records {
            let entry = Self.entry(for: record, unique: { index.occurrences(of: CanonicalText($0).scalars).count <= 1 })
            switch record.kind {
            case .spurious: spurious.append(entry)
            case .legit: legit.append(entry)
            case .lineBreak: lineBreaks.append(entry)
            }
        }
    }

    private static func entry(for record: SpaceRecord, unique: (String) -> Bool) -> String {
        let unit = record.unit
        guard let position = record.position else { return String(unit) }
        var floor = 0
        var ceiling = unit.count
        if let cut = record.cut {
            if position >= cut { floor = cut } else { ceiling = cut }
        }
        var entry = ""
        for width in 2...6 {
            switch record.kind {
            case .legit:
                entry = String(unit[max(floor, position - width)..<min(ceiling, position + 1 + width)])
            case .spurious, .lineBreak:
                // Never across a space of the text: the entry's only whitespace is the injected one.
                var lower = position
                while lower > floor && position - lower < width && !isSpace(unit[lower - 1]) { lower -= 1 }
                var upper = position
                while upper < ceiling && upper - position < width && !isSpace(unit[upper]) { upper += 1 }
                entry = String(unit[lower..<position]) + String(record.whitespace) + String(unit[position..<upper])
            }
            if unique(entry) { break }
        }
        return entry
    }
}
