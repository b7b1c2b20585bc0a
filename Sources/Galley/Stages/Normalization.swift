/// Stage 1: Unicode normalization through the system's ICU, driven by the rule files whose
/// `stage` is `normalize` (`Rules/zh-Hans/unicode.yaml`, `punctuation.yaml`).
///
/// Changes: NFC; characters of a rule's set folded, mapped, replaced or deleted; ASCII marks
/// beside Chinese text turned into their full-width forms, bracket and quote pairs converted
/// together, runs such as `...` turned into `……`.
/// Never touches: Chinese punctuation (nothing folds it to ASCII), U+3000 (the spacing stage
/// decides about it), ASCII marks whose neighbours are not Chinese (`1,200`, `10:30`, URLs,
/// Latin runs), line breaks.
public struct Normalization: Stage {
    public static let id = "normalize"

    let rules: NormalizationRules

    public init(pack: RulePack) throws {
        rules = try NormalizationRules(pack: pack)
    }

    public func run(_ document: inout Document) {
        // All changes first, in one array for the page (`ends[i]`: where block i's end), so that
        // the edit log grows once to hold their edits (at most one each) instead of doubling
        // several times on the way, with as much room again for the stages after this one
        // (copying the log to grow it costs more than the room).
        var changes: [EditableText.Change] = []
        var ends: [Int] = []
        ends.reserveCapacity(document.blocks.count)
        for index in document.blocks.indices {
            document.blocks[index].text.bytes.withUnsafeBufferPointer { rules.appendChanges(in: $0, to: &changes) }
            ends.append(changes.count)
        }
        document.edits.reserveCapacity(2 * (document.edits.count + changes.count))
        var start = 0
        for (index, end) in ends.enumerated() where end > start {
            document.blocks[index].text.replace(changes[start..<end], stage: Self.id, log: &document.edits)
            start = end
        }
    }
}
