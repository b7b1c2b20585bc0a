import Foundation

/// Runs the pipeline on pages that have a gold file and counts how far its output is from the
/// gold (`galley eval`). It reads only `PageResult`, so it measures whatever the stages produce.
public struct Evaluator: Sendable {
    public let pipeline: Pipeline
    private let han: CodePointSet

    public init(pipeline: Pipeline) throws {
        self.pipeline = pipeline
        guard let han = CodePointSet(pattern: "[:Han:]") else {
            throw Page.InputError(source: "[:Han:]", problem: "ICU could not build the Han character set")
        }
        self.han = han
    }

    /// Every `*.gold.json` of `directory` with the page its `source` names. A gold file or page
    /// that cannot be read is listed in `failures` (file and problem) and left out of the counts.
    public func evaluate(directory: String) throws -> (counts: QualityCounts, failures: [String]) {
        let folder = URL(fileURLWithPath: directory)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory) else {
            throw Page.InputError(source: directory, problem: "no such folder")
        }
        guard isDirectory.boolValue else {
            throw Page.InputError(source: directory, problem: "is a file; give the folder that holds the *.gold.json files")
        }
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasSuffix(".gold.json") }.sorted()
        } catch {
            throw Page.InputError(source: directory, problem: "cannot list the folder: \(error.localizedDescription)")
        }
        guard !names.isEmpty else {
            throw Page.InputError(source: directory, problem: "no *.gold.json files (make some with 'galley simulate')")
        }
        var counts = QualityCounts()
        var failures: [String] = []
        for name in names {
            let goldPath = folder.appendingPathComponent(name).path
            do {
                let gold = try GoldPage.read(path: goldPath)
                let pagePath = gold.source.hasPrefix("/") ? gold.source : folder.appendingPathComponent(gold.source).path
                let page: Page
                do {
                    page = try PageReader.read(path: pagePath)
                } catch let error as Page.InputError {
                    throw Page.InputError(source: goldPath, problem: "its page \(error.source): \(error.problem)")
                }
                counts = counts + evaluate(page: page, gold: gold)
            } catch {
                failures.append("\(error)")
            }
        }
        return (counts, failures)
    }

    /// Counts for one page against its gold.
    public func evaluate(page: Page, gold: GoldPage) -> QualityCounts {
        PageComparison(gold: gold, page: page, result: pipeline.run(page), han: han).counts
    }
}

/// One page's output laid against its gold. Every output character is traced to the gold text it
/// came from by aligning texts (whitespace ignored, full-width forms folded); articles are paired
/// by the characters they share.
struct PageComparison {
    let gold: GoldPage
    let page: Page
    let result: PageResult
    let han: CodePointSet

    /// A gold text: a label, headline, lead, paragraph or byline of an article (-1: the page's labels).
    struct Unit {
        enum Kind: Equatable { case label, headline, lead, paragraph(Int), byline }
        var article: Int
        var kind: Kind
        var length: Int
    }

    /// An output text with the gold stream position of each of its characters (-1: none).
    struct Traced {
        var article: Int
        var paragraph: Int?
        /// One entry per character of the text, whitespace left out.
        var origin: [Int]
    }

    let units: [Unit]
    /// For each position of the gold stream, its unit (-1 between units).
    let unitAt: [Int]
    let traced: [Traced]
    /// overlap[o][g]: characters of output article o that came from gold article g.
    let overlap: [[Int]]
    /// claimed[o][g]: characters of gold article g that output article o holds, each gold
    /// character counted once (in the first output article that holds it).
    let claimed: [[Int]]
    let bestOutput: [Int?]
    let bestGold: [Int?]

