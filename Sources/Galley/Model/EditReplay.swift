/// Replays `replace` edits on raw text: the check that the edit log tells the whole story.
public enum EditReplay {
    public struct Mismatch: Error, CustomStringConvertible {
        public let edit: Edit
        public let found: String
        public var description: String {
            "edit \(edit.rule) at \(edit.span) expected \"\(edit.before)\" but the text there is \"\(found)\""
        }
    }

    /// Applies the `replace` edits in log order to `raw` restricted to `span`, and returns the text.
    /// Each edit's `before` must equal the text its raw span holds at that point.
    public static func apply(_ edits: [Edit], to raw: [UInt8], within span: ByteSpan) throws -> String {
        // Sorted, disjoint raw spans that have been replaced, with their current text.
        var overrides: [(span: ByteSpan, text: [UInt8])] = []
        for edit in edits where edit.kind == .replace && span.lowerBound <= edit.span.lowerBound
            && edit.span.upperBound <= span.upperBound {
            let first = overrides.firstIndex { $0.span.upperBound > edit.span.lowerBound
                || ($0.span.isEmpty && $0.span.lowerBound >= edit.span.lowerBound) } ?? overrides.count
            var last = first
            var current: [UInt8] = []
            var position = edit.span.lowerBound
            while last < overrides.count, overrides[last].span.lowerBound < edit.span.upperBound
                || (overrides[last].span.isEmpty && overrides[last].span.lowerBound <= edit.span.upperBound
                    && !edit.span.isEmpty) {
                let override = overrides[last]
                current += raw[position..<max(position, override.span.lowerBound)]
                current += override.text
                position = max(position, override.span.upperBound)
                last += 1
            }
            current += raw[min(position, edit.span.upperBound)..<edit.span.upperBound]
            let found = String(decoding: current, as: UTF8.self)
            guard found == edit.before else { throw Mismatch(edit: edit, found: found) }
            overrides.replaceSubrange(first..<last, with: [(edit.span, Array(edit.after.utf8))])
        }
        var text: [UInt8] = []
        var position = span.lowerBound
        for override in overrides {
            text += raw[position..<override.span.lowerBound]
            text += override.text
            position = override.span.upperBound
        }
        text += raw[position..<span.upperBound]
        return String(decoding: text, as: UTF8.self)
    }
}
