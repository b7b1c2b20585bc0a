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
        // All changes first, so that the edit log grows once to hold their edits (at most one
        // each) instead of doubling several times on the way, with as much room again for the
        // stages after this one (copying the log to grow it costs more than the room).
        let changes = document.blocks.indices.map { index in
            document.blocks[index].text.bytes.withUnsafeBufferPointer { rules.changes(in: $0) }
        }
        document.edits.reserveCapacity(2 * (document.edits.count + changes.reduce(0) { $0 + $1.count }))
        for index in document.blocks.indices where !changes[index].isEmpty {
            document.blocks[index].text.replace(changes[index], stage: Self.id, log: &document.edits)
        }
    }
}