    init(gold: GoldPage, page: Page, result: PageResult, han: CodePointSet) {
        self.gold = gold
        self.page = page
        self.result = result
        self.han = han
        var stream = CanonicalText()
        var units: [Unit] = []
        var unitAt: [Int] = []
        func add(_ text: String, article: Int, kind: Unit.Kind) {
            if !stream.scalars.isEmpty {
                stream.appendSeparator()
                unitAt.append(-1)
            }
            let start = stream.scalars.count
            stream.append(text)
            units.append(Unit(article: article, kind: kind, length: stream.scalars.count - start))
            unitAt += repeatElement(units.count - 1, count: stream.scalars.count - start)
        }
        for (index, article) in gold.articles.enumerated() {
            for label in article.labels { add(label, article: index, kind: .label) }
            for headline in article.headlines { add(headline, article: index, kind: .headline) }
            if let lead = article.lead { add(lead, article: index, kind: .lead) }
            for (number, paragraph) in article.paragraphs.enumerated() { add(paragraph.text, article: index, kind: .paragraph(number)) }
            for byline in article.bylines { add(byline.text, article: index, kind: .byline) }
        }
        for label in gold.labels { add(label, article: -1, kind: .label) }
        // The last unit ends like every other, so that a whole output text matching it wins over
        // the same words inside a paragraph.
        stream.appendSeparator()
        unitAt.append(-1)

        let index = ScalarIndex(stream.scalars)
        // An article's texts are aligned as one sequence, separators included, so that a match may
        // run from a lead into its paragraph just as the gold units follow each other.
        var traced: [Traced] = []
        for (number, article) in result.articles.enumerated() {
            var texts: [(text: String, paragraph: Int?)] = article.labels.map { ($0, nil) } + article.headlines.map { ($0, nil) }
            if let lead = article.lead { texts.append((lead, nil)) }
            texts += article.paragraphs.enumerated().map { ($1.text, $0) }
            texts += article.bylines.map { ($0.text, nil) }
            var sequence = CanonicalText()
            var ranges: [Range<Int>] = []
            for (offset, text) in texts.enumerated() {
                if offset > 0 { sequence.appendSeparator() }
                let start = sequence.scalars.count
                sequence.append(text.text)
                ranges.append(start..<sequence.scalars.count)
            }
            var previous: Int?
            let origin = Self.align(sequence.scalars, to: index, continuing: &previous)
            for (text, range) in zip(texts, ranges) {
                traced.append(Traced(article: number, paragraph: text.paragraph, origin: Array(origin[range])))
            }
        }
        let empty = [[Int]](repeating: [Int](repeating: 0, count: gold.articles.count), count: result.articles.count)
        var overlap = empty
        var claimed = empty
        var taken = [Bool](repeating: false, count: stream.scalars.count)
        for text in traced {
            for position in text.origin where position >= 0 {
                let goldArticle = units[unitAt[position]].article
                guard goldArticle >= 0 else { continue }
                overlap[text.article][goldArticle] += 1
                if !taken[position] {
                    taken[position] = true
                    claimed[text.article][goldArticle] += 1
                }
            }
        }
        self.units = units
        self.unitAt = unitAt
        self.traced = traced
        self.overlap = overlap
        self.claimed = claimed
        bestGold = overlap.map { row in
            row.indices.max { row[$0] < row[$1] }.flatMap { row[$0] > 0 ? $0 : nil }
        }
        bestOutput = gold.articles.indices.map { goldIndex in
            overlap.indices.max { overlap[$0][goldIndex] < overlap[$1][goldIndex] }.flatMap { overlap[$0][goldIndex] > 0 ? $0 : nil }
        }
    }

