import Foundation
import Testing
@testable import Galley

/// The terminal forms of `galley diff`, on the hand-made sample (its output checked to the
/// character) and on the fixture pages.
struct DiffTerminalTests {
    static let unified = """
        galley diff sample.txt: 5 edits, 4 of 4 blocks changed

        @@ block 1 · bytes 0–28 @@
        春雨过后[-,-]{+，+}田里的麦苗
          normalize · zh-Hans/punctuation/comma-beside-han  [-,-]{+，+}
          ⋈ join block 1 «春雨过后，田里的麦苗» + block 3 «长得格外精神。»  stitching · zh-Hans/stitching/open-end, score 0.87

        @@ block 2 · bytes 30–57 @@
          ◆ tag block 2 «城东新开了一家书店» → headline  tagging · zh-Hans/tagging/headline

        @@ block 3 · bytes 59–80 @@
          ↷ move block 3 «长得格外精神。» → sample#1  stitching · zh-Hans/stitching/column-interleave, score 0.74

        @@ block 4 · bytes 82–116 @@
        书店[- -]里有 Open Books 专架。
          spacing · zh-Hans/spacing/between-han  店[- -]里

        Summary: 5 edits
          by stage
            normalize  1  1 replace
            spacing    1  1 replace
            stitching  2  1 join, 1 move
            tagging    1  1 tag
          by rule
            normalize  zh-Hans/punctuation/comma-beside-han  1
            spacing    zh-Hans/spacing/between-han           1
            stitching  zh-Hans/stitching/open-end            1
            stitching  zh-Hans/stitching/column-interleave   1
            tagging    zh-Hans/tagging/headline              1
          flags
            sample#1  truncated-start
            sample#2  continued-to:2

        """

    @Test func unifiedShowsEachChangeWithItsRuleAndJoinsAndMovesWhole() throws {
        let diff = try PageDiff(document: DiffSample.document())
        #expect(TerminalDiff.unified(diff, palette: .plain) == Self.unified)
    }

    @Test func sideBySideLaysHanOutInTwoColumns() throws {
        let diff = try PageDiff(document: DiffSample.document())
        let output = TerminalDiff.sideBySide(diff, palette: .plain, width: 60)
        #expect(output.contains("""
            @@ block 1 · bytes 0–28 @@
            春雨过后[-,-]田里的麦苗      │ 春雨过后{+，+}田里的麦苗

            """))
        // The left column holds the markers too, so block 4 needs a second row there.
        #expect(output.contains("""
            @@ block 4 · bytes 82–116 @@
            书店[- -]里有 Open Books 专  │ 书店里有 Open Books 专架。
            架。                         │
              spacing · zh-Hans/spacing/between-han  店[- -]里

            """))
        let rows = output.split(separator: "\n").filter { $0.contains(" │") }
        #expect(!rows.isEmpty)
        for row in rows {
            let left = row[..<(row.range(of: " │")?.lowerBound ?? row.endIndex)]
            #expect(DisplayWidth.of(left) == 28, "\(row)")
        }
        // Joins and moves stay one line each, never a deletion plus an insertion.
        #expect(output.components(separatedBy: "⋈ join").count == 2)
        #expect(output.components(separatedBy: "↷ move").count == 2)
    }

    @Test(arguments: [40, 57, 80, 121])
    func sideBySideRowsNeverExceedTheWidth(width: Int) throws {
        for page in try DiffModelTests.pages() {
            let output = TerminalDiff.sideBySide(page, palette: .plain, width: width)
            for row in output.split(separator: "\n") where row.contains(" │") {
                #expect(DisplayWidth.of(row) <= width, "\(page.source): \(row)")
            }
        }
    }

    struct ColorCase: CustomStringConvertible, Sendable {
        let mode: ColorMode
        let isTerminal: Bool
        let environment: [String: String]
        let colored: Bool
        var description: String { "\(mode) terminal=\(isTerminal) \(environment)" }
    }

    static let colorCases: [ColorCase] = [
        ColorCase(mode: .auto, isTerminal: true, environment: [:], colored: true),
        ColorCase(mode: .auto, isTerminal: false, environment: [:], colored: false),
        ColorCase(mode: .auto, isTerminal: true, environment: ["NO_COLOR": "1"], colored: false),
        ColorCase(mode: .auto, isTerminal: true, environment: ["NO_COLOR": ""], colored: true),
        ColorCase(mode: .always, isTerminal: false, environment: ["NO_COLOR": "1"], colored: true),
        ColorCase(mode: .never, isTerminal: true, environment: [:], colored: false),
    ]

    @Test(arguments: colorCases)
    func colourOnlyWhenAskedForATerminal(_ input: ColorCase) throws {
        let palette = DiffPalette(mode: input.mode, isTerminal: input.isTerminal, environment: input.environment)
        #expect(palette.colored == input.colored)
        let diff = try PageDiff(document: DiffSample.document())
        for output in [TerminalDiff.unified(diff, palette: palette), TerminalDiff.sideBySide(diff, palette: palette, width: 80)] {
            #expect(output.contains("\u{1B}[") == input.colored)
            #expect(output.contains("[-,-]") == !input.colored)
        }
    }

    @Test func colouredFormMarksDeletionsRedInsertionsGreenLabelsDim() throws {
        let output = TerminalDiff.unified(try PageDiff(document: DiffSample.document()), palette: .ansi)
        #expect(output.contains("春雨过后\u{1B}[31m,\u{1B}[0m\u{1B}[32m，\u{1B}[0m田里的麦苗"))
        // A deleted space gets a red background: a red space would not show.
        #expect(output.contains("书店\u{1B}[41m \u{1B}[0m里有"))
        #expect(output.contains("\u{1B}[2mnormalize · zh-Hans/punctuation/comma-beside-han\u{1B}[0m"))
    }

    /// Without its colours, the coloured unified form is the plain one without its markers.
    @Test func colourAddsNothingButColour() throws {
        for diff in try DiffModelTests.pages() {
            let colored = Self.strippingEscapes(TerminalDiff.unified(diff, palette: .ansi))
            var plain = TerminalDiff.unified(diff, palette: .plain)
            for marker in ["[-", "-]", "{+", "+}"] { plain = plain.replacingOccurrences(of: marker, with: "") }
            #expect(colored == plain, "\(diff.source)")
        }
    }

    /// Invisible changes get visible marks; control characters in the page cannot drive the terminal.
    @Test func invisibleChangesAreShownAndControlsDefused() throws {
        let raw = "电子\u{200B}阅览区,开放\r\n时间\u{1B}[2J到了"
        let diff = try PageDiff(document: Shared.pipeline.document(for: try Page(source: "zw", text: raw), through: nil))
        for output in [TerminalDiff.unified(diff, palette: .plain), TerminalDiff.sideBySide(diff, palette: .plain, width: 80)] {
            #expect(output.contains("电子[-⟨U+200B⟩-]阅览区"))
            #expect(output.contains("⟨U+001B⟩[2J到了"))
            #expect(!output.contains("\u{1B}"))
        }
        // The spacing stage joins the wrapped line: the removed line end shows as a mark too.
        #expect(TerminalDiff.unified(diff, palette: .plain).contains("开放[-␍↵-]时间"))
    }

    static func strippingEscapes(_ text: String) -> String {
        var out = ""
        var scalars = text.unicodeScalars.makeIterator()
        while let scalar = scalars.next() {
            guard scalar == "\u{1B}" else { out.unicodeScalars.append(scalar); continue }
            while let next = scalars.next(), next != "m" {}
        }
        return out
    }
}
