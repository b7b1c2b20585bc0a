/// Stage 2: stray spaces and hard-wrapped lines, driven by `Rules/zh-Hans/spacing.yaml`, the term
/// list `terms.yaml` and the byline patterns of `bylines.yaml`.
///
/// Changes, gap by gap (a gap is a run of spaces, tabs, U+3000 or line breaks inside a block):
/// in prose, a space between Han characters or beside Chinese punctuation is removed; a
/// letter-spaced run is collapsed; spaced digits and numbers spaced off Chinese text are joined;
/// in a headline and inside a 《》 title, a space that splits a word (ICU's dictionary for `zh` or
/// the term list spans it) or leaves a one-character phrase is removed, and a wider gap between
/// phrases becomes one space; hard-wrapped lines are joined (nothing between Chinese text, one space
/// between Latin words, a hyphenated Latin word rejoined). Every change is a `replace` edit.
/// Never touches: a byline's spaces (the role–name space, a padded name: 记者 阎轶洁, 甄 珍), a
/// headline's or a title's separator between whole phrases, spaces beside Latin words and numbers
/// in Latin context, any character other than white space (and a hyphen before a line break).
/// Each keep is explained under `--explain`. The space after a lead (本报讯 …) is not kept: the
/// tagging stage takes the lead out of the text, and the renderers print their own space.
public struct Spacing: Stage {
    public static let id = "spacing"

    let rules: SpacingRules
    let scanner: GapScanner
    let junction: WordJunction
    let bylines: BylinePatterns
    /// Longest block, in characters, that may read as a headline (pack.yaml's `short-line-max`).
    let shortLineMax: Int

    public init(pack: RulePack) throws {
        rules = try SpacingRules(pack: pack)
        scanner = GapScanner(titleMarks: rules.titleMarks)
        junction = try WordJunction(pack: pack)
        bylines = try BylinePatterns(pack: pack)
        shortLineMax = try ShapeReader(pack: pack).shortLineMax
    }

    public func run(_ document: inout Document) {
        // One array each for every block's gaps, decisions and changes: allocated once per page,
        // not once per block.
        var work = Work()
        for index in document.blocks.indices {
            document.blocks[index].text.bytes.withUnsafeBufferPointer { scanner.gaps(in: $0, into: &work.gaps) }
            if !work.gaps.isEmpty { repair(blockAt: index, in: &document, work: &work) }
        }
    }

    private struct Work {
        var gaps: [Gap] = []
        var decisions: [GapDecision] = []
        var changes: [EditableText.Change] = []
    }

    @inline(never)
    private func repair(blockAt index: Int, in document: inout Document, work: inout Work) {
        let block = document.blocks[index]
        let bytes = block.text.bytes
        let gaps = work.gaps
        let headline = readsAsHeadline(block)
        bytes.withUnsafeBufferPointer { buffer in
            GapDecider(bytes: buffer, gaps: gaps, rules: rules, junction: junction, isHeadline: headline).decisions(into: &work.decisions)
        }
        if work.decisions.contains(where: \.changesText) {
            keepBylines(of: block, gaps: gaps, headline: headline, decisions: &work.decisions)
        }
        work.changes.removeAll(keepingCapacity: true)
        for (gap, decision) in zip(gaps, work.decisions) {
            // The rule id is looked up only for a change or an explanation: most gaps are kept.
            switch decision.action {
            case .keep: break
            case .remove: work.changes.append(.init(range: gap.range, replacement: [], rule: rules.id(decision.kind)))
            case .removeWithHyphen:
                work.changes.append(.init(range: (gap.range.lowerBound - 1)..<gap.range.upperBound, replacement: [],
                                          rule: rules.id(decision.kind)))
            case .oneSpace: work.changes.append(.init(range: gap.range, replacement: [0x20], rule: rules.id(decision.kind)))
            }
            if decision.action == .keep && !decision.isRoutine || decision.evidence != nil
                || decision.kind == .singleCharacter || decision.kind == .wordSpaced {
                document.explain(Self.id, Self.explanation(block: block, gap: gap, decision: decision, rule: rules.id(decision.kind),
                                                           headline: headline))
            }
        }
        document.blocks[index].text.replace(work.changes, stage: Self.id, log: &document.edits)
    }

    /// A headline, subhead, label or byline line: a heading, a bold line without sentence-final
    /// marks, or a short block without prose marks.
    private func readsAsHeadline(_ block: Block) -> Bool {
        let shape = block.shape
        if shape.headingLevel > 0 || shape.isShortLine || !shape.isProse && shape.characters <= shortLineMax { return true }
        // A plain short line holding a comma is more often a paragraph cut short by a column break.
        guard shape.isBold else { return false }
        return !block.text.bytes.withUnsafeBufferPointer { bytes in
            var i = 0
            while i < bytes.count {
                let (scalar, length) = UTF8Scalar.decode(bytes, at: i)
                if rules.sentenceFinal.contains(scalar) { return true }
                i += length
            }
            return false
        }
    }

