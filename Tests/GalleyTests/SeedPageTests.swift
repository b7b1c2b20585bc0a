import Foundation
import Testing
@testable import Galley

/// The seed page: a Chinese city daily as OCR returned it.
struct SeedPageTests {
    static func seed() throws -> Page {
        try Page(source: Repository.seedPage, text: Repository.text(Repository.seedPage))
    }

    @Test func noHalfWidthPunctuationBesideHan() throws {
        let result = Shared.pipeline.run(try Self.seed())
        let han = try #require(CodePointSet(pattern: "[:Han:]"))
        let text = Renderer.render(result, as: .text)
        let scalars = Array(text.unicodeScalars)
        for (index, scalar) in scalars.enumerated() where ",;:()!?".unicodeScalars.contains(scalar) {
            let before = index > 0 ? scalars[index - 1].value : 0
            let after = index + 1 < scalars.count ? scalars[index + 1].value : 0
            #expect(!han.contains(before) && !han.contains(after), "'\(scalar)' beside Han at scalar \(index)")
        }
    }

    @Test func everyNumberKept() throws {
        let page = try Self.seed()
        let raw = String(decoding: page.raw, as: UTF8.self)
        let text = Renderer.render(Shared.pipeline.run(page), as: .text)
        // Stitching reorders blocks: compare the numbers as a multiset.
        #expect(Self.numbers(in: raw).sorted() == Self.numbers(in: text).sorted())
    }

    @Test func repairingTheTextAgainChangesNothing() throws {
        let once = Renderer.render(Shared.pipeline.run(try Self.seed()), as: .text)
        let twice = Renderer.render(Shared.pipeline.run(try Page(source: "again", text: once)), as: .text)
        #expect(once == twice)
    }

    @Test func replayingTheEditLogReproducesEveryBlock() throws {
        let page = try Self.seed()
        let document = Shared.pipeline.document(for: page, through: nil)
        #expect(!document.edits.isEmpty)
        for block in document.blocks {
            let replayed = try block.sources.map { try EditReplay.apply(document.edits, to: page.raw, within: $0) }.joined()
            #expect(replayed == block.string, "block \(block.index)")
        }
    }

    /// Digit runs with their decimal points and separators, in order.
    static func numbers(in text: String) -> [String] {
        var numbers: [String] = []
        var current = ""
        for character in text {
            if character.isASCII && (character.isNumber || (!current.isEmpty && character == ".")) {
                current.append(character)
            } else if !current.isEmpty {
                numbers.append(current)
                current = ""
            }
        }
        if !current.isEmpty { numbers.append(current) }
        return numbers
    }
}
