import CICU

/// How many terminal columns text takes, by East Asian Width (through the system's ICU): Han
/// characters and full-width punctuation take two, combining marks none.
enum DisplayWidth {
    @inline(__always)
    static func of(_ scalar: Unicode.Scalar) -> Int {
        let value = scalar.value
        if value >= 0x20 && value < 0x7F { return 1 }
        return Int(galley_display_width(value))
    }

    static func of(_ character: Character) -> Int {
        character.unicodeScalars.reduce(0) { $0 + of($1) }
    }

    static func of(_ text: some StringProtocol) -> Int {
        text.unicodeScalars.reduce(0) { $0 + of($1) }
    }

    /// A letter or digit that takes one column: part of a Latin (or Greek, Cyrillic…) word.
    static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if value < 0x80 {
            return (0x30...0x39).contains(value) || (0x41...0x5A).contains(value) || (0x61...0x7A).contains(value)
        }
        return galley_is_alphanumeric(value) != 0 && galley_display_width(value) == 1
    }
}
