/// Stage 3: re-stitches articles that another article's column interrupted, from text alone.
///
/// Changes: block order and block boundaries. A block that ends open (no sentence-final mark) is
/// paired with the block that continues it, chosen for the whole page at once (an assignment,
/// not greedy) from evidence: a word spanning the junction, a fragment start, shared vocabulary,
/// reading order. The continuation (with the rest of its column: up to a closing byline or a
/// heading, and no further than its words fit it better than the article it stands in) moves
/// right after the open end and the two halves become one block (`join` and `move` edits, with
/// scores). Unpaired fragment starts are flagged `truncated-start` (after running text, only when
/// their words do not fit it), unpaired open ends at the end of their column `truncated-end`.
/// Never touches: the text of any block (a join concatenates, adding at most one space between
/// two Latin words), blocks without an open end or start, a block ending with a colon that
/// introduces a list.
public struct Stitching: Stage {
    public static let id = "stitch"

    let settings: StitchingSettings
    let reader: BlockReader
    let junction: WordJunction
    let han: CodePointSet
    let cannotStart: CodePointSet

    public init(pack: RulePack) throws {
        settings = try StitchingSettings(pack: pack)
        reader = BlockReader(structure: try StructureRules(pack: pack), bylines: try BylinePatterns(pack: pack))
        junction = try WordJunction(pack: pack)
        han = try pack.set("han")
        cannotStart = try pack.set("cannot-start")
    }

    /// What stitching needs to know of a block's own kind (the tagging stage decides final roles).
    enum Kind {
        case prose, heading, byline

        init(_ kind: BlockKind) {
            switch kind {
            case .paragraph: self = .prose
            case .byline: self = .byline
            // A caption stands beside a photo, outside the flow of any article's text.
            case .headline, .label, .jump, .caption: self = .heading
            }
        }
    }

    /// A block whose article goes on elsewhere: it ends open (cut mid-sentence: a continuation
    /// is joined), or it ends a sentence right before another article's headline while no byline
    /// closed its own article (a continuation is only moved, on strong evidence).
    struct End {
        let position: Int
        let isOpen: Bool
    }