    /// A byline keeps its spaces as printed: the whole block when it is one (`（李杰华、甄 珍）`,
    /// `记者 阎轶洁`), or the byline closing a paragraph (`…使命担当。 记者 阎轶洁`). The byline
    /// patterns (regular expressions) are consulted only for blocks where a change is pending.
    private func keepBylines(of block: Block, gaps: [Gap], headline: Bool, decisions: inout [GapDecision]) {
        // Letter-spacing is the OCR's, not the byline's: it goes in a byline too.
        func keep(_ index: Int) {
            if decisions[index].kind != .letterSpaced { decisions[index] = GapDecision(.keep, .byline) }
        }
        if block.shape.characters <= 2 * shortLineMax, bylines.bylines(in: block.string[...]) != nil {
            decisions.indices.forEach(keep)
            return
        }
        if !headline { keepBracketedCredits(of: block, gaps: gaps, decisions: decisions, keep: keep) }
        // A trailing byline follows the paragraph's last sentence-final mark (or a closing mark after
        // one): only a change past its first character needs the patterns.
        guard !headline, let boundary = lastSentenceEnd(in: block.text.bytes),
              gaps.indices.contains(where: { gaps[$0].range.lowerBound > boundary && decisions[$0].changesText }) else { return }
        let text = block.string
        guard let trailing = bylines.trailingBylines(in: text) else { return }
        let start = text.utf8.distance(from: text.startIndex, to: trailing.start)
        for index in gaps.indices where gaps[index].range.lowerBound >= start { keep(index) }
    }

    /// A credit in brackets inside a paragraph (`…12月31日电（记者 刘小川）贵州…`) is a byline
    /// too when it names a role: the brackets around a pending change are asked of the byline
    /// patterns.
    private func keepBracketedCredits(of block: Block, gaps: [Gap], decisions: [GapDecision], keep: (Int) -> Void) {
        var asked: [Range<Int>] = []
        let bytes = block.text.bytes
        for index in gaps.indices where decisions[index].changesText {
            guard let credit = bytes.withUnsafeBufferPointer({ creditBrackets(around: gaps[index].range, in: $0) }),
                  !asked.contains(credit) else { continue }
            asked.append(credit)
            // Names alone in brackets inside a sentence are as often a place or a people (罗纳尔多（巴 西）).
            guard let found = bylines.bylines(in: String(decoding: bytes[credit], as: UTF8.self)[...]),
                  found.contains(where: { $0.role != nil }) else { continue }
            for inside in gaps.indices where credit.contains(gaps[inside].range.lowerBound) { keep(inside) }
        }
    }

    /// The bracket pair (`credit-brackets`) enclosing `range` within a short line's length on each
    /// side, brackets included; nil when another bracket comes first.
    private func creditBrackets(around range: Range<Int>, in bytes: UnsafeBufferPointer<UInt8>) -> Range<Int>? {
        var start = range.lowerBound
        var pair: (open: UInt32, close: UInt32)?
        for _ in 0..<shortLineMax where start > 0 {
            let previous = UTF8Scalar.start(before: start, in: bytes)
            start = previous
            guard rules.creditBracketLeads[Int(bytes[previous])] else { continue }
            let scalar = UTF8Scalar.decode(bytes, at: previous).scalar
            if let found = rules.creditBrackets.first(where: { $0.open == scalar }) {
                pair = found
                break
            }
            if rules.creditBrackets.contains(where: { $0.close == scalar }) { return nil }
        }
        guard let pair else { return nil }
        var end = range.upperBound
        for _ in 0..<shortLineMax where end < bytes.count {
            guard rules.creditBracketLeads[Int(bytes[end])] else {
                end += UTF8Scalar.length(lead: bytes[end])
                continue
            }
            let (scalar, length) = UTF8Scalar.decode(bytes, at: end)
            end += length
            if scalar == pair.close { return start..<end }
            if rules.creditBrackets.contains(where: { $0.open == scalar || $0.close == scalar }) { return nil }
        }
        return nil
    }

    /// The offset right after the last sentence-final mark, or closing mark before the end.
    private func lastSentenceEnd(in bytes: [UInt8]) -> Int? {
        bytes.withUnsafeBufferPointer { buffer in
            var end = buffer.count
            while end > 0 {
                let start = UTF8Scalar.start(before: end, in: buffer)
                let scalar = UTF8Scalar.decode(buffer, at: start).scalar
                if rules.sentenceFinal.contains(scalar) || end != buffer.count && rules.closingMarks.contains(scalar) { return end }
                end = start
            }
            return nil
        }
    }

    /// `spacing: block 12 [5120, 5121) kept “初心如磐␣本色依旧”: a phrase separator … (rule)`.
    private static func explanation(block: Block, gap: Gap, decision: GapDecision, rule: String, headline: Bool) -> String {
        let bytes = block.text.bytes
        var start = gap.range.lowerBound
        for _ in 0..<6 where start > 0 {
            start -= 1
            while start > 0 && bytes[start] & 0xC0 == 0x80 { start -= 1 }
        }
        var end = gap.range.upperBound
        for _ in 0..<6 where end < bytes.count { end += UTF8Scalar.length(lead: bytes[end]) }
        let before = String(decoding: bytes[start..<gap.range.lowerBound], as: UTF8.self)
        let after = String(decoding: bytes[gap.range.upperBound..<end], as: UTF8.self)
        let span = block.text.rawSpan(of: gap.range)
        let verb: String
        switch decision.action {
        case .keep: verb = "kept"
        case .oneSpace: verb = "kept as one space"
        case .remove, .removeWithHyphen: verb = "removed"
        }
        let reading = headline ? "headline" : (gap.inTitle ? "title in prose" : "prose")
        let reason: String
        switch decision.kind {
        case .byline: reason = "a byline keeps its spaces as printed"
        case .nonChinese: reason = "a Latin word, a number in Latin context or another symbol stands beside it"
        case .phraseSeparator: reason = "it separates two whole phrases: no word of the dictionary or the term list spans it"
        case .singleCharacter: reason = "a one-character phrase beside it is a split word or a padded name"
        case .wordSpaced: reason = "the whole line is spaced word by word"
        default: reason = decision.evidence.map { "\($0) spans it" } ?? decision.kind.rawValue
        }
        return "block \(block.index) [\(span.lowerBound), \(span.upperBound)) \(verb) “\(before)␣\(after)” (\(reading)): \(reason) (\(rule))"
    }
}
