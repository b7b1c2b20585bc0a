import CICU

/// Swift face of the C target that reaches the system's ICU (never Foundation's private copy, so
/// results do not depend on which ICU answered).
enum ICU {
    enum Form: Int32 {
        case nfc = 0
        case nfkc = 1
    }

    static func isNFCInert(_ scalar: UInt32) -> Bool { galley_nfc_is_inert(scalar) != 0 }

    static func nfcHasBoundaryBefore(_ scalar: UInt32) -> Bool { galley_nfc_has_boundary_before(scalar) != 0 }

    /// Normalizes a short UTF-8 segment; nil when ICU rejects it.
    static func normalize(_ form: Form, _ bytes: some Collection<UInt8>) -> [UInt8]? {
        let input = Array(bytes)
        var capacity = input.count * 4 + 16
        while true {
            var output = [UInt8](repeating: 0, count: capacity)
            let length = input.withUnsafeBufferPointer { source in
                output.withUnsafeMutableBufferPointer { target in
                    galley_normalize_utf8(form.rawValue, source.baseAddress, Int32(source.count),
                                          target.baseAddress, Int32(target.count))
                }
            }
            if length < 0 { return nil }
            if Int(length) <= capacity {
                output.removeLast(capacity - Int(length))
                return output
            }
            capacity = Int(length)
        }
    }

    /// The inclusive code point ranges of an ICU UnicodeSet pattern, or nil when it does not parse.
    static func setRanges(pattern: String) -> [ClosedRange<UInt32>]? {
        let utf8 = Array(pattern.utf8)
        var capacity = 64
        while true {
            var pairs = [UInt32](repeating: 0, count: capacity * 2)
            var errorOffset: Int32 = -1
            let count = utf8.withUnsafeBufferPointer { source in
                pairs.withUnsafeMutableBufferPointer { target in
                    galley_set_ranges(source.baseAddress, Int32(source.count), target.baseAddress,
                                      Int32(capacity), &errorOffset)
                }
            }
            if count < 0 { return nil }
            if Int(count) <= capacity {
                return (0..<Int(count)).map { pairs[2 * $0]...pairs[2 * $0 + 1] }
            }
            capacity = Int(count)
        }
    }
}
