/// What the spacing stage does with one gap, and which rule decided it.
struct GapDecision: Sendable {
    enum Action: Sendable, Equatable {
        case keep
        /// Replaced by one ASCII space: a separator printed wider, a line break between Latin words.
        case oneSpace
        case remove
        /// Removed together with the hyphen before it: a Latin word rejoined.
        case removeWithHyphen
    }

    var action: Action
    var kind: SpacingRules.Kind
    /// The word that spans the gap, when that decided it.
    var evidence: WordJunction.Evidence?
    /// A space between Latin words: kept without a decision worth explaining.
    var isRoutine: Bool

    init(_ action: Action, _ kind: SpacingRules.Kind, evidence: WordJunction.Evidence? = nil, isRoutine: Bool = false) {
        self.action = action
        self.kind = kind
        self.evidence = evidence
        self.isRoutine = isRoutine
    }

    var changesText: Bool { action != .keep }
}

/// Decides the gaps of one block from their neighbours and the block's reading (prose or
/// headline). Bylines are the stage's business: it overrides what this decides inside one.
struct GapDecider {
    let bytes: UnsafeBufferPointer<UInt8>
    let gaps: [Gap]
    let rules: SpacingRules
    let junction: WordJunction
    /// A short block without sentence punctuation, a bold or a heading line.
    let isHeadline: Bool

    private enum Side { case left, right }

    /// One decision per gap, in `decisions` (emptied first: the caller reuses one array for every
    /// block).
    func decisions(into decisions: inout [GapDecision]) {
        decisions.removeAll(keepingCapacity: true)
        let letterSpaced = letterSpacedGaps()
        let wordSpaced = isHeadline && isWordSpaced()
        for index in gaps.indices {
            decisions.append(decide(index, letterSpaced: letterSpaced.isEmpty ? false : letterSpaced[index], wordSpaced: wordSpaced))
        }
    }

    private func decide(_ index: Int, letterSpaced: Bool, wordSpaced: Bool) -> GapDecision {
        let gap = gaps[index]
        guard gap.range.lowerBound > 0, gap.range.upperBound < bytes.count else { return GapDecision(.keep, .nonChinese) }
        let left = UTF8Scalar.decode(bytes, at: UTF8Scalar.start(before: gap.range.lowerBound, in: bytes))
        let right = UTF8Scalar.decode(bytes, at: gap.range.upperBound).scalar
        let leftClass = rules.classify(left.scalar)
        let rightClass = rules.classify(right)
        let headline = isHeadline || gap.inTitle

        if gap.hasLineBreak {
            if left.scalar == 0x2D, let hyphenated = hyphenatedWord(before: gap.range.lowerBound - 1, next: right) {
                return hyphenated
            }
            // A number wrapped across lines in Chinese text is one number (2\n020年, 60\n％).
            if leftClass == .digit || rightClass == .digit, isNumberInChineseText(index) { return GapDecision(.remove, .lineJoin) }
            if !leftClass.isChinese && !rightClass.isChinese { return GapDecision(.oneSpace, .lineJoinLatin) }
            // In a headline or a title a line break may stand between phrases: decided below.
            if !headline { return GapDecision(.remove, .lineJoin) }
        }
        if letterSpaced { return GapDecision(.remove, .letterSpaced) }
        if leftClass == .mark || rightClass == .mark {
            let opensPhrase = rules.closingMarks.contains(left.scalar) && rightClass != .mark
                || rules.openingMarks.contains(right) && leftClass != .mark
            return headline && opensPhrase ? separator(gap) : GapDecision(.remove, .besideMarks)
        }
        if leftClass == .digit && (rightClass == .han || rightClass == .digit) || rightClass == .digit && leftClass == .han {
            return digits(index, leftIsDigit: leftClass == .digit, rightIsDigit: rightClass == .digit, headline: headline)
        }
        if leftClass == .han && rightClass == .han {
            if !headline { return GapDecision(.remove, .betweenHan) }
            return phrases(index, wordSpaced: wordSpaced)
        }
        guard gap.wideCharacters > 0 || gap.hasLineBreak else {
            return GapDecision(.keep, .nonChinese, isRoutine: !leftClass.isChinese && !rightClass.isChinese)
        }
        return GapDecision(.oneSpace, .nonChinese)
    }

