import Testing
@testable import Galley

/// Edits made on top of earlier edits still replay to the current text.
struct EditableTextTests {
    func change(_ range: Range<Int>, _ text: String) -> EditableText.Change {
        .init(range: range, replacement: Array(text.utf8), rule: "test")
    }

    @Test func layeredEditsReplay() throws {
        let raw = Array("ab, cd...ef".utf8)
        var text = EditableText(raw: 0..<raw.count, bytes: raw)
        var log: [Edit] = []
        text.replace([change(2..<3, "，"), change(6..<9, "……")], stage: "one", log: &log)
        #expect(text.string == "ab， cd……ef")
        // Delete the space after the replaced comma, and part of the replaced ellipsis.
        text.replace([change(5..<6, ""), change(8..<11, "")], stage: "two", log: &log)
        #expect(text.string == "ab，cd…ef")
        #expect(try EditReplay.apply(log, to: raw, within: 0..<raw.count) == text.string)
        #expect(text.rawSpan(of: 0..<2) == 0..<2)
        #expect(text.rawSpan(of: 2..<5) == 2..<4)
    }

    @Test func insertionAndDeletionAtTheSamePlace() throws {
        let raw = Array("x y z".utf8)
        var text = EditableText(raw: 10..<15, bytes: raw)
        var log: [Edit] = []
        text.replace([change(1..<2, "")], stage: "one", log: &log)
        text.replace([change(1..<1, "-"), change(2..<3, "")], stage: "two", log: &log)
        #expect(text.string == "x-yz")
        let page = Array("0123456789".utf8) + raw
        #expect(try EditReplay.apply(log, to: page, within: 10..<15) == "x-yz")
    }
}