    public func run(_ document: inout Document) {
        for index in document.blocks.indices { document.blocks[index].ownKind = reader.kind(of: document.blocks[index]) }
        let blocks = document.blocks
        guard blocks.count > 1 else { return }
        let blockKinds = reader.kinds(of: blocks)
        var kinds = blockKinds.map(Kind.init)
        // A short line holding sentence punctuation right after running text is a paragraph cut
        // short by a column break more likely than a headline (headlines rarely hold a comma).
        for position in blocks.indices.dropFirst() where kinds[position] == .heading && kinds[position - 1] == .prose
            && blocks[position].shape.isProse && blocks[position].shape.endsOpen
            && !blocks[position].shape.isBold && blocks[position].shape.headingLevel == 0 {
            kinds[position] = .prose
        }
        // 本报记者　张三 alone between two stretches of running text heads the text below it (an
        // author line whose headline is missing, as tagging reads it): for stitching, a heading.
        for position in blocks.indices.dropFirst().dropLast() where kinds[position] == .byline
            && kinds[position - 1] == .prose && kinds[position + 1] == .prose
            && reader.structure.lead.prefix(of: blocks[position + 1].trimmedText) == nil {
            if case .byline(_, let rule) = blockKinds[position], rule == reader.bylines.roleNamesRule { kinds[position] = .heading }
        }
        // Bylines close an article, standing alone or at the end of a paragraph; an author line
        // right under a headline does not.
        let closes = blocks.indices.map { position in
            switch kinds[position] {
            case .byline: position == 0 || kinds[position - 1] != .heading
            case .prose: reader.bylines.trailingBylines(in: blocks[position].string) != nil
            case .heading: false
            }
        }
        // A dateline starts an article, a list marker an item, a jump line names where the text
        // went on or came from: such blocks continue nothing here and are continued nowhere here.
        // (Only running text is read: the patterns cost microseconds a call.)
        let opensItself = blocks.indices.map { position in
            let block = blocks[position]
            return kinds[position] == .prose && (reader.structure.lead.prefix(of: block.trimmedText) != nil
                || reader.listMarker(of: block) != nil || reader.structure.leadingJump(block.trimmedText) != nil)
        }
        let jumpsAway = blocks.indices.map { kinds[$0] == .prose && reader.structure.trailingJump(blocks[$0].trimmedText) != nil }
        let ends = openEnds(blocks, kinds: kinds, closes: closes).filter { !jumpsAway[$0.position] }
        let fragment = blocks.indices.map { kinds[$0] == .prose && !opensItself[$0] && startsAsFragment(blocks[$0]) }
        let openEndPositions = Set(ends.filter(\.isOpen).map(\.position))
        // A prose block right after a closing byline with no headline of its own is a column of
        // an article that began elsewhere.
        let orphan = blocks.indices.map { $0 > 0 && kinds[$0] == .prose && closes[$0 - 1] }
        // Text right under a headline (and its author line) is the article's own start, or another
        // article's column that the headline's words do not fit.
        let underHeading = blocks.indices.map { position in
            position > 0 && kinds[position] == .prose
                && (kinds[position - 1] == .heading || kinds[position - 1] == .byline && !closes[position - 1])
        }
        let ownStarts = blocks.indices.filter { position in
            guard kinds[position] == .prose, position > 0, !opensItself[position] else { return false }
            return fragment[position] || orphan[position] || underHeading[position] || openEndPositions.contains(position - 1)
        }
        let interleaved = interleavedStarts(after: ends, blocks: blocks, kinds: kinds, closes: closes, opensItself: opensItself)
        let startSet = Set(ownStarts)
        let starts = startSet.union(interleaved.keys).sorted()
        guard !starts.isEmpty else { return }
        let vocabulary = Vocabulary(blocks: blocks, han: han)
        // Runs stop at the page's own open starts: a possible interleaved column does not cut the
        // run of the article it stands in.
        var runs = Dictionary(uniqueKeysWithValues: starts.map { ($0, run(from: $0, kinds: kinds, closes: closes, starts: startSet)) })
        let endSides = Dictionary(uniqueKeysWithValues: ends.map { end in
            (end.position, vocabulary.vector(of: side(endingAt: end.position, kinds: kinds, closes: closes)))
        })
        // A column ends where the text fits the article it stands in better than the column read
        // so far with the text of the end it may continue (the nearest one). The article it stands
        // in: for a possible interleaved column, the blocks between that end and it; for a page's
        // own start, the text or headline right above it.
        for start in starts {
            guard let run = runs[start], run.count > 1 else { continue }
            let interleavedEnd = startSet.contains(start) ? nil : interleaved[start]?.min()
            let hostBlocks = if let interleavedEnd { Array((interleavedEnd + 1)..<start) }
                else if kinds[start - 1] == .prose { side(endingAt: start - 1, kinds: kinds, closes: closes) }
                else { headingGroup(above: start, kinds: kinds) }
            let host = vocabulary.vector(of: hostBlocks)
            let end = interleavedEnd ?? ends.last { $0.position < start - 1 && start - $0.position <= settings.window }?.position
            let endSide = end.map { side(endingAt: $0, kinds: kinds, closes: closes) } ?? []
            var column = [start]
            for position in run.dropFirst() {
                let own = vocabulary.vector(of: [position])
                if Vocabulary.similarity(own, host) > Vocabulary.similarity(own, vocabulary.vector(of: endSide + column)) { break }
                column.append(position)
            }
            runs[start] = column
        }
        let runVectors = runs.mapValues { vocabulary.vector(of: $0) }

        let headlineAffinity = Dictionary(uniqueKeysWithValues: starts.filter { underHeading[$0] }.map { start in
            (start, Vocabulary.similarity(vocabulary.vector(of: headingGroup(above: start, kinds: kinds)), runVectors[start] ?? Vocabulary.Vector()))
        })
        // How well each start's column fits the text right before it: a column that fits an open
        // end elsewhere better than its neighbour belongs there.
        let neighbourFit = Dictionary(uniqueKeysWithValues: starts.map { start in
            (start, kinds[start - 1] == .prose
                ? Vocabulary.similarity(vocabulary.vector(of: side(endingAt: start - 1, kinds: kinds, closes: closes)), runVectors[start] ?? Vocabulary.Vector())
                : 0)
        })
        var profit = Array(repeating: Array(repeating: 0.0, count: starts.count), count: ends.count)
        for (row, end) in ends.enumerated() {
            let endSide = endSides[end.position] ?? Vocabulary.Vector()
            let threshold = end.isOpen ? settings.joinThreshold : settings.moveThreshold
            for (column, start) in starts.enumerated() where start > end.position && start - end.position <= settings.window
                && (startSet.contains(start) || interleaved[start]?.contains(end.position) == true) {
                let fit = Vocabulary.similarity(endSide, runVectors[start] ?? Vocabulary.Vector())
                let evidence = Evidence(
                    wordAcrossJunction: end.isOpen ? word(across: blocks[end.position], blocks[start]) : nil,
                    // A column broken at a sentence end starts a sentence: no fragment.
                    fragmentStart: end.isOpen && fragment[start],
                    orphanStart: orphan[start],
                    interleavedStart: !startSet.contains(start),
                    headlineAffinity: headlineAffinity[start],
                    vocabulary: fit,
                    betterFit: start == end.position + 1 ? 0 : fit - (neighbourFit[start] ?? 0),
                    adjacent: start == end.position + 1,
                    distance: start - end.position - 1)
                let score = settings.score(evidence)
                profit[row][column] = max(0, score - threshold)
                document.explain(Self.id, "block \(blocks[end.position].index) → block \(blocks[start].index): \(evidence), score \(Self.rounded(score)) (needs \(threshold))")
            }
        }
        var continuation: [Int: Match] = [:]
        for (row, column) in Assignment.maximize(profit).enumerated() {
            guard let column else { continue }
            let end = ends[row]
            let word = end.isOpen ? self.word(across: blocks[end.position], blocks[starts[column]]) : nil
            continuation[end.position] = Match(start: starts[column], joins: end.isOpen,
                                               rule: !end.isOpen ? settings.moveRule : word != nil ? settings.joinWordRule : settings.joinSentenceRule,
                                               score: profit[row][column] + (end.isOpen ? settings.joinThreshold : settings.moveThreshold))
        }
        let matchedStarts = Set(continuation.values.map(\.start))
        var flagged = blocks
        for start in starts where fragment[start] && !matchedStarts.contains(start) {
            let fit = neighbourFit[start] ?? 0
            guard kinds[start - 1] != .prose || fit < settings.truncatedFitMax else {
                document.explain(Self.id, "block \(blocks[start].index) starts inside a sentence, but its column fits the text above it (vocabulary \(Self.rounded(fit))): not flagged")
                continue
            }
            flagged[start].flags.append(Article.truncatedStart)
            document.explain(Self.id, "block \(blocks[start].index) starts inside a sentence and nothing on the page precedes it: truncated-start")
        }
        for end in ends where end.isOpen && continuation[end.position] == nil
            && (end.position + 1 == blocks.count || kinds[end.position + 1] != .prose) {
            flagged[end.position].flags.append(Article.truncatedEnd)
            document.explain(Self.id, "block \(blocks[end.position].index) ends inside a sentence and nothing on the page continues it: truncated-end")
        }
        document.blocks = reassemble(flagged, continuation: continuation, runs: runs, edits: &document.edits)
    }

