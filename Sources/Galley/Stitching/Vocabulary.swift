import Foundation

/// Han character bigrams of a page's blocks, weighted by how few blocks share them (TF-IDF), to
/// tell whether two runs of text speak of the same things (抱团, 集体经济 against 楼宇, 党建).
/// Vectors are sorted arrays, not dictionaries: a page's few thousand bigrams are sorted once,
/// and sums and similarities are merges of sorted runs, with no hashing.
struct Vocabulary {
    /// A sparse vector: bigrams (two 21-bit code points packed) in ascending order, with their
    /// weights.
    struct Vector: Sendable {
        fileprivate(set) var bigrams: [UInt64] = []
        fileprivate(set) var weights: [Double] = []

        /// How many distinct bigrams the vector holds.
        var count: Int { bigrams.count }

        /// The sum of two vectors.
        func adding(_ other: Vector) -> Vector {
            if other.bigrams.isEmpty { return self }
            if bigrams.isEmpty { return other }
            var sum = Vector()
            sum.bigrams.reserveCapacity(bigrams.count + other.bigrams.count)
            sum.weights.reserveCapacity(bigrams.count + other.bigrams.count)
            var i = 0
            var j = 0
            while i < bigrams.count || j < other.bigrams.count {
                if j == other.bigrams.count || i < bigrams.count && bigrams[i] < other.bigrams[j] {
                    sum.bigrams.append(bigrams[i])
                    sum.weights.append(weights[i])
                    i += 1
                } else if i == bigrams.count || other.bigrams[j] < bigrams[i] {
                    sum.bigrams.append(other.bigrams[j])
                    sum.weights.append(other.weights[j])
                    j += 1
                } else {
                    sum.bigrams.append(bigrams[i])
                    sum.weights.append(weights[i] + other.weights[j])
                    i += 1
                    j += 1
                }
            }
            return sum
        }
    }

    /// Each block's bigrams, weighted: weighed once, summed for runs of blocks.
    private let weightedBlocks: [Vector]

    /// The low bits of a packed occurrence, which hold its block.
    private static let blockBits: UInt64 = 1 << 22 - 1

    init(blocks: [Block], han: CodePointSet) {
        // Every bigram occurrence with its block, packed into one integer (two 21-bit code points,
        // then the block in 22 bits) and sorted: runs of one bigram give its document frequency
        // and its count in each block, in bigram order. Blocks past the 22-bit range (four
        // million; no real page comes near) are left without bigrams rather than mixed up.
        var occurrences: [UInt64] = []
        for (index, block) in blocks.enumerated() where index <= Int(Self.blockBits) {
            var previous: UInt32 = 0
            block.text.bytes.withUnsafeBufferPointer { bytes in
                var i = 0
                while i < bytes.count {
                    let (scalar, length) = UTF8Scalar.decode(bytes, at: i)
                    i += length
                    if han.contains(scalar) {
                        if previous != 0 { occurrences.append(UInt64(previous) << 43 | UInt64(scalar) << 22 | UInt64(index)) }
                        previous = scalar
                    } else {
                        previous = 0
                    }
                }
            }
        }
        occurrences.sort()
        let total = Double(max(blocks.count, 1))
        var weighted = Array(repeating: Vector(), count: blocks.count)
        var start = 0
        while start < occurrences.count {
            let bigram = occurrences[start] >> 22
            var end = start
            var blocksHolding = 0
            while end < occurrences.count, occurrences[end] >> 22 == bigram {
                if end == start || occurrences[end] != occurrences[end - 1] { blocksHolding += 1 }
                end += 1
            }
            let inverseFrequency = log((total + 1) / Double(blocksHolding))
            var position = start
            while position < end {
                let occurrence = occurrences[position]
                var count = 0
                while position < end, occurrences[position] == occurrence {
                    count += 1
                    position += 1
                }
                let block = Int(occurrence & Self.blockBits)
                weighted[block].bigrams.append(bigram)
                weighted[block].weights.append(Double(count) * inverseFrequency)
            }
            start = end
        }
        weightedBlocks = weighted
    }

    /// The weighted bigram vector of several blocks (by position).
    func vector(of positions: [Int]) -> Vector {
        positions.reduce(Vector()) { $0.adding(weightedBlocks[$1]) }
    }

    /// Cosine similarity, 0–1.
    static func similarity(_ a: Vector, _ b: Vector) -> Double {
        var dot = 0.0
        var i = 0
        var j = 0
        while i < a.bigrams.count && j < b.bigrams.count {
            if a.bigrams[i] < b.bigrams[j] {
                i += 1
            } else if b.bigrams[j] < a.bigrams[i] {
                j += 1
            } else {
                dot += a.weights[i] * b.weights[j]
                i += 1
                j += 1
            }
        }
        guard dot > 0 else { return 0 }
        let norm = (a.weights.reduce(0) { $0 + $1 * $1 }).squareRoot() * (b.weights.reduce(0) { $0 + $1 * $1 }).squareRoot()
        return dot / norm
    }
}
