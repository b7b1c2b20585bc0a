/// A share with its counts, so that reports can say "12/40" and sum pages before dividing.
public struct Ratio: Sendable, Equatable {
    public var numerator: Double
    public var denominator: Double

    public init(_ numerator: Double, of denominator: Double) {
        self.numerator = numerator
        self.denominator = denominator
    }

    public init(_ numerator: Int, of denominator: Int) {
        self.init(Double(numerator), of: Double(denominator))
    }

    /// nil when there was nothing to count.
    public var value: Double? { denominator > 0 ? numerator / denominator : nil }

    public static func + (lhs: Ratio, rhs: Ratio) -> Ratio {
        Ratio(lhs.numerator + rhs.numerator, of: lhs.denominator + rhs.denominator)
    }
}

/// Precision and recall counted from both sides: what was found (`found` of `predicted`) and
/// what was expected (`recalled` of `expected`).
public struct MatchCounts: Sendable, Equatable {
    public var found = 0
    public var predicted = 0
    public var recalled = 0
    public var expected = 0

    public init(found: Int = 0, predicted: Int = 0, recalled: Int = 0, expected: Int = 0) {
        self.found = found
        self.predicted = predicted
        self.recalled = recalled
        self.expected = expected
    }

    public var precision: Ratio { Ratio(found, of: predicted) }
    public var recall: Ratio { Ratio(recalled, of: expected) }

    /// The harmonic mean; 0 when something was expected or predicted and nothing matched, nil
    /// when nothing was either.
    public var f1: Double? { Metrics.f1(precision: precision, recall: recall) }

    public static func + (lhs: MatchCounts, rhs: MatchCounts) -> MatchCounts {
        MatchCounts(found: lhs.found + rhs.found, predicted: lhs.predicted + rhs.predicted,
                    recalled: lhs.recalled + rhs.recalled, expected: lhs.expected + rhs.expected)
    }
}

public enum Metrics {
    static func f1(precision: Ratio, recall: Ratio) -> Double? {
        if precision.denominator == 0 && recall.denominator == 0 { return nil }
        let p = precision.value ?? 0
        let r = recall.value ?? 0
        return p + r > 0 ? 2 * p * r / (p + r) : 0
    }

    /// Character-weighted B-cubed from contingency tables. `overlap[o][g]`: characters of output
    /// cluster o that came from gold cluster g; `claimed[o][g]`: the same from the gold side, each
    /// gold character in at most one output cluster (output text may repeat gold text);
    /// `goldSizes[g]`: gold cluster g's size, found or not. Precision averages over output
    /// characters that came from some gold cluster, recall over every gold character (a lost
    /// character recalls nothing).
    public static func bCubed(overlap: [[Int]], claimed: [[Int]], goldSizes: [Int]) -> (precision: Ratio, recall: Ratio) {
        var precision = Ratio(0, of: 0)
        for row in overlap {
            let size = row.reduce(0, +)
            guard size > 0 else { continue }
            precision.denominator += Double(size)
            for count in row where count > 0 { precision.numerator += Double(count) * Double(count) / Double(size) }
        }
        var recall = Ratio(0.0, of: Double(goldSizes.reduce(0, +)))
        for row in claimed {
            for (gold, count) in row.enumerated() where count > 0 {
                recall.numerator += Double(count) * Double(count) / Double(goldSizes[gold])
            }
        }
        return (precision, recall)
    }

    /// Levenshtein distance over Unicode scalars. Common prefix and suffix are skipped first, then
    /// Myers' bit-parallel algorithm in Hyyrö's blocked form runs 64 rows of the table at once:
    /// O(n·⌈m/64⌉) for lengths n ≥ m, so whole articles compare in milliseconds.
    public static func editDistance(_ a: [UInt32], _ b: [UInt32]) -> Int {
        var start = 0
        while start < a.count && start < b.count && a[start] == b[start] { start += 1 }
        var endA = a.count
        var endB = b.count
        while endA > start && endB > start && a[endA - 1] == b[endB - 1] {
            endA -= 1
            endB -= 1
        }
        let (pattern, text) = endA - start <= endB - start ? (a[start..<endA], b[start..<endB]) : (b[start..<endB], a[start..<endA])
        if pattern.isEmpty { return text.count }
        let blocks = (pattern.count + 63) / 64
        // For each scalar of the pattern, the rows where it stands, 64 to a word.
        var rows: [UInt32: [UInt64]] = [:]
        for (row, scalar) in pattern.enumerated() {
            rows[scalar, default: [UInt64](repeating: 0, count: blocks)][row / 64] |= 1 << UInt64(row % 64)
        }
        let none = [UInt64](repeating: 0, count: blocks)
        var positive = [UInt64](repeating: ~0, count: blocks)
        var negative = [UInt64](repeating: 0, count: blocks)
        let lastRow = UInt64(1) << UInt64((pattern.count - 1) % 64)
        var score = pattern.count
        for scalar in text {
            let equal = rows[scalar] ?? none
            // The table's top row grows by one per column.
            var carry = 1
            for block in 0..<blocks {
                let pv = positive[block]
                let mv = negative[block]
                var eq = equal[block]
                let xv = eq | mv
                if carry < 0 { eq |= 1 }
                let xh = (((eq & pv) &+ pv) ^ pv) | eq
                var ph = mv | ~(xh | pv)
                var mh = pv & xh
                let high: UInt64 = block == blocks - 1 ? lastRow : 1 << 63
                let out = (ph & high != 0 ? 1 : 0) - (mh & high != 0 ? 1 : 0)
                ph <<= 1
                mh <<= 1
                if carry < 0 { mh |= 1 } else if carry > 0 { ph |= 1 }
                positive[block] = mh | ~(xv | ph)
                negative[block] = ph & xv
                carry = out
            }
            score += carry
        }
        return score
    }

    /// How many items two multisets share.
    static func sharedCount<T: Hashable>(_ a: [T], _ b: [T]) -> Int {
        var counts: [T: Int] = [:]
        for item in a { counts[item, default: 0] += 1 }
        var shared = 0
        for item in b where counts[item, default: 0] > 0 {
            counts[item, default: 0] -= 1
            shared += 1
        }
        return shared
    }
}
