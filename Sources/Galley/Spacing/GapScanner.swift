/// A run of white space inside a block: ASCII spaces, tabs, U+3000, line breaks.
struct Gap: Sendable {
    /// Bytes of the block's current text.
    var range: Range<Int>
    var spaces = 0
    /// U+3000 and tabs: each as wide as a Chinese character.
    var wideCharacters = 0
    var lineBreaks = 0
    /// Inside a title (《…》): read like a headline, also in prose.
    var inTitle = false

    /// One ASCII space: the only gap a letter-spaced run or spaced digits are made of.
    var isNarrow: Bool { spaces == 1 && wideCharacters == 0 && lineBreaks == 0 }
    /// Two spaces or more, or a wide character: set on purpose between phrases of a headline.
    var isWide: Bool { spaces >= 2 || wideCharacters > 0 }
    var hasLineBreak: Bool { lineBreaks > 0 }
}

/// Finds the gaps of a block with a byte scan. A table flags the bytes that can start white space
/// or a title mark; the rest (Han text, ASCII letters and digits, most punctuation) goes by without
/// a decode, eight bytes at a time where none of them is flagged, and a page holds few spaces.
struct GapScanner: Sendable {
    private let stops: ScanStops
    private let titleMarks: [(open: UInt32, close: UInt32)]

    init(titleMarks: [(open: UInt32, close: UInt32)]) {
        self.titleMarks = titleMarks
        var interesting = Set<UInt8>([0x20, 0x09, 0x0A, 0x0D, 0xE3])  // 0xE3 leads U+3000
        for pair in titleMarks {
            interesting.insert(UTF8Scalar.encode(pair.open)[0])
            interesting.insert(UTF8Scalar.encode(pair.close)[0])
        }
        stops = ScanStops(stoppingAt: interesting.contains)
    }

    /// The gaps of `bytes`, in order, in `gaps` (emptied first: the caller reuses one array for
    /// every block). Cost: one pass; a decode only at bytes the table flags.
    func gaps(in bytes: UnsafeBufferPointer<UInt8>, into gaps: inout [Gap]) {
        gaps.removeAll(keepingCapacity: true)
        var title = TitleState()
        var i = 0
        let count = bytes.count
        stops.skip.withUnsafeBufferPointer { skip in
            while true {
                i = UTF8Scalar.nextFlagged(in: bytes, from: i, stops: stops, skip: skip)
                guard i < count else { return }
                i = inspect(bytes, at: i, title: &title, into: &gaps)
            }
        }
    }

    /// How deep in titles the scan stands, and whether a title mark has been read yet.
    private struct TitleState {
        var depth = 0
        var sawMark = false
    }

    /// The slow path at a flagged byte: a gap (read to its end) or a title mark; returns where
    /// scanning resumes. Most flagged bytes lead neither (。 and 、 share E3 with U+3000 and 《》):
    /// those are told before a gap is set up.
    @inline(never)
    private func inspect(_ bytes: UnsafeBufferPointer<UInt8>, at start: Int, title: inout TitleState, into gaps: inout [Gap]) -> Int {
        let (first, firstLength) = UTF8Scalar.decode(bytes, at: start)
        guard Self.isGapScalar(first) else {
            if titleMarks.contains(where: { $0.open == first }) {
                title.depth += 1
                title.sawMark = true
            }
            if titleMarks.contains(where: { $0.close == first }) {
                // A block that closes a title it never opened starts inside it: a column break cut
                // the title (…孩子 心里的海》).
                if !title.sawMark {
                    for index in gaps.indices { gaps[index].inTitle = true }
                }
                title.depth = max(0, title.depth - 1)
                title.sawMark = true
            }
            return start + firstLength
        }
        var gap = Gap(range: start..<start, inTitle: title.depth > 0)
        var i = start
        while i < bytes.count {
            let (scalar, length) = UTF8Scalar.decode(bytes, at: i)
            guard Self.isGapScalar(scalar) else { break }
            switch scalar {
            case 0x20: gap.spaces += 1
            case 0x0A, 0x0D: gap.lineBreaks += 1
            default: gap.wideCharacters += 1  // a tab or U+3000
            }
            i += length
        }
        gap.range = start..<i
        gaps.append(gap)
        return i
    }

    /// White space a gap is made of: ASCII spaces, tabs, U+3000, line breaks.
    private static func isGapScalar(_ scalar: UInt32) -> Bool {
        scalar == 0x20 || scalar == 0x09 || scalar == 0x3000 || scalar == 0x0A || scalar == 0x0D
    }
}