    /// A kept separator: one ASCII space, however it was printed.
    private func separator(_ gap: Gap) -> GapDecision {
        GapDecision(gap.isNarrow ? .keep : .oneSpace, .phraseSeparator)
    }

    /// `inter-⏎national` → `international`; `COVID-⏎19` keeps its hyphen.
    private func hyphenatedWord(before hyphen: Int, next: UInt32) -> GapDecision? {
        guard hyphen > 0 else { return nil }
        let before = rules.classify(UTF8Scalar.decode(bytes, at: UTF8Scalar.start(before: hyphen, in: bytes)).scalar)
        guard before == .latin || before == .digit else { return nil }
        let after = rules.classify(next)
        guard after == .latin || after == .digit else { return nil }
        let lowercase = next >= 0x61 && next <= 0x7A || after == .latin && next >= 0x80 && Unicode.Scalar(next)?.properties.isLowercase == true
        return GapDecision(lowercase ? .removeWithHyphen : .remove, .hyphenRejoin)
    }

    // MARK: - Headlines and titles

    /// A Han–Han gap in a headline or a title: a separator between whole phrases unless a word
    /// spans it, a side is one character, or the whole line is spaced word by word.
    private func phrases(_ index: Int, wordSpaced: Bool) -> GapDecision {
        let gap = gaps[index]
        if gap.isWide { return separator(gap) }
        if wordSpaced { return GapDecision(.remove, .wordSpaced) }
        switch oneCharacterPhrase(beside: index) {
        case .joinsHere: return GapDecision(.remove, .singleCharacter)
        case .joinsElsewhere: return separator(gap)
        case .none: break
        }
        if let found = evidence(spanning: index), found.confidence.isConclusive {
            return GapDecision(.remove, .wordSplit, evidence: found.word)
        }
        return separator(gap)
    }

    private enum OneCharacterPhrase { case none, joinsHere, joinsElsewhere }

    /// Whether a one-character phrase stands beside gap `index`, and if so whether it joins across
    /// it. Such a character joins one neighbour only: when it stands between two gaps, the one
    /// where it makes a word, so that a separator next to a split word survives.
    private func oneCharacterPhrase(beside index: Int) -> OneCharacterPhrase {
        let gap = gaps[index]
        var found = OneCharacterPhrase.none
        let leftStart = hanRun(endingAt: gap.range.lowerBound)
        let rightEnd = hanRun(startingAt: gap.range.upperBound)
        // A title that runs past the block's edge was cut there by a column break: the character
        // at the edge may be the start or end of a longer phrase (《山里的孩子 心|里的海》).
        let cutAtStart = gap.inTitle && leftStart == 0
        let cutAtEnd = gap.inTitle && rightEnd == bytes.count
        if !cutAtStart, isOneCharacter(leftStart..<gap.range.lowerBound) {
            guard index > 0, gaps[index - 1].range.upperBound == leftStart else { return .joinsHere }
            if attachedGap(between: index - 1, and: index) == index { return .joinsHere }
            found = .joinsElsewhere
        }
        if !cutAtEnd, isOneCharacter(gap.range.upperBound..<rightEnd) {
            guard index + 1 < gaps.count, gaps[index + 1].range.lowerBound == rightEnd else { return .joinsHere }
            if attachedGap(between: index, and: index + 1) == index { return .joinsHere }
            found = .joinsElsewhere
        }
        return found
    }

    /// For a one-character phrase between gaps `left` and `right`: the gap it joins across, the
    /// one where it makes the surer word (the preceding one when equally sure); nil when it makes
    /// none, and both gaps stay (a stray left is cheaper than a separator lost).
    private func attachedGap(between left: Int, and right: Int) -> Int? {
        if gaps[right].isWide { return left }
        if gaps[left].isWide { return right }
        let leftConfidence = evidence(spanning: left)?.confidence
        let rightConfidence = evidence(spanning: right)?.confidence
        switch (leftConfidence, rightConfidence) {
        case (nil, nil): return nil
        case (.some, nil): return left
        case (nil, .some): return right
        case (.some(let leftValue), .some(let rightValue)): return rightValue > leftValue ? right : left
        }
    }

