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
        var text: [UInt8] = []
        var position = span.lowerBound
        for override in try overrides(edits, to: raw, within: span) {
            text += raw[position..<override.span.lowerBound]
            text += override.text
            position = override.span.upperBound
        }
        text += raw[position..<span.upperBound]
        return String(decoding: text, as: UTF8.self)
    }

    /// A raw span whose text the log replaced, with its final text and the edits (indices into
    /// the log) that made it: an edit over text an earlier edit produced absorbs that edit.
    public struct Override: Sendable, Equatable {
        public var span: ByteSpan
        public var text: [UInt8]
        public var edits: [Int]
    }

    /// The net effect of the `replace` edits inside `span`: sorted, disjoint overrides.
    public static func overrides(_ edits: [Edit], to raw: [UInt8], within span: ByteSpan) throws -> [Override] {
        var overrides: [Override] = []
        for (index, edit) in edits.enumerated() where edit.kind == .replace && span.lowerBound <= edit.span.lowerBound
            && edit.span.upperBound <= span.upperBound {
            let first = overrides.firstIndex { $0.span.upperBound > edit.span.lowerBound
                || ($0.span.isEmpty && $0.span.lowerBound >= edit.span.lowerBound) } ?? overrides.count
            var last = first
            var current: [UInt8] = []
            var absorbed: [Int] = []
            var position = edit.span.lowerBound
            while last < overrides.count, overrides[last].span.lowerBound < edit.span.upperBound
                || (overrides[last].span.isEmpty && overrides[last].span.lowerBound <= edit.span.upperBound
                    && !edit.span.isEmpty) {
                let override = overrides[last]
                current += raw[position..<max(position, override.span.lowerBound)]
                current += override.text
                absorbed += override.edits
                position = max(position, override.span.upperBound)
                last += 1
            }
            current += raw[min(position, edit.span.upperBound)..<edit.span.upperBound]
            let found = String(decoding: current, as: UTF8.self)
            guard found == edit.before else { throw Mismatch(edit: edit, found: found) }
            overrides.replaceSubrange(first..<last, with: [Override(span: edit.span, text: Array(edit.after.utf8),
                                                                    edits: absorbed + [index])])
        }
        return overrides
    }
}
