/// The bytes a scan must stop at, for `UTF8Scalar.nextFlagged`: a table, and, when the stops
/// are few (white space and at most two other bytes, as for the gap scan), a test that clears
/// eight bytes at a time.
struct ScanStops: Sendable {
    /// Per byte: 0 where the scan stops, 1 elsewhere.
    let skip: [UInt8]
    /// Whether the word test below stands for the table (else it is not used).
    let hasWordTest: Bool
    // The word test: a byte below `below`, or equal to `first` or `second`, may be a stop (the
    // table decides). Each is repeated in every byte of a word.
    private let below: UInt64
    private let first: UInt64
    private let second: UInt64
    private let hasSecond: Bool

    private static let ones: UInt64 = 0x0101_0101_0101_0101
    private static let highBits: UInt64 = 0x8080_8080_8080_8080

    init(stoppingAt stops: (UInt8) -> Bool) {
        let stopBytes = (0...255).map(UInt8.init).filter(stops)
        skip = (0...255).map { stopBytes.contains(UInt8($0)) ? 0 : 1 }
        let high = stopBytes.filter { $0 > 0x20 }
        let bound = stopBytes.filter { $0 <= 0x20 }.max().map { UInt64($0) + 1 } ?? 0
        hasWordTest = high.count <= 2
        below = Self.ones &* bound
        first = Self.ones &* UInt64(high.first ?? 0)
        second = Self.ones &* UInt64(high.last ?? 0)
        hasSecond = high.count == 2
    }

    /// Whether no byte of `word` (eight bytes of text) is a stop, by the word test. A borrow in
    /// the subtractions only ever marks bytes above one that truly matches, so the answer for
    /// the word as a whole is exact.
    @inline(__always)
    func clears(_ word: UInt64) -> Bool {
        let isBelow = (word &- below) & ~word
        let x = word ^ first
        var found = isBelow | ((x &- Self.ones) & ~x)
        if hasSecond {
            let y = word ^ second
            found |= (y &- Self.ones) & ~y
        }
        return found & Self.highBits == 0
    }
}

/// Byte-level UTF-8 helpers for text that was validated when the page was read.
enum UTF8Scalar {
    /// The position of the first byte at or after `start` that `stops` stops at, or the end.
    /// With a word test, eight bytes at a time go by while it clears them; otherwise every byte
    /// is looked up, eight at a time with one branch on their entries combined: lookups that do
    /// not wait on each other, where a jump by each character's length would make each wait on
    /// the one before. A table that flags lead bytes only stops at the start of a character.
    @inline(__always)
    static func nextFlagged(in bytes: UnsafeBufferPointer<UInt8>, from start: Int, stops: ScanStops,
                            skip: UnsafeBufferPointer<UInt8>) -> Int {
        // Wrapping arithmetic: positions stay within the buffer's count, so nothing can overflow,
        // and a check per step would cost as much as the step.
        var i = start
        let count = bytes.count
        if stops.hasWordTest, let base = bytes.baseAddress {
            while true {
                while i &+ 8 <= count, stops.clears(UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)) { i &+= 8 }
                let end = min(i &+ 8, count)
                while i < end {
                    if skip[Int(bytes[i])] == 0 { return i }
                    i &+= 1
                }
                if i == count { return count }
            }
        }
        while i &+ 8 <= count, skip[Int(bytes[i])] & skip[Int(bytes[i &+ 1])] & skip[Int(bytes[i &+ 2])]
                & skip[Int(bytes[i &+ 3])] & skip[Int(bytes[i &+ 4])] & skip[Int(bytes[i &+ 5])]
                & skip[Int(bytes[i &+ 6])] & skip[Int(bytes[i &+ 7])] != 0 { i &+= 8 }
        while i < count, skip[Int(bytes[i])] != 0 { i &+= 1 }
        return i
    }

    /// Length in bytes of the sequence that starts with `lead`.
    @inline(__always)
    static func length(lead: UInt8) -> Int {
        if lead < 0x80 { return 1 }
        if lead < 0xE0 { return 2 }
        if lead < 0xF0 { return 3 }
        return 4
    }

    /// Decodes the scalar at `index` of valid UTF-8; returns it and its length. The offsets of
    /// the continuation bytes wrap instead of being checked: in valid UTF-8 they are in the buffer.
    @inline(__always)
    static func decode(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> (scalar: UInt32, length: Int) {
        let lead = bytes[index]
        if lead < 0x80 { return (UInt32(lead), 1) }
        if lead < 0xE0 {
            return ((UInt32(lead & 0x1F) << 6) | UInt32(bytes[index &+ 1] & 0x3F), 2)
        }
        if lead < 0xF0 {
            return ((UInt32(lead & 0x0F) << 12) | (UInt32(bytes[index &+ 1] & 0x3F) << 6)
                    | UInt32(bytes[index &+ 2] & 0x3F), 3)
        }
        return ((UInt32(lead & 0x07) << 18) | (UInt32(bytes[index &+ 1] & 0x3F) << 12)
                | (UInt32(bytes[index &+ 2] & 0x3F) << 6) | UInt32(bytes[index &+ 3] & 0x3F), 4)
    }

    static func decode(_ bytes: [UInt8], at index: Int) -> (scalar: UInt32, length: Int) {
        bytes.withUnsafeBufferPointer { decode($0, at: index) }
    }

    /// The first scalar at or after `start` that `skipped` does not pass over, and where it
    /// starts; nil when the bytes end first.
    @inline(__always)
    static func first(in bytes: UnsafeBufferPointer<UInt8>, from start: Int,
                      skipping skipped: (UInt32) -> Bool) -> (scalar: UInt32, index: Int)? {
        var index = start
        while index < bytes.count {
            let (scalar, length) = decode(bytes, at: index)
            if !skipped(scalar) { return (scalar, index) }
            index += length
        }
        return nil
    }

    /// Start of the scalar that ends right before `index`.
    @inline(__always)
    static func start(before index: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var i = index &- 1
        while i > 0 && bytes[i] & 0xC0 == 0x80 { i &-= 1 }
        return i
    }

    static func encode(_ scalar: UInt32) -> [UInt8] {
        Array(String(Unicode.Scalar(scalar) ?? "\u{FFFD}").utf8)
    }

    /// Checks that `bytes` is valid UTF-8; returns the offset of the first invalid byte, or nil.
    static func firstInvalidByte(in bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        var i = 0
        let n = bytes.count
        while i < n {
            let lead = bytes[i]
            if lead < 0x80 { i += 1; continue }
            let length: Int
            var minimum: UInt32
            switch lead {
            case 0xC2...0xDF: length = 2; minimum = 0x80
            case 0xE0...0xEF: length = 3; minimum = 0x800
            case 0xF0...0xF4: length = 4; minimum = 0x10000
            default: return i
            }
            if i + length > n { return i }
            for k in 1..<length where bytes[i + k] & 0xC0 != 0x80 { return i }
            let scalar = decode(bytes, at: i).scalar
            if scalar < minimum || scalar > 0x10FFFF || (0xD800...0xDFFF).contains(scalar) { return i }
            i += length
        }
        return nil
    }
}
