/// A set of Unicode scalars parsed from an ICU UnicodeSet pattern, with an O(1) test for the BMP.
public struct CodePointSet: Sendable {
    public let pattern: String
    private let ranges: [ClosedRange<UInt32>]
    /// One bit per BMP scalar: rule scans test membership once per interesting character.
    private let bmp: [UInt64]

    public init?(pattern: String) {
        guard let ranges = ICU.setRanges(pattern: pattern) else { return nil }
        self.init(pattern: pattern, ranges: ranges)
    }

    init(pattern: String, ranges: [ClosedRange<UInt32>]) {
        self.pattern = pattern
        self.ranges = ranges
        var bits = [UInt64](repeating: 0, count: 0x10000 / 64)
        for range in ranges where range.lowerBound < 0x10000 {
            for scalar in range.lowerBound...min(range.upperBound, 0xFFFF) {
                bits[Int(scalar >> 6)] |= 1 << UInt64(scalar & 63)
            }
        }
        bmp = bits
    }

    @inline(__always)
    public func contains(_ scalar: UInt32) -> Bool {
        if scalar < 0x10000 { return bmp[Int(scalar >> 6)] & (1 << UInt64(scalar & 63)) != 0 }
        return ranges.contains { $0.contains(scalar) }
    }

    /// Every scalar of the set (for building lookup tables); sets here are small outside the Han block.
    var allRanges: [ClosedRange<UInt32>] { ranges }
}
