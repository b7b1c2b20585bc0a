import Testing
@testable import Galley

/// The scalar matcher must answer exactly as Swift's `Regex` does, or leave the answer to it.
struct ScalarPatternTests {
    static let patterns = [
        "\\p{Han}{2,4}|\\p{Han}[ \\u3000]\\p{Han}",
        "[、，,]|[ \\u3000]+",
        "本报驻\\p{Han}{1,8}记者",
        "\\p{Han}{2,8}(?:广播电台|电视台|日报|晚报)记者",
        "\\p{Han}{2,16}(?:理论学习中心组|中心组|课题组)",
        "(记者|通讯员)?[ \\u3000]*\\p{Han}{2,3}",
        "甲+乙?[丙-戊]{2,}",
    ]

    static let texts: [Substring] = [
        "李杰华", "李杰华、甄 珍", "周 皓", "周　皓", "记者 阎轶洁", "本报驻德国记者 江建国", "本报驻德国记者",
        "中央人民广播电台记者刘小明", "市委理论学习中心组", "晋源区委理论学习中心组外", "李", "", " ", "、",
        "aab xyz", "甲甲乙丙丁", "甲丙戊丁 甲乙", "张三，李四,王五  赵六", "李\u{FE00}华", "李华\r\n", "豈華", "e\u{301}", "\u{2EBF0}\u{2EBF1}",
        "李 华、", "记者　张三　李 红",
    ]

    @Test(arguments: patterns)
    func answersAsTheRegexEngine(_ source: String) throws {
        let regex = try Regex(source)
        let pattern = RulePattern(regex: regex, source: source)
        for text in Self.texts {
            #expect(pattern.matchesWhole(text) == ((try regex.wholeMatch(in: text)) != nil), "\(source) whole \(text)")
            #expect(pattern.prefixMatchEnd(in: text) == (try regex.prefixMatch(in: text))?.range.upperBound, "\(source) prefix \(text)")
            if !(pattern.scalarPattern?.matchesEmpty ?? false) {
                #expect(pattern.split(text) == text.split(separator: regex), "\(source) split \(text)")
            }
        }
    }

    @Test func compilesTheBylinePatterns() {
        for source in Self.patterns { #expect(ScalarPattern(source) != nil, "\(source)") }
        for source in ["\\d+", "a.b", "(?=a)b", "a+?", "[^a]", "^a", "\\p{L}"] { #expect(ScalarPattern(source) == nil, "\(source)") }
    }

    /// Text made only of scalars that `ScalarText.standsAlone` names skips the Character count:
    /// each of them must be a Character of its own beside any other of them.
    @Test func standAloneScalarsAreCharactersOfTheirOwn() {
        var text = String.UnicodeScalarView()
        for value in UInt32(0)...0xFFFF where ScalarText.standsAlone(value) {
            if let scalar = Unicode.Scalar(value) { text.append(scalar) }
        }
        #expect(text.count > 20_000)
        #expect(String(text).count == text.count)
    }

    /// `ScalarText.isPlain` answers for the non-ASCII scalars that stand alone without asking
    /// ICU: each of them must be assigned and NFC-inert.
    @Test func standAloneScalarsArePlain() {
        let standing = (UInt32(0x2010)...0xFFFF).filter(ScalarText.standsAlone)
        #expect(standing.count > 20_000)
        let notPlain = standing.filter { ScalarText.unassigned.contains($0) || !ICU.isNFCInert($0) }
        #expect(notPlain.isEmpty, "\(notPlain.prefix(10).map { String($0, radix: 16) })")
    }

    /// `\p{Han}` is read from the system ICU's data for Han characters: it must agree with the
    /// regex engine's for the scalars the matcher accepts in a text. Checked at both edges of
    /// every range of ICU's Han set and just outside them (where two tables disagree, if they
    /// do), and at every 61st scalar: all 1.1 million take a minute in a debug build.
    @Test func hanAgreesWithTheRegexEngine() throws {
        let property = try #require(HanProperty.shared)
        let hanRanges = try #require(ICU.setRanges(pattern: "[:Script=Han:]"))
        var chosen = Set(stride(from: UInt32(0), through: 0x10FFFF, by: 61))
        for range in hanRanges {
            chosen.formUnion([range.lowerBound, range.upperBound, range.upperBound + 1])
            if range.lowerBound > 0 { chosen.insert(range.lowerBound - 1) }
        }
        // One regex pass over the chosen scalars, read scalar by scalar: each one is a Character
        // of its own in the texts the matcher accepts.
        var text = String.UnicodeScalarView()
        var expected: Set<UInt32> = []
        for value in chosen.sorted() where ScalarText.isPlain(value) && property.readsFromICU(value) {
            guard let scalar = Unicode.Scalar(value) else { continue }
            text.append(scalar)
            if property.contains(value) { expected.insert(value) }
        }
        let han = try Regex("\\p{Han}").matchingSemantics(.unicodeScalar)
        let found = Set(String(text).matches(of: han).compactMap { $0.output[0].substring?.unicodeScalars.first?.value })
        let disagreements = expected.symmetricDifference(found).sorted()
        #expect(disagreements.isEmpty, "\(disagreements.prefix(10).map { String($0, radix: 16) })")
    }
}
