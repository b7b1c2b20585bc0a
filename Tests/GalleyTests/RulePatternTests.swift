import Testing
@testable import Galley

/// The literals a rule pattern's every match holds, used to skip the regex engine.
struct RulePatternTests {
    @Test(arguments: [
        ("本报讯", ["本报讯"]),
        ("（?下?转第(\\d{1,3})版）?", ["转第", "版"]),
        (".+摄）?", ["摄"]),
        ("(?:据)?新华社(?:\\p{Han}{2,6}?)?电(?![视台报])", ["新华社", "电"]),
        ("\\p{Han}{2,8}(?:广播电台|电视台)记者", ["记者"]),
        ("(?:关注|聚焦)\\p{Han}.*", []),
        ("两会|简讯", []),
        ("第[一二三]是", ["第", "是"]),
    ])
    func requiredLiterals(_ pattern: String, _ literals: [String]) {
        #expect(RulePattern.requiredLiterals(of: pattern) == literals)
    }

    @Test func skipsTextWithoutTheLiteralsButMatchesTheRest() throws {
        let pattern = RulePattern(regex: try Regex("（?下?转第(\\d{1,3})版）?"), source: "（?下?转第(\\d{1,3})版）?")
        #expect(try pattern.wholeMatch(in: "（下转第2版）"[...]) != nil)
        #expect(try pattern.wholeMatch(in: "转载第二版"[...]) == nil)
        #expect(pattern.matches(in: "工程进展顺利（下转第12版）"[...]).count == 1)
    }
}
