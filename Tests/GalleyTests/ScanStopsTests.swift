import Testing
@testable import Galley

/// The byte scan finds the first stop that a plain lookup in the table finds, with the word test
/// (few stops) and without it (many), at every start.
struct ScanStopsTests {
    static let stopSets: [Set<UInt8>] = [
        [0x20, 0x09, 0x0A, 0x0D, 0xE3],  // the gap scan's
        [0x2C, 0xEF],
        [0x00],
        [],
        Set(0x21...0x2F),  // too many for the word test
    ]

    @Test(arguments: stopSets)
    func findsTheFirstStop(_ stopSet: Set<UInt8>) {
        let stops = ScanStops(stoppingAt: stopSet.contains)
        var random = SplitMix64(seed: 7)
        // Mostly bytes of Han text, so that whole words go by, with ASCII and the stops among them.
        let han: [UInt8] = [0xE4, 0xB8, 0x80, 0xE9, 0xBF]
        let alphabet: [UInt8] = han + [0x41, 0x31, 0x2C, 0x20, 0x0A, 0xE3, 0x80, 0xEF, 0xBC, 0x00, 0x2F]
        for length in [0, 1, 7, 8, 9, 31, 64, 200] {
            let text = (0..<length).map { _ in
                let pool = random.next() % 8 == 0 ? alphabet : han
                return pool[Int(random.next() % UInt64(pool.count))]
            }
            text.withUnsafeBufferPointer { bytes in
                stops.skip.withUnsafeBufferPointer { skip in
                    for start in 0...length {
                        let expected = (start..<length).first { stopSet.contains(text[$0]) } ?? length
                        #expect(UTF8Scalar.nextFlagged(in: bytes, from: start, stops: stops, skip: skip) == expected)
                    }
                }
            }
        }
    }
}
