import Foundation

/// Han character bigrams of a page's blocks, weighted by how few blocks share them (TF-IDF), to
/// tell whether two runs of text speak of the same things (抱团, 集体经济 against 楼宇, 党建).
struct Vocabulary {
    typealias Vector = [UInt64: Double]

    /// Each block's bigrams, weighted: weighed once, summed for runs of blocks.
    private let weightedBlocks: [Vector]

    init(blocks: [Block], han: CodePointSet) {
        var bigramsOfBlock: [[UInt64: Int]] = []
        var documentFrequency: [UInt64: Int] = [:]
        for block in blocks {
            var counts: [UInt64: Int] = [:]
            var previous: UInt32 = 0
            block.text.bytes.withUnsafeBufferPointer { bytes in
                var i = 0
                while i < bytes.count {
                    let (scalar, length) = UTF8Scalar.decode(bytes, at: i)
                    i += length
                    if han.contains(scalar) {
                        if previous != 0 { counts[UInt64(previous) << 32 | UInt64(scalar), default: 0] += 1 }
                        previous = scalar
                    } else {
                        previous = 0
                    }
                }
            }
            for bigram in counts.keys { documentFrequency[bigram, default: 0] += 1 }
            bigramsOfBlock.append(counts)
        }
        let total = Double(max(blocks.count, 1))
        let inverseFrequency = documentFrequency.mapValues { log((total + 1) / Double($0)) }
        weightedBlocks = bigramsOfBlock.map { counts in
            counts.reduce(into: Vector(minimumCapacity: counts.count)) { vector, entry in
                vector[entry.key] = Double(entry.value) * (inverseFrequency[entry.key] ?? 0)
            }
        }
    }

    /// The weighted bigram vector of several blocks (by position).
    func vector(of positions: [Int]) -> Vector {
        if positions.count == 1, let only = positions.first { return weightedBlocks[only] }
        var vector: Vector = [:]
        for position in positions {
            for (bigram, weight) in weightedBlocks[position] { vector[bigram, default: 0] += weight }
        }
        return vector
    }

    /// Cosine similarity, 0–1.
    static func similarity(_ a: Vector, _ b: Vector) -> Double {
        let (small, large) = a.count < b.count ? (a, b) : (b, a)
        var dot = 0.0
        for (key, value) in small { if let other = large[key] { dot += value * other } }
        let norm = (a.values.reduce(0) { $0 + $1 * $1 }).squareRoot() * (b.values.reduce(0) { $0 + $1 * $1 }).squareRoot()
        return norm > 0 ? dot / norm : 0
    }
}