    /// The gold stream position each scalar of `text` came from: greedy longest matches, a match
    /// that continues the previous one preferred, single characters only as a continuation.
    /// Equally long matches (本报讯 leads every other article) go to the one whose gold
    /// neighbours agree with the output's: the unit right after the previous match, or a unit
    /// followed by the text that follows in the output.
    static func align(_ text: [UInt32], to index: ScalarIndex, continuing previous: inout Int?) -> [Int] {
        var origin = [Int](repeating: -1, count: text.count)
        var position = 0
        func tieScore(_ start: Int, length: Int) -> Int {
            if start == previous { return Int.max }
            var score = 0
            if let previous, start == previous + 1 { score += 1_000_000 }
            let next = start + length
            if next < index.scalars.count, index.scalars[next] == CanonicalText.separator, position + length < text.count {
                score += index.matchLength(of: text[(position + length)...], at: next + 1)
            }
            return score
        }
        while position < text.count {
            // Output texts end where they end; the next one may still continue the gold text.
            if text[position] == CanonicalText.separator {
                position += 1
                continue
            }
            let rest = text[position...]
            var bestStart = -1
            var bestLength = 0
            if let previous {
                bestLength = index.matchLength(of: rest, at: previous)
                bestStart = previous
            }
            // A long continuation is taken as it is; otherwise look for a longer match anywhere.
            if bestLength < 8 {
                for start in index.starts(of: text[position]) where start != bestStart {
                    let length = index.matchLength(of: rest, at: start)
                    if length > bestLength
                        || (length == bestLength && length > 0 && tieScore(start, length: length) > tieScore(bestStart, length: bestLength)) {
                        bestStart = start
                        bestLength = length
                    }
                }
            }
            if bestLength >= 2 || (bestLength == 1 && (bestStart == previous || text.count == 1)) {
                for offset in 0..<bestLength { origin[position + offset] = bestStart + offset }
                position += bestLength
                previous = bestStart + bestLength
            } else {
                position += 1
                previous = nil
            }
        }
        return origin
    }

    var counts: QualityCounts {
        var counts = QualityCounts()
        counts.pages = 1
        counts.goldArticles = gold.articles.count
        counts.outputArticles = result.articles.count
        let goldSizes = (0..<gold.articles.count).map { article in
            units.filter { $0.article == article }.reduce(0) { $0 + $1.length }
        }
        (counts.bCubedPrecision, counts.bCubedRecall) = Metrics.bCubed(overlap: overlap, claimed: claimed, goldSizes: goldSizes)
        counts.articlesRight = articlesRight
        counts.paragraphsRight = paragraphsRight
        counts.cutParagraphsWhole = cutParagraphsWhole
        counts.wrongJoins = wrongJoins
        counts.straySpacesLeft = spacesFound(gold.spuriousSpaces, needAll: false)
        counts.lineBreaksLeft = spacesFound(gold.lineBreaks, needAll: false)
        let kept = spacesFound(gold.legitSpaces, needAll: true)
        counts.deliberateSpacesLost = Ratio(kept.denominator - kept.numerator, of: kept.denominator)
        counts.halfWidthLeft = halfWidthLeft
        counts.bylineNames = bylineNames
        counts.truncatedStart = truncatedStart
        let goldHeadlines = gold.articles.flatMap(\.headlines).map(CanonicalText.stripped)
        let outputHeadlines = result.articles.flatMap(\.headlines).map(CanonicalText.stripped)
        let shared = Metrics.sharedCount(goldHeadlines, outputHeadlines)
        counts.headlines = MatchCounts(found: shared, predicted: outputHeadlines.count, recalled: shared, expected: goldHeadlines.count)
        counts.characterErrors = characterErrors
        return counts
    }

    // MARK: Articles and paragraphs

    private var articlesRight: Ratio {
        let right = gold.articles.indices.filter { index in
            bestOutput[index].map { Self.same(result.articles[$0], gold.articles[index]) } ?? false
        }
        return Ratio(right.count, of: gold.articles.count)
    }

    /// Same headlines, lead, paragraph texts, byline names and flags, whitespace ignored.
    static func same(_ output: Article, _ expected: GoldArticle) -> Bool {
        let strip = CanonicalText.stripped
        let outputParagraphs = output.paragraphs.map { strip($0.text) }
        let expectedParagraphs = expected.paragraphs.map { strip($0.text) }
        return output.headlines.map(strip) == expected.headlines.map(strip)
            && output.lead.map(strip) == expected.lead.map(strip)
            && outputParagraphs == expectedParagraphs
            && output.bylines.flatMap(\.names).map(strip) == expected.bylines.flatMap(\.names).map(strip)
            && Set(output.flags) == Set(expected.flags)
    }

