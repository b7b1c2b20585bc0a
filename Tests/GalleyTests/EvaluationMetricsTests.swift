import Testing
@testable import Galley

/// The metrics on cases small enough to work out by hand.
struct EvaluationMetricsTests {
    /// Gold: A has 6 characters, B has 4. Output 1 holds 4 of A; output 2 holds 2 of A and all of B.
    /// Precision: (4·4/4 + (2·2 + 4·4)/6) / 10 = (4 + 20/6) / 10. Recall: (4·4/6 + 2·2/6 + 4·4/4) / 10.
    @Test func bCubedOnAKnownSplit() throws {
        let overlap = [[4, 0], [2, 4]]
        let (precision, recall) = Metrics.bCubed(overlap: overlap, claimed: overlap, goldSizes: [6, 4])
        let expectedPrecision: Double = (4 + 20.0 / 6) / 10
        let expectedRecall: Double = (16.0 / 6 + 4.0 / 6 + 4) / 10
        #expect(abs(try #require(precision.value) - expectedPrecision) < 1e-9)
        #expect(abs(try #require(recall.value) - expectedRecall) < 1e-9)
    }

    @Test func bCubedOfAPerfectAndOfAMergedAssembly() throws {
        let perfect = Metrics.bCubed(overlap: [[6, 0], [0, 4]], claimed: [[6, 0], [0, 4]], goldSizes: [6, 4])
        #expect(perfect.precision.value == 1 && perfect.recall.value == 1)
        // Everything in one article: recall stays 1, precision is (36 + 16) / 10 / 10.
        let merged = Metrics.bCubed(overlap: [[6, 4]], claimed: [[6, 4]], goldSizes: [6, 4])
        #expect(merged.recall.value == 1)
        #expect(abs(try #require(merged.precision.value) - 0.52) < 1e-9)
    }

    @Test func lostCharactersRecallNothing() throws {
        let (precision, recall) = Metrics.bCubed(overlap: [[3]], claimed: [[3]], goldSizes: [6])
        #expect(precision.value == 1)
        let expectedRecall: Double = 9.0 / 6 / 6
        #expect(abs(try #require(recall.value) - expectedRecall) < 1e-9)
    }

    @Test(arguments: [("记者从区里获悉", "记者从区里获悉", 0), ("记者从区里获悉", "记者从 区里获悉", 1),
                      ("本报讯", "", 3), ("杏花岭区", "杏花区岭", 2), ("甲乙丙丁", "甲丙丁戊", 2)])
    func editDistance(_ a: String, _ b: String, _ expected: Int) {
        let scalars = { (text: String) in text.unicodeScalars.map(\.value) }
        #expect(Metrics.editDistance(scalars(a), scalars(b)) == expected)
        #expect(Metrics.editDistance(scalars(b), scalars(a)) == expected)
    }

    /// The bit-parallel distance against the textbook table on texts longer than one 64-row block.
    @Test(arguments: [1, 2, 3, 4, 5])
    func editDistanceMatchesTheTextbookTable(seed: Int) {
        var random = SplitMix64(seed: UInt64(seed))
        let alphabet: [UInt32] = Array("的一是在不了有和人这中大为上个".unicodeScalars.map(\.value))
        let a = (0..<random.int(in: 60...200)).map { _ in alphabet[random.int(in: 0..<alphabet.count)] }
        var b = a
        for _ in 0..<random.int(in: 1...40) {
            let position = random.int(in: 0..<b.count)
            switch random.int(in: 0...2) {
            case 0: b.remove(at: position)
            case 1: b.insert(alphabet[random.int(in: 0..<alphabet.count)], at: position)
            default: b[position] = alphabet[random.int(in: 0..<alphabet.count)]
            }
        }
        #expect(Metrics.editDistance(a, b) == Self.textbookDistance(a, b))
        #expect(Metrics.editDistance(b, a) == Self.textbookDistance(a, b))
    }

    static func textbookDistance(_ a: [UInt32], _ b: [UInt32]) -> Int {
        var previous = Array(0...b.count)
        for (i, left) in a.enumerated() {
            var current = [i + 1]
            for (j, right) in b.enumerated() {
                current.append(min(previous[j] + (left == right ? 0 : 1), previous[j + 1] + 1, current[j] + 1))
            }
            previous = current
        }
        return previous[b.count]
    }

    @Test func f1CountsNothingPredictedAsZeroAndNothingAtAllAsUndefined() {
        #expect(MatchCounts(found: 0, predicted: 0, recalled: 0, expected: 5).f1 == 0)
        #expect(MatchCounts().f1 == nil)
        let expected: Double = 2 * 0.75 * 0.5 / 1.25
        #expect(MatchCounts(found: 3, predicted: 4, recalled: 3, expected: 6).f1 == expected)
    }

    @Test func canonicalTextFoldsWidthAndRemembersSpaces() {
        let text = CanonicalText("从 严治党，２０２３")
        #expect(text.scalars == "从严治党,2023".unicodeScalars.map(\.value))
        #expect(text.spacedGaps == [1])
        #expect(CanonicalText.stripped("初心如磐 本色依旧\n") == "初心如磐本色依旧")
    }

    /// 本报讯 leads both gold articles: the one whose paragraph follows in the output wins.
    @Test func alignmentBreaksTiesByWhatFollows() {
        let gold = CanonicalText(joining: ["本报讯", "甲地下雪了。", "本报讯", "乙地刮风了。"])
        let index = ScalarIndex(gold.scalars)
        var previous: Int?
        let origin = PageComparison.align(CanonicalText("本报讯 乙地刮风了。").scalars, to: index, continuing: &previous)
        let second = gold.scalars.count - "本报讯乙地刮风了。".count - 1
        #expect(origin.first == second)
        #expect(!origin.contains(-1))
    }
}