    struct Match {
        let start: Int
        let joins: Bool
        /// The rule the join or move is recorded under.
        let rule: String
        let score: Double
    }

    private func openEnds(_ blocks: [Block], kinds: [Kind], closes: [Bool]) -> [End] {
        var ends: [End] = []
        var articleClosed = true
        for position in blocks.indices {
            switch kinds[position] {
            case .byline: articleClosed = true
            case .heading:
                if position > 0, kinds[position - 1] == .prose, !blocks[position - 1].shape.endsOpen, !articleClosed {
                    ends.append(End(position: position - 1, isOpen: false))
                }
            case .prose:
                articleClosed = closes[position]
                if !closes[position] && blocks[position].shape.endsOpen { ends.append(End(position: position, isOpen: true)) }
            }
        }
        return ends.sorted { $0.position < $1.position }
    }

    /// Columns printed after the first blocks of the next article: after an end, past the
    /// headline and first paragraph of the article that follows it (or past the block right
    /// after it), each paragraph that begins after a closed paragraph of that article may be the
    /// end's continuation. Maps each such paragraph to the ends it is offered to.
    private func interleavedStarts(after ends: [End], blocks: [Block], kinds: [Kind], closes: [Bool],
                                   opensItself: [Bool]) -> [Int: Set<Int>] {
        var starts: [Int: Set<Int>] = [:]
        for end in ends {
            var position = end.position + 1
            while position < blocks.count, kinds[position] == .heading { position += 1 }
            position += 1
            while position < blocks.count, position - end.position <= settings.window,
                  kinds[position] == .prose, kinds[position - 1] == .prose, !closes[position - 1] {
                if !blocks[position - 1].shape.endsOpen && !opensItself[position] { starts[position, default: []].insert(end.position) }
                position += 1
            }
        }
        return starts
    }

