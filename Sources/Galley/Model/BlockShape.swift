/// Cheap features of a block, computed once per stage boundary from its current text, that
/// every stage may read (contract: pipeline order). Final roles are the tagging stage's call.
public struct BlockShape: Sendable, Equatable {
    /// Characters, spaces excluded.
    public var characters = 0
    public var lines = 1
    /// Holds Chinese sentence punctuation (a paragraph of running text, not a headline).
    public var isProse = false
    /// One line, short, without sentence punctuation: headline, label, subhead or byline material.
    public var isShortLine = false
    /// Wrapped whole in a bracket pair: `【并州论坛】`, `（李杰华）`.
    public var isBracketed = false
    /// Wholly inside Markdown emphasis.
    public var isBold = false
    public var headingLevel = 0
    /// Ends without a sentence-final mark: continues somewhere.
    public var endsOpen = false
    /// Ends with a colon that introduces what follows (a list, a quotation).
    public var endsWithColon = false
    /// Starts with a mark that cannot begin a sentence (closing bracket, comma, full stop).
    public var startsOpen = false

    public init() {}
}

/// Reads block shapes with the character classes of a rule pack (`pack.yaml`, `sets:` and
/// `shape:`), so that another language's punctuation arrives as data.
public struct ShapeReader: Sendable {
    let sentenceFinal: CodePointSet
    let proseMarks: CodePointSet
    let closing: CodePointSet
    let colon: CodePointSet
    let cannotStart: CodePointSet
    let brackets: [(open: UInt32, close: UInt32)]
    let shortLineMax: Int

    public init(pack: RulePack) throws {
        sentenceFinal = try pack.set("sentence-final")
        proseMarks = try pack.set("prose-marks")
        closing = try pack.set("closing-marks")
        colon = try pack.set("colons")
        cannotStart = try pack.set("cannot-start")
        let shape = try pack.manifest.required("shape")
        shortLineMax = try shape.int("short-line-max", default: 30)
        brackets = try shape.strings("bracket-pairs").map { pair in
            let scalars = Array(pair.unicodeScalars)
            guard scalars.count == 2 else {
                throw shape.error("each bracket pair is two characters, an opening and a closing one: '\(pair)'")
            }
            return (scalars[0].value, scalars[1].value)
        }
    }

    public func shape(of block: Block) -> BlockShape {
        var shape = BlockShape()
        shape.headingLevel = block.markup.headingLevel
        let text = block.text
        shape.isBold = !block.markup.emphasis.isEmpty && Self.covers(block.markup.emphasis, text: text)
        text.bytes.withUnsafeBufferPointer { bytes in
            var i = 0
            while i < bytes.count {
                let lead = bytes[i]
                // Han text (lead bytes E4–E9) is one character each and never punctuation or
                // space: counted without decoding.
                if (0xE4...0xE9).contains(lead) {
                    // Wrapping additions: neither can overflow, and checking costs as much as adding.
                    shape.characters &+= 1
                    i &+= 3
                    continue
                }
                if lead == 0x0A { shape.lines += 1 }
                let (scalar, length) = UTF8Scalar.decode(bytes, at: i)
                i += length
                if Self.isSpace(scalar) { continue }
                shape.characters += 1
                if !shape.isProse && proseMarks.contains(scalar) { shape.isProse = true }
            }
            guard case let (first, last, beforeLast)? = Self.edgeCharacters(bytes) else { return }
            shape.isShortLine = shape.lines == 1 && shape.characters <= shortLineMax && !shape.isProse
            shape.isBracketed = brackets.contains { $0.open == first && $0.close == last }
            shape.endsWithColon = colon.contains(last)
            let finished = sentenceFinal.contains(last) || (closing.contains(last) && sentenceFinal.contains(beforeLast))
                || (brackets.contains { $0.close == last } && bracketFollowsSentenceEnd(bytes))
            shape.endsOpen = !finished && !shape.endsWithColon
            shape.startsOpen = cannotStart.contains(first)
        }
        return shape
    }

    /// Whether the last opening bracket stands right after a sentence-final mark: `…使命担当。（刘志刚）`
    /// ends a sentence and then a bracketed credit or note.
    private func bracketFollowsSentenceEnd(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = bytes.count
        while i > 0 {
            i = UTF8Scalar.start(before: i, in: bytes)
            let scalar = UTF8Scalar.decode(bytes, at: i).scalar
            guard brackets.contains(where: { $0.open == scalar }) else { continue }
            var before = i
            while before > 0 {
                before = UTF8Scalar.start(before: before, in: bytes)
                let previous = UTF8Scalar.decode(bytes, at: before).scalar
                if !Self.isSpace(previous) { return sentenceFinal.contains(previous) }
            }
            return false
        }
        return false
    }

    private static func isSpace(_ scalar: UInt32) -> Bool {
        scalar == 0x20 || scalar == 0x0A || scalar == 0x0D || scalar == 0x3000 || scalar == 0x09
    }

    /// The first, the last and the one before the last character, spaces skipped (0 when the
    /// block has a single character); nil for a block of spaces.
    private static func edgeCharacters(_ bytes: UnsafeBufferPointer<UInt8>) -> (UInt32, UInt32, UInt32)? {
        guard let (first, start) = UTF8Scalar.first(in: bytes, from: 0, skipping: isSpace) else { return nil }
        var trailing: (last: UInt32, beforeLast: UInt32, found: Int) = (0, 0, 0)
        var end = bytes.count
        while end > start && trailing.found < 2 {
            end = UTF8Scalar.start(before: end, in: bytes)
            let scalar = UTF8Scalar.decode(bytes, at: end).scalar
            if isSpace(scalar) { continue }
            if trailing.found == 0 { trailing.last = scalar } else { trailing.beforeLast = scalar }
            trailing.found += 1
        }
        return (first, trailing.last, trailing.beforeLast)
    }

    /// True when the emphasized spans cover every non-space byte of the block's text.
    private static func covers(_ spans: [ByteSpan], text: EditableText) -> Bool {
        let bytes = text.bytes
        var i = 0
        while i < bytes.count {
            let length = UTF8Scalar.length(lead: bytes[i])
            if bytes[i] != 0x20 && bytes[i] != 0x0A && !(length == 3 && bytes[i] == 0xE3 && bytes[i + 1] == 0x80 && bytes[i + 2] == 0x80) {
                // The span includes the deleted markers beside the character: overlap, not containment.
                let raw = text.rawSpan(of: i..<(i + length))
                if !spans.contains(where: { $0.overlaps(raw) }) { return false }
            }
            i += length
        }
        return true
    }
}

extension Document {
    /// Recomputes every block's shape from its current text.
    public mutating func refreshShapes(with reader: ShapeReader) {
        for index in blocks.indices { blocks[index].shape = reader.shape(of: blocks[index]) }
    }
}
