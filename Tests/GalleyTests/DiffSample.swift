@testable import Galley

/// A small page whose edit log the tests write by hand, so that the diff's output can be
/// checked to the character: two interleaved articles (block 1 continues in block 3, block 2
/// is the headline of the other article), a comma, a stray space, and the join, move and tag
/// a stitching and a tagging stage would log.
enum DiffSample {
    static let raw = "春雨过后,田里的麦苗\n\n城东新开了一家书店\n\n长得格外精神。\n\n书店 里有 Open Books 专架。"

    static func document() throws -> Document {
        var document = Document(page: try Page(source: "sample.txt", text: raw))
        replace(",", with: "，", inBlock: 0, stage: "normalize", rule: "zh-Hans/punctuation/comma-beside-han", in: &document)
        replace("店 里", with: "店里", inBlock: 3, stage: "spacing", rule: "zh-Hans/spacing/between-han", in: &document)
        let spans = document.blocks.map(\.rawSpan)
        document.edits.append(Edit(stage: "stitching", rule: "zh-Hans/stitching/open-end", kind: .join, span: spans[0],
                                   spans: [spans[0], spans[2]], score: 0.874))
        document.edits.append(Edit(stage: "stitching", rule: "zh-Hans/stitching/column-interleave", kind: .move, span: spans[2],
                                   after: "sample#1", score: 0.74))
        document.edits.append(Edit(stage: "tagging", rule: "zh-Hans/tagging/headline", kind: .tag, span: spans[1], after: "headline"))
        var first = Article(id: "sample#1")
        first.paragraphs = [Paragraph(role: .body, text: document.blocks[0].string + document.blocks[2].string,
                                      source: [spans[0], spans[2]])]
        first.flags = ["truncated-start"]
        var second = Article(id: "sample#2")
        second.headlines = [document.blocks[1].string]
        second.paragraphs = [Paragraph(role: .body, text: document.blocks[3].string, source: [spans[3]])]
        second.flags = ["continued-to:2"]
        document.articles = [first, second]
        return document
    }

    /// Replaces the first occurrence of `old` in a block's current text, as a stage would.
    static func replace(_ old: String, with new: String, inBlock index: Int, stage: String, rule: String,
                        in document: inout Document) {
        let bytes = document.blocks[index].text.bytes
        let needle = Array(old.utf8)
        guard let start = (0...(bytes.count - needle.count)).first(where: { Array(bytes[$0..<($0 + needle.count)]) == needle }) else {
            fatalError("'\(old)' is not in block \(index)")
        }
        let change = EditableText.Change(range: start..<(start + needle.count), replacement: Array(new.utf8), rule: rule)
        document.blocks[index].text.replace([change], stage: stage, log: &document.edits)
    }
}