    /// Blocks in the new reading order: each continuation run right after the end it continues,
    /// its first block joined to that end.
    private func reassemble(_ blocks: [Block], continuation: [Int: Match],
                            runs: [Int: [Int]], edits: inout [Edit]) -> [Block] {
        var moved = Set<Int>()
        for (_, match) in continuation { moved.formUnion(runs[match.start] ?? [match.start]) }
        var result: [Block] = []
        var placed = Set<Int>()

        func place(_ position: Int) {
            guard placed.insert(position).inserted else { return }
            var block = blocks[position]
            var tail = position
            // Follow the chain of joins: the continuation's first block may itself end open.
            while let match = continuation[tail], !placed.contains(match.start) {
                let next = blocks[match.start]
                let run = runs[match.start] ?? [match.start]
                if match.start != tail + 1, let last = run.last {
                    edits.append(Edit(stage: Self.id, rule: settings.moveRule, kind: .move,
                                      span: next.rawSpan.lowerBound..<blocks[last].rawSpan.upperBound,
                                      after: "after block \(blocks[tail].index)", score: Self.rounded(match.score)))
                }
                guard match.joins else {
                    result.append(block)
                    for member in run { place(member) }
                    return
                }
                placed.insert(match.start)
                edits.append(Edit(stage: Self.id, rule: match.rule, kind: .join, span: block.rawSpan,
                                  spans: [blocks[tail].rawSpan, next.rawSpan], score: Self.rounded(match.score)))
                block.text.append(next.text, separator: Self.separator(between: block.text.bytes, and: next.text.bytes))
                block.ownKind = nil
                block.joinedIndices += next.joinedIndices
                block.flags += next.flags
                block.shape.endsOpen = next.shape.endsOpen
                tail = match.start
                if run.count > 1 {
                    result.append(block)
                    for member in run.dropFirst() { place(member) }
                    return
                }
            }
            result.append(block)
        }

        for position in blocks.indices where !moved.contains(position) { place(position) }
        // Runs whose end was itself moved away are placed where they stood.
        for position in blocks.indices where !placed.contains(position) { place(position) }
        return result
    }

    /// The continuation's column: from `start` through a closing byline, stopping before a heading
    /// or another open start.
    private func run(from start: Int, kinds: [Kind], closes: [Bool], starts: Set<Int>) -> [Int] {
        var run = [start]
        var position = start + 1
        while position < kinds.count, run.count < 40 {
            if closes[run.last ?? start] || kinds[position] == .heading || starts.contains(position) { break }
            run.append(position)
            position += 1
        }
        return run
    }

    /// The headline blocks right above `start` (above its author line, if any).
    private func headingGroup(above start: Int, kinds: [Kind]) -> [Int] {
        var group: [Int] = []
        var position = start - 1
        if position > 0, kinds[position] == .byline { position -= 1 }
        while position >= 0, kinds[position] == .heading, group.count < 4 {
            group.append(position)
            position -= 1
        }
        return group
    }

