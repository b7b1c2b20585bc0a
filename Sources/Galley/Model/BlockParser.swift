/// Splits a raw page into blocks and strips Markdown markers into `Markup`.
enum BlockParser {
    static let stage = "parse"

    static func blocks(of raw: [UInt8], edits: inout [Edit]) -> [Block] {
        var blocks: [Block] = []
        raw.withUnsafeBufferPointer { bytes in
            var lineStart = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
            var blockStart: Int?
            var blockEnd = 0
            func close() {
                guard let start = blockStart else { return }
                let span = trimmed(start..<blockEnd, in: bytes)
                blocks.append(block(index: blocks.count, span: span, raw: raw, edits: &edits))
                blockStart = nil
            }
            while lineStart < bytes.count {
                var lineEnd = lineStart
                while lineEnd < bytes.count && bytes[lineEnd] != 0x0A { lineEnd += 1 }
                if isBlank(lineStart..<lineEnd, in: bytes) {
                    close()
                } else {
                    if blockStart == nil { blockStart = lineStart }
                    blockEnd = lineEnd
                }
                lineStart = lineEnd + 1
            }
            close()
        }
        return blocks
    }

    /// ASCII white space and U+3000 at a block's edges are layout, not content.
    private static func trimmed(_ span: ByteSpan, in bytes: UnsafeBufferPointer<UInt8>) -> ByteSpan {
        var lower = span.lowerBound
        var upper = span.upperBound
        while lower < upper {
            if Page.isBlankByte(bytes[lower]) { lower += 1 } else if isIdeographicSpace(at: lower, in: bytes, limit: upper) { lower += 3 } else { break }
        }
        while upper > lower {
            if Page.isBlankByte(bytes[upper - 1]) { upper -= 1 } else if upper - lower >= 3 && isIdeographicSpace(at: upper - 3, in: bytes, limit: upper) { upper -= 3 } else { break }
        }
        return lower..<upper
    }

    private static func isIdeographicSpace(at index: Int, in bytes: UnsafeBufferPointer<UInt8>, limit: Int) -> Bool {
        index + 3 <= limit && bytes[index] == 0xE3 && bytes[index + 1] == 0x80 && bytes[index + 2] == 0x80
    }

    private static func isBlank(_ line: Range<Int>, in bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        trimmed(line, in: bytes).isEmpty
    }

    private static func block(index: Int, span: ByteSpan, raw: [UInt8], edits: inout [Edit]) -> Block {
        var text = EditableText(raw: span, bytes: Array(raw[span]))
        var markup = Markup()
        var changes: [EditableText.Change] = []
        let bytes = text.bytes
        // A heading marker: `#`…`######` and a space at the start of the block.
        var hashes = 0
        while hashes < bytes.count && hashes < 6 && bytes[hashes] == UInt8(ascii: "#") { hashes += 1 }
        var bodyStart = 0
        if hashes > 0, hashes < bytes.count, bytes[hashes] == 0x20 {
            markup.headingLevel = hashes
            bodyStart = hashes + 1
            while bodyStart < bytes.count && bytes[bodyStart] == 0x20 { bodyStart += 1 }
            changes.append(.init(range: 0..<bodyStart, replacement: [], rule: "markdown/heading"))
        }
        for (open, close) in bytes.withUnsafeBufferPointer({ emphasisPairs(in: $0, from: bodyStart) }) {
            changes.append(.init(range: open, replacement: [], rule: "markdown/emphasis"))
            changes.append(.init(range: close, replacement: [], rule: "markdown/emphasis"))
            markup.emphasis.append((span.lowerBound + open.upperBound)..<(span.lowerBound + close.lowerBound))
        }
        changes.sort { $0.range.lowerBound < $1.range.lowerBound }
        text.replace(changes, stage: stage, log: &edits)
        return Block(index: index, rawSpan: span, text: text, markup: markup, shape: BlockShape())
    }

    /// Matched `**`/`__` pairs (and single `*` pairs) on one line, the marks touching the text
    /// they enclose, as CommonMark has it.
    private static func emphasisPairs(in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> [(Range<Int>, Range<Int>)] {
        var pairs: [(Range<Int>, Range<Int>)] = []
        var i = start
        while i < bytes.count {
            let mark = bytes[i]
            guard mark == UInt8(ascii: "*") || mark == UInt8(ascii: "_") else { i += 1; continue }
            let width = i + 1 < bytes.count && bytes[i + 1] == mark ? 2 : 1
            if mark == UInt8(ascii: "_") && width == 1 { i += 1; continue }
            let contentStart = i + width
            guard contentStart < bytes.count, !isSpaceOrNewline(bytes[contentStart]) else { i += width; continue }
            var j = contentStart
            var found: Int?
            while j + width <= bytes.count && bytes[j] != 0x0A {
                if bytes[j] == mark && (width == 1 || bytes[j + 1] == mark) && !isSpaceOrNewline(bytes[j - 1])
                    && (j + width >= bytes.count || bytes[j + width] != mark) {
                    found = j
                    break
                }
                j += 1
            }
            if let close = found, close > contentStart {
                pairs.append((i..<contentStart, close..<(close + width)))
                i = close + width
            } else {
                i += width
            }
        }
        return pairs
    }

    private static func isSpaceOrNewline(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 }
}
