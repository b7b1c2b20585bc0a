/// Byte-level UTF-8 helpers for text that was validated when the page was read.
enum UTF8Scalar {
    /// The position of the first byte at or after `start` whose entry in `skip` is 0 (a byte a
    /// scan must stop at), or the end. Every byte is looked up, four at a time: lookups that do
    /// not wait on each other, where a jump by each character's length would make each wait on
    /// the one before. A table that flags lead bytes only stops at the start of a character.
    @inline(__always)
    static func nextFlagged(in bytes: UnsafeBufferPointer<UInt8>, from start: Int, skip: UnsafeBufferPointer<UInt8>) -> Int {
        var i = start
        let count = bytes.count
        while i + 4 <= count, skip[Int(bytes[i])] != 0, skip[Int(bytes[i + 1])] != 0,
              skip[Int(bytes[i + 2])] != 0, skip[Int(bytes[i + 3])] != 0 { i += 4 }
        while i < count, skip[Int(bytes[i])] != 0 { i += 1 }
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

    /// Decodes the scalar at `index` of valid UTF-8; returns it and its length.
    @inline(__always)
    static func decode(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> (scalar: UInt32, length: Int) {
        let lead = bytes[index]
        if lead < 0x80 { return (UInt32(lead), 1) }
        if lead < 0xE0 {
            return ((UInt32(lead & 0x1F) << 6) | UInt32(bytes[index + 1] & 0x3F), 2)
        }
        if lead < 0xF0 {
            return ((UInt32(lead & 0x0F) << 12) | (UInt32(bytes[index + 1] & 0x3F) << 6)
                    | UInt32(bytes[index + 2] & 0x3F), 3)
        }
        return ((UInt32(lead & 0x07) << 18) | (UInt32(bytes[index + 1] & 0x3F) << 12)
                | (UInt32(bytes[index + 2] & 0x3F) << 6) | UInt32(bytes[index + 3] & 0x3F), 4)
    }

    static func decode(_ bytes: [UInt8], at index: Int) -> (scalar: UInt32, length: Int) {
        bytes.withUnsafeBufferPointer { decode($0, at: index) }
    }

    /// Start of the scalar that ends right before `index`.
    @inline(__always)
    static func start(before index: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var i = index - 1
        while i > 0 && bytes[i] & 0xC0 == 0x80 { i -= 1 }
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
