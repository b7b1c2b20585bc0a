import Testing
@testable import Galley

/// The summary counts what the edit log holds: per stage, per rule, per kind.
struct DiffSummaryTests {
    @Test(arguments: DiffModelTests.pagePaths)
    func countsMatchTheEditLog(_ path: String) throws {
        let log = try DiffModelTests.document(path).edits
        Self.expectCounts(DiffSummary(edits: log), match: log)
    }

    @Test func sampleCounts() throws {
        let log = try DiffSample.document().edits
        let summary = DiffSummary(edits: log)
        Self.expectCounts(summary, match: log)
        #expect(summary.edits == 5)
        #expect(summary.stages.map(\.stage) == ["normalize", "spacing", "stitching", "tagging"])
        #expect(summary.stages.map(\.kindsText) == ["1 replace", "1 replace", "1 join, 1 move", "1 tag"])
        #expect(summary.rules.map { $0.rule ?? "" } == ["zh-Hans/punctuation/comma-beside-han", "zh-Hans/spacing/between-han",
                                                        "zh-Hans/stitching/open-end", "zh-Hans/stitching/column-interleave",
                                                        "zh-Hans/tagging/headline"])
    }

    /// An edit two rules made together counts once for its stage and once under each rule;
    /// rules are grouped under their stage in pipeline order.
    @Test func jointRulesCountUnderEach() {
        let log = [
            Edit(stage: "normalize", rule: "quotes+colon", kind: .replace, span: 0..<2, before: ":\"", after: "：“"),
            Edit(stage: "spacing", rule: "between-han", kind: .replace, span: 5..<6, before: " ", after: ""),
            Edit(stage: "normalize", rule: "colon", kind: .replace, span: 8..<9, before: ":", after: "："),
        ]
        let summary = DiffSummary(edits: log)
        Self.expectCounts(summary, match: log)
        #expect(summary.stages.map(\.edits) == [2, 1])
        #expect(summary.rules.map { "\($0.stage) \($0.rule ?? "") \($0.edits)" } == ["normalize quotes 1", "normalize colon 2", "spacing between-han 1"])
    }

    @Test func summaryTextPrintsTheCounts() throws {
        let diff = try PageDiff(document: DiffModelTests.document(Repository.seedPage))
        let text = TerminalDiff.summary(diff, palette: .plain)
        #expect(text.hasPrefix("Summary: \(diff.summary.edits) edits\n"))
        for count in diff.summary.rules {
            #expect(text.contains(" \(count.rule ?? "")  "))
        }
        let noEdits = try PageDiff(document: Document(page: Page(source: "plain", text: "没有要改的。")))
        #expect(TerminalDiff.summary(noEdits, palette: .plain) == "Summary: no edits; the repaired text is the raw text.\n")
    }

    static func expectCounts(_ summary: DiffSummary, match log: [Edit]) {
        #expect(summary.edits == log.count)
        #expect(summary.stages.map(\.edits).reduce(0, +) == log.count)
        #expect(Set(summary.stages.map(\.stage)) == Set(log.map(\.stage)))
        for count in summary.stages {
            #expect(count.edits == log.filter { $0.stage == count.stage }.count, "\(count.stage)")
            for kind in count.kinds {
                #expect(kind.edits == log.filter { $0.stage == count.stage && $0.kind == kind.kind }.count)
            }
        }
        var pairs = Set<String>()
        for edit in log {
            for rule in edit.rule.split(separator: "+") { pairs.insert("\(edit.stage) \(rule)") }
        }
        #expect(Set(summary.rules.map { "\($0.stage) \($0.rule ?? "")" }) == pairs)
        for count in summary.rules {
            let rule = count.rule ?? ""
            #expect(count.edits == log.filter { $0.stage == count.stage && $0.rule.split(separator: "+").contains { $0 == rule } }.count, "\(rule)")
        }
    }
}