    /// The word of the term list or ICU's dictionary that spans gap `index` (reading the Han
    /// characters on each side), and how sure it makes a split.
    private func evidence(spanning index: Int) -> (word: WordJunction.Evidence, confidence: WordJunction.Confidence)? {
        let gap = gaps[index]
        let leftStart = hanRun(endingAt: gap.range.lowerBound)
        let rightEnd = hanRun(startingAt: gap.range.upperBound)
        guard leftStart < gap.range.lowerBound, gap.range.upperBound < rightEnd else { return nil }
        var joined = Array(bytes[leftStart..<gap.range.lowerBound])
        let junctionOffset = joined.count
        joined.append(contentsOf: bytes[gap.range.upperBound..<rightEnd])
        return junction.evidence(spanning: joined, at: junctionOffset)
    }

    /// Start of the Han characters (at most `wordContext`) that end at `end`.
    private func hanRun(endingAt end: Int) -> Int {
        var start = end
        var count = 0
        while start > 0, count < rules.wordContext {
            let previous = UTF8Scalar.start(before: start, in: bytes)
            guard rules.han.contains(UTF8Scalar.decode(bytes, at: previous).scalar) else { break }
            start = previous
            count += 1
        }
        return start
    }

    /// End of the Han characters (at most `wordContext`) that start at `start`.
    private func hanRun(startingAt start: Int) -> Int {
        var end = start
        var count = 0
        while end < bytes.count, count < rules.wordContext {
            let (scalar, length) = UTF8Scalar.decode(bytes, at: end)
            guard rules.han.contains(scalar) else { break }
            end += length
            count += 1
        }
        return end
    }

    private func isOneCharacter(_ range: Range<Int>) -> Bool {
        !range.isEmpty && UTF8Scalar.length(lead: bytes[range.lowerBound]) == range.count
    }

    // MARK: - Numbers

    /// A gap beside a number: joined when the number stands in Chinese text (`1 月 8 日`,
    /// `3 2 6 3 4 分`, `全市 120 个`), kept in Latin context (`Windows 10 版`) and between two
    /// numbers that are not spaced digits (`0351 1234567`). In a headline a number glued to a
    /// phrase keeps the space that separates it from the next phrase.
    private func digits(_ index: Int, leftIsDigit: Bool, rightIsDigit: Bool, headline: Bool) -> GapDecision {
        let gap = gaps[index]
        if leftIsDigit && rightIsDigit {
            guard gap.isNarrow, isSpacedDigits(index) else { return GapDecision(.keep, .nonChinese) }
            let before = numberNeighbour(of: index, toward: .left)
            let after = numberNeighbour(of: index, toward: .right)
            let chinese = (before.neighbour?.isChinese ?? true) && (after.neighbour?.isChinese ?? true)
            return chinese && (before.neighbour != nil || after.neighbour != nil)
                ? GapDecision(.remove, .spacedDigits) : GapDecision(.keep, .nonChinese)
        }
        let number = numberNeighbour(of: index, toward: leftIsDigit ? .left : .right)
        guard number.neighbour?.isChinese ?? true else { return GapDecision(.keep, .nonChinese) }
        if headline && number.attached { return separator(gap) }
        return GapDecision(.remove, .spacedDigits)
    }

    /// Whether the number beside gap `index` stands in Chinese text: Chinese text beyond it on one
    /// side, and no Latin word on either.
    private func isNumberInChineseText(_ index: Int) -> Bool {
        let before = numberNeighbour(of: index, toward: .left).neighbour
        let after = numberNeighbour(of: index, toward: .right).neighbour
        return before != .latin && after != .latin && (before?.isChinese == true || after?.isChinese == true)
    }

    /// Digits spaced one by one: a narrow gap with a lone digit on one side.
    private func isSpacedDigits(_ index: Int) -> Bool {
        guard gaps[index].isNarrow else { return false }
        return isLoneDigit(token(index)) || isLoneDigit(token(index + 1))
    }

    private func isLoneDigit(_ range: Range<Int>) -> Bool {
        range.count == 1 && bytes[range.lowerBound] >= 0x30 && bytes[range.lowerBound] <= 0x39
    }