    /// The article text before an open end: back to a heading or a closing byline (included when
    /// a heading: headline words count as the article's vocabulary).
    private func side(endingAt end: Int, kinds: [Kind], closes: [Bool]) -> [Int] {
        var side = [end]
        var position = end - 1
        while position >= 0, side.count < 12, !closes[position] {
            side.append(position)
            if kinds[position] == .heading { break }
            position -= 1
        }
        return side
    }

    /// Starts with a mark that cannot begin a sentence, or with a single character that does not
    /// stand alone as a word, left over before a dictionary word (业|见习基地, 质|资本). A single
    /// character before another single one proves nothing: ICU falls back to single characters
    /// for words it lacks (竞|答).
    private func startsAsFragment(_ block: Block) -> Bool {
        let head = Array(block.string.unicodeScalars.prefix(Self.junctionReach + 2))
        guard let first = head.first else { return false }
        if cannotStart.contains(first.value) { return true }
        guard han.contains(first.value), !settings.freeSingleCharacters.contains(Character(first)) else { return false }
        // A name with its title in brackets (陈吉元（中国社会科学院…）：) opens a speaker's paragraph;
        // ICU reads an unknown name as single characters.
        if let bracket = head.firstIndex(where: { $0 == "（" || $0 == "(" }), bracket >= 2,
           head[..<bracket].allSatisfy({ han.contains($0.value) }) {
            return false
        }
        let bytes = Array(String(String.UnicodeScalarView(head)).utf8)
        guard let boundaries = bytes.withUnsafeBufferPointer({ ICU.wordBoundaries($0) }), boundaries.count > 3 else { return false }
        let firstLength = String(first).utf8.count
        guard boundaries[1] == firstLength else { return false }
        let second = bytes[boundaries[1]..<boundaries[2]]
        if second.count(where: { $0 & 0xC0 != 0x80 }) >= 2 { return true }
        // A lone character before punctuation (室、自习室) ends a word cut at the column break.
        let mark = UTF8Scalar.decode(Array(second), at: 0).scalar
        if mark > 0x7F && !han.contains(mark) { return true }
        // ICU lacks the word after it, but the term list may have it (业|见习).
        let rest = String(String.UnicodeScalarView(head.dropFirst()))
        let next = String(String.UnicodeScalarView(head.dropFirst().prefix(1)))
        if case .term(let term)? = junction.word(spanning: next, rest.dropFirst()), rest.hasPrefix(term) { return true }
        return false
    }

    /// How many characters on each side of a junction are read for a word spanning it.
    static let junctionReach = 4

    /// The dictionary word or term that spans the junction of two blocks (引导优|质资本), if any,
    /// and whether the evidence is conclusive (a two-character word among single characters is
    /// weaker: ICU pairs characters off that way around words it lacks).
    private func word(across end: Block, _ start: Block) -> (word: WordJunction.Evidence, conclusive: Bool)? {
        let left = String(String.UnicodeScalarView(end.string.unicodeScalars.suffix(Self.junctionReach)))
        let right = String(String.UnicodeScalarView(start.string.unicodeScalars.prefix(Self.junctionReach)))
        guard let last = left.unicodeScalars.last, let first = right.unicodeScalars.first,
              han.contains(last.value), han.contains(first.value) else { return nil }
        let bytes = Array(left.utf8) + Array(right.utf8)
        guard let found = junction.evidence(spanning: bytes, at: left.utf8.count) else { return nil }
        // Two characters that each stand alone as a word (就|做, 在|上) make a word by chance.
        if case .dictionary(let word) = found.word, word.count == 2, word.allSatisfy(settings.freeSingleCharacters.contains) {
            return (found.word, false)
        }
        return (found.word, found.confidence.isConclusive)
    }

    /// One space when two Latin words meet across the break; CJK text joins directly.
    private static func separator(between first: [UInt8], and second: [UInt8]) -> [UInt8] {
        guard let last = first.last, let next = second.first else { return [] }
        let isLetter = { (byte: UInt8) in (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z") }
        return isLetter(last) && isLetter(next) ? [0x20] : []
    }

    static func rounded(_ value: Double) -> Double { (value * 1000).rounded() / 1000 }
}
