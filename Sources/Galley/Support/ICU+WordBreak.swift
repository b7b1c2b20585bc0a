import CICU

extension ICU {
    /// The word boundaries that ICU's word break iterator for `zh` finds in the UTF-8 `text`,
    /// its edges included (0, …, `text.count`); nil when ICU fails or the text is too long to
    /// tell. Cost: one segmentation of `text`, so callers pass only the words around one gap.
    static func wordBoundaries(_ text: UnsafeBufferPointer<UInt8>) -> [Int]? {
        guard let base = text.baseAddress, !text.isEmpty else { return nil }
        let capacity = 64
        return withUnsafeTemporaryAllocation(of: Int32.self, capacity: capacity) { storage -> [Int]? in
            guard let pointer = storage.baseAddress else { return nil }
            let count = Int(galley_word_boundaries_utf8(base, Int32(text.count), pointer, Int32(capacity)))
            guard count >= 0, count <= capacity else { return nil }
            var boundaries = [0]
            boundaries.reserveCapacity(count + 2)
            for index in 0..<count { boundaries.append(Int(storage[index])) }
            boundaries.append(text.count)
            return boundaries
        }
    }
}
