import CICU

extension ICU {
    /// Whether ICU's word break iterator for `zh` puts a boundary at byte `offset` of the UTF-8
    /// `text`; when it does not, also the word that spans `offset` (its byte range).
    /// Cost: one segmentation of `text`, so callers pass only the words around one gap.
    static func wordSpanning(_ text: UnsafeBufferPointer<UInt8>, at offset: Int) -> Range<Int>? {
        guard offset > 0, offset < text.count, let base = text.baseAddress else { return nil }
        let capacity = 64
        return withUnsafeTemporaryAllocation(of: Int32.self, capacity: capacity) { boundaries -> Range<Int>? in
            guard let storage = boundaries.baseAddress else { return nil }
            let count = Int(galley_word_boundaries_utf8(base, Int32(text.count), storage, Int32(capacity)))
            guard count >= 0 else { return nil }
            var lower = 0
            for index in 0..<min(count, capacity) {
                let boundary = Int(boundaries[index])
                if boundary == offset { return nil }
                if boundary > offset { return lower..<boundary }
                lower = boundary
            }
            // Past the written boundaries: the rest is one word only when all of them were written.
            return count <= capacity ? lower..<text.count : nil
        }
    }
}