    /// What stands beyond the number on one side of gap `index` (across spaced digits): the class
    /// of that character, nil at the block's edge, and whether it touches the number.
    private func numberNeighbour(of index: Int, toward side: Side) -> (neighbour: SpacingRules.CharacterClass?, attached: Bool) {
        var gapIndex = index
        while true {
            let range = token(side == .left ? gapIndex : gapIndex + 1)
            if side == .left {
                var i = range.upperBound
                while i > range.lowerBound, isNumberByte(bytes[i - 1]) { i -= 1 }
                if i > range.lowerBound {
                    return (rules.classify(UTF8Scalar.decode(bytes, at: UTF8Scalar.start(before: i, in: bytes)).scalar), true)
                }
                guard gapIndex > 0 else { return (nil, false) }
                let next = gaps[gapIndex - 1]
                guard next.range.lowerBound > 0 else { return (nil, false) }
                let beyond = rules.classify(UTF8Scalar.decode(bytes, at: UTF8Scalar.start(before: next.range.lowerBound, in: bytes)).scalar)
                if beyond == .digit && isSpacedDigits(gapIndex - 1) { gapIndex -= 1; continue }
                return (beyond, false)
            } else {
                var i = range.lowerBound
                while i < range.upperBound, isNumberByte(bytes[i]) { i += 1 }
                if i < range.upperBound { return (rules.classify(UTF8Scalar.decode(bytes, at: i).scalar), true) }
                guard gapIndex + 1 < gaps.count else { return (nil, false) }
                let next = gaps[gapIndex + 1]
                guard next.range.upperBound < bytes.count else { return (nil, false) }
                let beyond = rules.classify(UTF8Scalar.decode(bytes, at: next.range.upperBound).scalar)
                if beyond == .digit && isSpacedDigits(gapIndex + 1) { gapIndex += 1; continue }
                return (beyond, false)
            }
        }
    }

    /// Digits and what a number holds inside or right after it: `1,200`, `5.2`, `30%`, `10:30`,
    /// `2023-01-08`, `1/2`.
    private func isNumberByte(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x30...0x39, UInt8(ascii: "."), UInt8(ascii: ","), UInt8(ascii: "%"), UInt8(ascii: ":"),
             UInt8(ascii: "-"), UInt8(ascii: "/"): return true
        default: return false
        }
    }

    // MARK: - Tokens

    /// The text between gap `index - 1` and gap `index` (0: before the first gap).
    private func token(_ index: Int) -> Range<Int> {
        let start = index == 0 ? 0 : gaps[index - 1].range.upperBound
        let end = index == gaps.count ? bytes.count : gaps[index].range.lowerBound
        return start..<end
    }

    /// Per gap: inside a letter-spaced run (at least `letterSpacedMinimum` single characters,
    /// each followed by one space, Chinese among them and Latin letters no more than Han).
    /// Empty when the block has too few gaps for a run.
    private func letterSpacedGaps() -> [Bool] {
        guard gaps.count + 1 >= rules.letterSpacedMinimum else { return [] }
        var flags = [Bool](repeating: false, count: gaps.count)
        var runStart = 0
        var chinese = 0
        var han = 0
        var latin = 0
        func close(_ end: Int) {
            if end - runStart >= rules.letterSpacedMinimum && chinese > 0 && latin <= han {
                for gap in runStart..<(end - 1) { flags[gap] = true }
            }
        }
        for index in 0...gaps.count {
            let range = token(index)
            let single = isOneCharacter(range)
            if single && index > runStart && gaps[index - 1].isNarrow {
                // extends the run
            } else {
                close(index)
                runStart = index
                chinese = 0
                han = 0
                latin = 0
            }
            guard single else {
                runStart = index + 1
                continue
            }
            switch rules.classify(UTF8Scalar.decode(bytes, at: range.lowerBound).scalar) {
            case .han: han += 1; chinese += 1
            case .mark: chinese += 1
            case .latin: latin += 1
            default: break
            }
        }
        close(gaps.count + 1)
        return flags
    }

    /// A headline spaced word by word (`世界 游泳 锦标 赛 首 日`): at least three narrow gaps, every
    /// word one or two Han characters, one-character words among them.
    private func isWordSpaced() -> Bool {
        guard gaps.count >= 3, gaps.allSatisfy(\.isNarrow) else { return false }
        var sawOne = false
        for index in 0...gaps.count {
            let range = token(index)
            var i = range.lowerBound
            var characters = 0
            while i < range.upperBound {
                let (scalar, length) = UTF8Scalar.decode(bytes, at: i)
                guard rules.han.contains(scalar) else { return false }
                i += length
                characters += 1
            }
            guard characters <= 2 else { return false }
            if characters == 1 { sawOne = true }
        }
        return sawOne
    }
}