    private var paragraphsRight: Ratio {
        let expected = gold.articles.flatMap(\.paragraphs).map { CanonicalText.stripped($0.text) }
        let output = result.articles.flatMap(\.paragraphs).map { CanonicalText.stripped($0.text) }
        return Ratio(Metrics.sharedCount(expected, output), of: expected.count)
    }

    /// A cut paragraph is found from the blocks its join names: the gold paragraph that holds the
    /// text around the first break.
    private var cutParagraphsWhole: Ratio {
        let joins = gold.articles.enumerated().flatMap { index, article in article.joins.map { (index, $0) } }
        guard !joins.isEmpty else { return Ratio(0, of: 0) }
        let blocks = Document(page: page).blocks
        let outputParagraphs = ScalarIndex(CanonicalText(joining: result.articles.flatMap { $0.paragraphs.map(\.text) }).scalars)
        var whole = 0
        for (article, join) in joins {
            guard join.allSatisfy({ blocks.indices.contains($0) }) else { continue }
            let before = CanonicalText(blocks[join[0]].string).scalars.suffix(8)
            let after = CanonicalText(blocks[join[1]].string).scalars.prefix(8)
            let junction = Array(before) + Array(after)
            let candidates = gold.articles[article].paragraphs + gold.articles.flatMap(\.paragraphs)
            guard let paragraph = candidates.first(where: {
                ScalarIndex(CanonicalText($0.text).scalars).occurrences(of: junction).count > 0
            }) else { continue }
            if !outputParagraphs.occurrences(of: CanonicalText(paragraph.text).scalars).isEmpty { whole += 1 }
        }
        return Ratio(whole, of: joins.count)
    }

    private var wrongJoins: Ratio {
        var joins = 0
        var paragraphs = 0
        for text in traced where text.paragraph != nil {
            paragraphs += 1
            var counts: [Int: Int] = [:]
            for position in text.origin where position >= 0 {
                if case .paragraph = units[unitAt[position]].kind { counts[unitAt[position], default: 0] += 1 }
            }
            // A few characters matched by chance do not make a join.
            let held = counts.filter { $0.value >= min(3, units[$0.key].length) }.count
            joins += max(0, held - 1)
        }
        return Ratio(joins, of: paragraphs)
    }

    // MARK: Spaces and punctuation

    /// Every output text a reader sees, byline texts excepted (they keep the page's spacing).
    private var readerTexts: [String] {
        var texts = result.labels.map(\.text)
        for article in result.articles {
            texts += article.labels + article.headlines + (article.lead.map { [$0] } ?? [])
            texts += article.paragraphs.map(\.text) + article.bylines.flatMap(\.names)
        }
        return texts
    }

    /// Entries (`从 严治党`) found in the output with whitespace at one of their gaps (`needAll`:
    /// at all of them), of the entries.
    private func spacesFound(_ entries: [String], needAll: Bool) -> Ratio {
        guard !entries.isEmpty else { return Ratio(0, of: 0) }
        let output = CanonicalText(joining: readerTexts)
        let index = ScalarIndex(output.scalars)
        var found = 0
        var counted = 0
        for entry in entries {
            let pattern = CanonicalText(entry)
            let gaps = pattern.spacedGaps
            // An entry without inner whitespace says nothing about spaces.
            guard !gaps.isEmpty else { continue }
            counted += 1
            let hit = index.occurrences(of: pattern.scalars).contains { start in
                needAll ? gaps.allSatisfy { output.spaceBefore[start + $0] } : gaps.contains { output.spaceBefore[start + $0] }
            }
            if hit { found += 1 }
        }
        return Ratio(found, of: counted)
    }

