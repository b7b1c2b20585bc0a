import Testing
@testable import Galley

/// The diff model: what it reads from the edit log, and the token-level diff inside a change.
struct DiffModelTests {
    static let pagePaths = Repository.fixtures("diff", suffix: ".txt") + [Repository.seedPage]

    static func document(_ path: String) throws -> Document {
        Shared.pipeline.document(for: try Page(source: path, text: Repository.text(path)), through: nil)
    }

    /// Every fixture page and the seed page, diffed, and the hand-made sample.
    static func pages() throws -> [PageDiff] {
        try pagePaths.map { try PageDiff(document: document($0)) } + [PageDiff(document: DiffSample.document())]
    }

    @Test(arguments: pagePaths)
    func blocksRebuildTheRawAndTheRepairedText(_ path: String) throws {
        let document = try Self.document(path)
        let diff = try PageDiff(document: document)
        #expect(diff.blocks.count == document.rawBlockSpans.count)
        // Each final block (joined from raw blocks by stitching) is its raw blocks repaired.
        for original in document.blocks {
            #expect(original.joinedIndices.map { diff.blocks[$0].repairedText }.joined() == original.string, "block \(original.index)")
        }
        for block in diff.blocks {
            #expect(block.rawText == String(decoding: document.raw[block.rawSpan], as: UTF8.self))
            for change in block.changes {
                var before = ""
                var after = ""
                for piece in change.pieces {
                    switch piece {
                    case .same(let text): before += text; after += text
                    case .deleted(let text): before += text
                    case .inserted(let text): after += text
                    }
                }
                #expect(before == change.before && after == change.after)
            }
        }
    }

    /// The changes are the log's replace edits: each shows up once, labelled with its own rules.
    @Test(arguments: pagePaths)
    func everyReplaceEditIsOneLabelledChange(_ path: String) throws {
        let document = try Self.document(path)
        let diff = try PageDiff(document: document)
        let shown = diff.blocks.flatMap(\.changes).flatMap(\.edits)
        let replaces = document.edits.indices.filter { document.edits[$0].kind == .replace }
        #expect(shown.sorted() == replaces)
        for change in diff.blocks.flatMap(\.changes) {
            let expected = change.edits.flatMap { EditLabel.labels(of: document.edits[$0]) }
            #expect(Set(change.labels) == Set(expected))
        }
    }

    /// A later edit over an earlier one's result is one change that names both.
    @Test func layeredEditsMakeOneChangeWithBothLabels() throws {
        var document = Document(page: try Page(source: "layers", text: "甲,乙"))
        DiffSample.replace(",", with: "，", inBlock: 0, stage: "normalize", rule: "one", in: &document)
        DiffSample.replace("，", with: "、", inBlock: 0, stage: "punctuation", rule: "two", in: &document)
        let changes = try PageDiff(document: document).blocks[0].changes
        #expect(changes.count == 1)
        #expect(changes.first?.pieces == [.deleted(","), .inserted("、")])
        #expect(changes.first?.labels == [EditLabel(stage: "normalize", rule: "one"), EditLabel(stage: "punctuation", rule: "two")])
    }

    @Test func joinsMovesAndTagsAreDecisionsOnTheirBlocks() throws {
        let diff = try PageDiff(document: DiffSample.document())
        #expect(diff.decisions.map(\.edit.kind) == [.join, .move, .tag])
        #expect(diff.decisions.map(\.blocks) == [[0, 2], [2], [1]])
        #expect(diff.changedBlocks.map(\.index) == [0, 1, 2, 3])
    }

    struct TokenCase: CustomStringConvertible, Sendable {
        let before: String
        let after: String
        let pieces: [DiffPiece]
        var description: String { "\(before) → \(after)" }
    }

    static let tokenCases: [TokenCase] = [
        TokenCase(before: "甲,乙", after: "甲，乙", pieces: [.same("甲"), .deleted(","), .inserted("，"), .same("乙")]),
        TokenCase(before: "**本报讯**", after: "本报讯", pieces: [.deleted("**"), .same("本报讯"), .deleted("**")]),
        // Han text differs character by character…
        TokenCase(before: "效 果 网", after: "效果网", pieces: [.same("效"), .deleted(" "), .same("果"), .deleted(" "), .same("网")]),
        TokenCase(before: "民生实事", after: "民生事实", pieces: [.same("民生"), .deleted("实"), .same("事"), .inserted("实")]),
        // …Latin text word by word.
        TokenCase(before: "Open Data", after: "Open Date", pieces: [.same("Open "), .deleted("Data"), .inserted("Date")]),
        TokenCase(before: "８６０人", after: "860人", pieces: [.deleted("８６０"), .inserted("860"), .same("人")]),
        // A combining mark stays with its letter.
        TokenCase(before: "Cafe\u{301}", after: "Café", pieces: [.deleted("Cafe\u{301}"), .inserted("Café")]),
        TokenCase(before: "", after: "新", pieces: [.inserted("新")]),
    ]

    @Test(arguments: tokenCases)
    func characterLevelForHanWordLevelForLatin(_ input: TokenCase) {
        let pieces = TokenDiff.pieces(before: input.before, after: input.after)
        #expect(pieces == input.pieces)
        // DiffPiece's == compares Strings, which calls canonically equivalent text equal: compare bytes too.
        #expect(pieces.map(Self.bytes) == input.pieces.map(Self.bytes))
    }

    static func bytes(_ piece: DiffPiece) -> [UInt8] {
        switch piece {
        case .same(let text): [0x3D] + Array(text.utf8)
        case .deleted(let text): [0x2D] + Array(text.utf8)
        case .inserted(let text): [0x2B] + Array(text.utf8)
        }
    }

    @Test(arguments: [("汉", 2), ("，", 2), ("　", 2), ("a", 1), ("e\u{301}", 1), ("\u{200B}", 0), ("ｶ", 1), ("“", 1), ("😀", 2), ("Open 书店", 9)])
    func displayWidthFollowsEastAsianWidth(_ text: String, _ columns: Int) {
        #expect(DisplayWidth.of(text) == columns)
    }
}