    private var halfWidthLeft: Ratio {
        let marks: Set<UInt32> = Set(",;:()!?".unicodeScalars.map(\.value))
        var left = 0
        var characters = 0
        for text in readerTexts {
            let scalars = text.unicodeScalars.map(\.value)
            for (index, scalar) in scalars.enumerated() {
                if !CanonicalText.isWhitespace(scalar) { characters += 1 }
                guard marks.contains(scalar) else { continue }
                if (index > 0 && han.contains(scalars[index - 1])) || (index + 1 < scalars.count && han.contains(scalars[index + 1])) {
                    left += 1
                }
            }
        }
        return Ratio(left, of: characters)
    }

    // MARK: Bylines, flags, text

    private var bylineNames: MatchCounts {
        let strip = CanonicalText.stripped
        var remaining = gold.articles.map { $0.bylines.flatMap(\.names).map(strip) }
        var counts = MatchCounts(expected: remaining.reduce(0) { $0 + $1.count })
        for (index, article) in result.articles.enumerated() {
            for name in article.bylines.flatMap(\.names).map(strip) {
                counts.predicted += 1
                guard let goldIndex = bestGold[index], let match = remaining[goldIndex].firstIndex(of: name) else { continue }
                remaining[goldIndex].remove(at: match)
                counts.found += 1
            }
        }
        counts.recalled = counts.found
        return counts
    }

    private var truncatedStart: MatchCounts {
        let flag = Article.truncatedStart
        var counts = MatchCounts()
        var claimed = Set<Int>()
        for (index, article) in result.articles.enumerated() where article.flags.contains(flag) {
            counts.predicted += 1
            if let goldIndex = bestGold[index], gold.articles[goldIndex].flags.contains(flag), claimed.insert(goldIndex).inserted {
                counts.found += 1
            }
        }
        for (index, article) in gold.articles.enumerated() where article.flags.contains(flag) {
            counts.expected += 1
            if let output = bestOutput[index], result.articles[output].flags.contains(flag) { counts.recalled += 1 }
        }
        return counts
    }

    /// Each gold article's paragraphs against the stretch of its best output article's
    /// paragraphs that runs from the first to the last character that came from them (text of
    /// other articles inside that stretch counts; outside it, assembly's figures count it).
    private var characterErrors: Ratio {
        var errors = 0
        var total = 0
        for (goldIndex, article) in gold.articles.enumerated() {
            let expected = Self.textScalars(article.paragraphs.map(\.text))
            total += expected.count
            guard let outputIndex = bestOutput[goldIndex] else {
                errors += expected.count
                continue
            }
            var output: [UInt32] = []
            var fromArticle: [Bool] = []
            for text in traced where text.article == outputIndex && text.paragraph != nil {
                var kept = 0
                for scalar in Self.textScalars([result.articles[outputIndex].paragraphs[text.paragraph ?? 0].text]) {
                    output.append(scalar)
                    if CanonicalText.isWhitespace(scalar) {
                        fromArticle.append(false)
                        continue
                    }
                    let origin = text.origin[kept]
                    kept += 1
                    fromArticle.append(origin >= 0 && units[unitAt[origin]].article == goldIndex && {
                        if case .paragraph = units[unitAt[origin]].kind { return true } else { return false }
                    }())
                }
            }
            guard let first = fromArticle.firstIndex(of: true), let last = fromArticle.lastIndex(of: true) else {
                errors += expected.count
                continue
            }
            errors += Metrics.editDistance(Array(output[first...last]), expected)
        }
        return Ratio(errors, of: total)
    }

    /// Paragraph texts run together without their line breaks (paragraph breaks are assembly's
    /// business, not the text's).
    static func textScalars(_ texts: [String]) -> [UInt32] {
        texts.flatMap { $0.unicodeScalars.map(\.value).filter { $0 != 0x0A && $0 != 0x0D } }
    }
}
