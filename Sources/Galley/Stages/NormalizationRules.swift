/// The normalization rules of a pack compiled for a byte scan: a table says, per lead byte,
/// whether any character starting with it can need a change, so that most of a Chinese page
/// (Han characters, lead bytes E4–E9) goes by without a decode.
struct NormalizationRules: Sendable {
    enum CharacterAction: Sendable {
        case nfkc
        case delete
        case replace([UInt8])
        case map([UInt32: [UInt8]])
    }

    struct CharacterRule: Sendable {
        let id: String
        let set: CodePointSet
        let action: CharacterAction
    }

    // The ASCII rules are classes: the scan looks one up for every ASCII mark it meets, and
    // copying a class costs one retain where a struct costs one per field.

    /// `,` → `，` beside Chinese text, unless both neighbours are in `keepBetween`.
    final class MarkRule: Sendable {
        let id: String
        let replacement: [UInt8]
        let keepBetween: CodePointSet?

        init(id: String, replacement: [UInt8], keepBetween: CodePointSet?) {
            self.id = id
            self.replacement = replacement
            self.keepBetween = keepBetween
        }
    }

    /// `(`…`)` → `（`…`）`, the pair converted together.
    final class BracketRule: Sendable {
        let id: String
        let open: UInt8
        let close: UInt8
        let openReplacement: [UInt8]
        let closeReplacement: [UInt8]

        init(id: String, open: UInt8, close: UInt8, openReplacement: [UInt8], closeReplacement: [UInt8]) {
            self.id = id
            self.open = open
            self.close = close
            self.openReplacement = openReplacement
            self.closeReplacement = closeReplacement
        }
    }

    /// `"`…`"` → `“`…`”`, paired in order of appearance within a block.
    final class QuoteRule: Sendable {
        let id: String
        let mark: UInt8
        let open: [UInt8]
        let close: [UInt8]
        /// A mark between two characters of this set is not a quote (the apostrophe of `don't`).
        let notBetween: CodePointSet?

        init(id: String, mark: UInt8, open: [UInt8], close: [UInt8], notBetween: CodePointSet?) {
            self.id = id
            self.mark = mark
            self.open = open
            self.close = close
            self.notBetween = notBetween
        }
    }

    /// `...` → `……`: a run of at least `minimum` marks.
    final class RunRule: Sendable {
        let id: String
        let mark: UInt8
        let minimum: Int
        let replacement: [UInt8]

        init(id: String, mark: UInt8, minimum: Int, replacement: [UInt8]) {
            self.id = id
            self.mark = mark
            self.minimum = minimum
            self.replacement = replacement
        }
    }

    enum ASCIIRule: Sendable {
        case mark(MarkRule)
        case bracket(BracketRule, isOpen: Bool)
        case quote(QuoteRule)
        case run(RunRule)
    }

    private(set) var nfcRule: String?
    private(set) var characterRules: [CharacterRule] = []
    private(set) var asciiRules: [ASCIIRule?] = Array(repeating: nil, count: 128)
    /// Per ASCII byte: `asciiRules` holds a rule for it (asked without copying the rule out).
    private var hasASCIIRule = [Bool](repeating: false, count: 128)
    /// Per ASCII byte: the first character rule whose set holds it.
    private var asciiCharacterRule = [Int?](repeating: nil, count: 128)
    let chinese: CodePointSet
    /// Where the scan stops: lead bytes of characters that may need attention.
    private(set) var stops = ScanStops(stoppingAt: { _ in true })
    /// Per BMP scalar: may need a change (a character rule's set, or not NFC-inert).
    private var attention: [UInt64] = Array(repeating: 0, count: 1024)

    init(pack: RulePack) throws {
        chinese = try pack.set("chinese")
        for file in pack.files(for: Normalization.id) {
            for rule in file.rules { try add(rule) }
        }
        buildTables()
    }

    private mutating func add(_ rule: Rule) throws {
        let node = rule.node
        switch rule.kind {
        case "nfc":
            try node.checkKeys(Rule.commonKeys)
            nfcRule = rule.id
        case "fold", "delete", "replace", "map":
            let action: CharacterAction
            var keys = Rule.commonKeys.union(["set"])
            switch rule.kind {
            case "fold":
                guard try node.string("to") == "nfkc" else { throw node.error("a fold rule's 'to' must be 'nfkc'") }
                keys.insert("to")
                action = .nfkc
            case "delete": action = .delete
            case "replace":
                keys.insert("with")
                action = .replace(Array(try node.string("with").utf8))
            default:
                keys = Rule.commonKeys.union(["pairs"])
                var table: [UInt32: [UInt8]] = [:]
                for (key, value) in try node.required("pairs").entries() {
                    let scalars = Array(key.unicodeScalars)
                    guard scalars.count == 1 else { throw value.error("a map key is one character: '\(key)'") }
                    table[scalars[0].value] = Array(try value.string().utf8)
                }
                action = .map(table)
            }
            try node.checkKeys(keys)
            let set: CodePointSet
            if case .map(let table) = action {
                let ranges = table.keys.sorted().map { $0...$0 }
                set = CodePointSet(pattern: "", ranges: ranges)
            } else {
                set = try node.codePointSet("set")
            }
            characterRules.append(CharacterRule(id: rule.id, set: set, action: action))
        case "mark":
            try node.checkKeys(Rule.commonKeys.union(["from", "to", "keep-between"]))
            let from = try asciiMark(node, "from")
            let keep = try node.optional("keep-between") != nil ? node.codePointSet("keep-between") : nil
            try claim(from, .mark(MarkRule(id: rule.id, replacement: Array(try node.string("to").utf8), keepBetween: keep)), node)
        case "bracket-pair":
            try node.checkKeys(Rule.commonKeys.union(["open", "close", "to-open", "to-close"]))
            let bracket = BracketRule(id: rule.id, open: try asciiMark(node, "open"), close: try asciiMark(node, "close"),
                                      openReplacement: Array(try node.string("to-open").utf8),
                                      closeReplacement: Array(try node.string("to-close").utf8))
            try claim(bracket.open, .bracket(bracket, isOpen: true), node)
            try claim(bracket.close, .bracket(bracket, isOpen: false), node)
        case "quote-pair":
            try node.checkKeys(Rule.commonKeys.union(["mark", "open", "close", "not-between"]))
            let notBetween = try node.optional("not-between") != nil ? node.codePointSet("not-between") : nil
            let quote = QuoteRule(id: rule.id, mark: try asciiMark(node, "mark"), open: Array(try node.string("open").utf8),
                                  close: Array(try node.string("close").utf8), notBetween: notBetween)
            try claim(quote.mark, .quote(quote), node)
        case "run":
            try node.checkKeys(Rule.commonKeys.union(["mark", "minimum", "to"]))
            let run = RunRule(id: rule.id, mark: try asciiMark(node, "mark"), minimum: max(2, try node.int("minimum", default: 3)),
                              replacement: Array(try node.string("to").utf8))
            try claim(run.mark, .run(run), node)
        default:
            throw node.error("unknown normalization rule kind '\(rule.kind)' (nfc, fold, delete, replace, map, mark, bracket-pair, quote-pair, run)")
        }
    }

    private func asciiMark(_ node: RuleNode, _ key: String) throws -> UInt8 {
        let text = try node.string(key)
        guard text.utf8.count == 1, let byte = text.utf8.first, byte < 0x80 else {
            throw node.error("'\(key)' must be one ASCII character, got '\(text)'")
        }
        return byte
    }

    private mutating func claim(_ byte: UInt8, _ rule: ASCIIRule, _ node: RuleNode) throws {
        guard asciiRules[Int(byte)] == nil else {
            throw node.error("another rule already handles '\(Character(Unicode.Scalar(byte)))'")
        }
        asciiRules[Int(byte)] = rule
        hasASCIIRule[Int(byte)] = true
    }

    private mutating func buildTables() {
        for byte in UInt32(0)..<0x80 {
            asciiCharacterRule[Int(byte)] = characterRules.indices.first { characterRules[$0].set.contains(byte) }
        }
        func mark(_ scalar: UInt32) {
            if scalar < 0x10000 { attention[Int(scalar >> 6)] |= 1 << UInt64(scalar & 63) }
        }
        for rule in characterRules {
            for range in rule.set.allRanges where range.lowerBound < 0x10000 {
                for scalar in range.lowerBound...min(range.upperBound, 0xFFFF) { mark(scalar) }
            }
        }
        if nfcRule != nil {
            for word in Self.nfcNonInert.indices { attention[word] |= Self.nfcNonInert[word] }
        }
        for byte in 0..<128 where asciiRules[byte] != nil { mark(UInt32(byte)) }
        // A lead byte is skipped only when no scalar it can start is marked.
        stops = ScanStops { [attention] lead in
            let first: UInt32
            let count: UInt32
            switch lead {
            case 0x00..<0x80: first = UInt32(lead); count = 1
            case 0x80..<0xC0: return false
            case 0xC0..<0xE0: first = UInt32(lead & 0x1F) << 6; count = 64
            case 0xE0..<0xF0: first = UInt32(lead & 0x0F) << 12; count = 4096
            default: return true
            }
            return (first..<(first + count)).contains { scalar in
                attention[Int(scalar >> 6)] & (1 << UInt64(scalar & 63)) != 0
            }
        }
    }

    /// BMP scalars that NFC may change in some context, asked of ICU once per process.
    private static let nfcNonInert: [UInt64] = {
        var bits = [UInt64](repeating: 0, count: 1024)
        for scalar in UInt32(0)..<0x10000 where !(0xD800...0xDFFF).contains(scalar) && !ICU.isNFCInert(scalar) {
            bits[Int(scalar >> 6)] |= 1 << UInt64(scalar & 63)
        }
        return bits
    }()

    @inline(__always)
    private func needsAttention(_ scalar: UInt32) -> Bool {
        if scalar < 0x10000 { return attention[Int(scalar >> 6)] & (1 << UInt64(scalar & 63)) != 0 }
        return true
    }

    // MARK: - Scanning

    /// Appends the changes one block needs, sorted and non-overlapping, to `changes`.
    func appendChanges(in bytes: UnsafeBufferPointer<UInt8>, to changes: inout [EditableText.Change]) {
        // Moved into the scan and back, so that appending never copies the array.
        var scan = Scan(changes: changes)
        changes = []
        var i = 0
        let count = bytes.count
        stops.skip.withUnsafeBufferPointer { skip in
            while true {
                i = UTF8Scalar.nextFlagged(in: bytes, from: i, stops: stops, skip: skip)
                guard i < count else { return }
                // Most stops are characters whose lead byte some marked character shares (。 and 、
                // share E3 with kana): they go by without a call.
                let (scalar, length) = UTF8Scalar.decode(bytes, at: i)
                i = needsAttention(scalar) ? inspect(bytes, at: i, scalar: scalar, length: length, into: &scan) : i + length
            }
        }
        if !scan.brackets.isEmpty { resolveBrackets(bytes, &scan) }
        if !scan.quotes.isEmpty { resolveQuotes(bytes, &scan) }
        if scan.needsSort { scan.changes[scan.blockStart...].sort { $0.range.lowerBound < $1.range.lowerBound } }
        changes = scan.changes
    }

    /// The changes of one block being found, after those of the blocks before it.
    private struct Scan {
        var changes: [EditableText.Change]
        /// Where this block's changes start in `changes`.
        let blockStart: Int
        var brackets: [(position: Int, rule: BracketRule, isOpen: Bool)] = []
        var quotes: [(position: Int, rule: QuoteRule)] = []
        var needsSort = false

        init(changes: [EditableText.Change]) {
            self.changes = changes
            blockStart = changes.count
        }

        mutating func add(_ range: Range<Int>, _ replacement: [UInt8], _ rule: String) {
            // The last range read in place: copying the change would retain its fields.
            if changes.count > blockStart, let last = changes.indices.last, changes[last].range.upperBound > range.lowerBound {
                needsSort = true
                if changes[last].range.overlaps(range) { return }
            }
            changes.append(.init(range: range, replacement: replacement, rule: rule))
        }
    }

    /// The slow path for one character that may need a change; returns where scanning resumes.
    @inline(never)
    private func inspect(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int, scalar: UInt32, length: Int, into scan: inout Scan) -> Int {
        let range = i..<(i + length)
        // Indices, not `first(where:)`: that copies every rule it passes. ASCII (`,` and the
        // other marks, most of what comes here) reads its answer from a table.
        let characterRule = scalar < 0x80
            ? asciiCharacterRule[Int(scalar)]
            : characterRules.indices.first(where: { characterRules[$0].set.contains(scalar) })
        if let index = characterRule {
            let rule = characterRules[index]
            switch rule.action {
            case .delete: scan.add(range, [], rule.id)
            case .replace(let replacement): scan.add(range, replacement, rule.id)
            case .map(let table): if let replacement = table[scalar] { scan.add(range, replacement, rule.id) }
            case .nfkc:
                if let folded = ICU.normalize(.nfkc, bytes[range]), !folded.elementsEqual(bytes[range]) {
                    scan.add(range, folded, rule.id)
                }
            }
            return range.upperBound
        }
        if scalar < 0x80, let rule = asciiRules[Int(scalar)] {
            return applyASCII(rule, bytes, at: i, into: &scan)
        }
        if let nfcRule, scalar >= 0x80, !ICU.isNFCInert(scalar) {
            return normalizeSegment(bytes, around: i, rule: nfcRule, into: &scan)
        }
        return range.upperBound
    }

    private func applyASCII(_ rule: ASCIIRule, _ bytes: UnsafeBufferPointer<UInt8>, at i: Int, into scan: inout Scan) -> Int {
        switch rule {
        case .mark(let mark):
            // Look past neighbouring marks that rules convert too (`摄);` is beside Chinese text)
            // and past spaces, which the spacing stage may remove (`工 程 , 是` is letter-spaced).
            // Each neighbour decoded once: the first that is not transparent, nil at the block's edge.
            var before: UInt32?
            var beforeIndex = i
            while beforeIndex > 0 {
                beforeIndex = UTF8Scalar.start(before: beforeIndex, in: bytes)
                let previous = UTF8Scalar.decode(bytes, at: beforeIndex).scalar
                if !isTransparent(previous) {
                    before = previous
                    break
                }
            }
            let after = UTF8Scalar.first(in: bytes, from: i + 1, skipping: isTransparent)?.scalar
            // The set asked in place: binding it would copy it and retain its storage.
            if let before, let after, mark.keepBetween?.contains(before) == true, mark.keepBetween?.contains(after) == true { return i + 1 }
            if isChinese(before) || isChinese(after) { scan.add(i..<(i + 1), mark.replacement, mark.id) }
            return i + 1
        case .bracket(let bracket, let isOpen):
            scan.brackets.append((i, bracket, isOpen))
            return i + 1
        case .quote(let quote):
            if let before = scalar(before: i, bytes), let after = scalar(at: i + 1, bytes),
               quote.notBetween?.contains(before) == true, quote.notBetween?.contains(after) == true {
                return i + 1
            }
            scan.quotes.append((i, quote))
            return i + 1
        case .run(let run):
            var end = i
            while end < bytes.count && bytes[end] == run.mark { end += 1 }
            if end - i >= run.minimum && (isChinese(scalar(before: i, bytes)) || isChinese(scalar(at: end, bytes))) {
                scan.add(i..<end, run.replacement, run.id)
            }
            return end
        }
    }

    /// Normalizes the NFC segment around a non-inert character: from the last boundary before it
    /// to the next boundary after it.
    private func normalizeSegment(_ bytes: UnsafeBufferPointer<UInt8>, around i: Int, rule: String, into scan: inout Scan) -> Int {
        var start = i
        while start > 0, !ICU.nfcHasBoundaryBefore(UTF8Scalar.decode(bytes, at: start).scalar), i - start < 64 {
            start = UTF8Scalar.start(before: start, in: bytes)
        }
        var end = i + UTF8Scalar.decode(bytes, at: i).length
        while end < bytes.count {
            let (next, length) = UTF8Scalar.decode(bytes, at: end)
            if ICU.nfcHasBoundaryBefore(next) { break }
            end += length
        }
        if scan.changes.count > scan.blockStart, let last = scan.changes.last, last.range.upperBound > start { start = last.range.upperBound }
        guard start < end, let normalized = ICU.normalize(.nfc, bytes[start..<end]),
              !normalized.elementsEqual(bytes[start..<end]) else { return end }
        scan.add(start..<end, normalized, rule)
        return end
    }

    private func resolveBrackets(_ bytes: UnsafeBufferPointer<UInt8>, _ scan: inout Scan) {
        var stack: [Int] = []
        var partner = [Int?](repeating: nil, count: scan.brackets.count)
        for (index, bracket) in scan.brackets.enumerated() {
            if bracket.isOpen {
                stack.append(index)
            } else if let open = stack.last, scan.brackets[open].rule.open == bracket.rule.open {
                stack.removeLast()
                partner[index] = open
                partner[open] = index
            }
        }
        func touchesChinese(_ position: Int) -> Bool {
            isChinese(scalar(before: position, bytes)) || isChinese(scalar(at: position + 1, bytes))
        }
        for (index, bracket) in scan.brackets.enumerated() {
            let convert = touchesChinese(bracket.position) || partner[index].map { touchesChinese(scan.brackets[$0].position) } == true
            guard convert else { continue }
            let replacement = bracket.isOpen ? bracket.rule.openReplacement : bracket.rule.closeReplacement
            scan.add(bracket.position..<(bracket.position + 1), replacement, bracket.rule.id)
        }
        scan.needsSort = true
    }

    private func resolveQuotes(_ bytes: UnsafeBufferPointer<UInt8>, _ scan: inout Scan) {
        var pending: [UInt8: Int] = [:]
        for quote in scan.quotes {
            if let open = pending.removeValue(forKey: quote.rule.mark) {
                let close = quote.position
                let chineseInside = containsChinese(bytes, (open + 1)..<close)
                if chineseInside || isChinese(scalar(before: open, bytes)) || isChinese(scalar(at: close + 1, bytes)) {
                    scan.add(open..<(open + 1), quote.rule.open, quote.rule.id)
                    scan.add(close..<(close + 1), quote.rule.close, quote.rule.id)
                }
            } else {
                pending[quote.rule.mark] = quote.position
            }
        }
        // An unpaired mark opens before Chinese text and closes after it.
        for quote in scan.quotes where pending[quote.rule.mark] == quote.position {
            let position = quote.position
            if isChinese(scalar(at: position + 1, bytes)) {
                scan.add(position..<(position + 1), quote.rule.open, quote.rule.id)
            } else if isChinese(scalar(before: position, bytes)) {
                scan.add(position..<(position + 1), quote.rule.close, quote.rule.id)
            }
        }
        scan.needsSort = true
    }

    /// A space, or an ASCII mark that another rule converts.
    private func isTransparent(_ scalar: UInt32) -> Bool {
        scalar == 0x20 || scalar == 0x3000 || (scalar < 0x80 && hasASCIIRule[Int(scalar)])
    }

    @inline(__always)
    private func isChinese(_ scalar: UInt32?) -> Bool {
        guard let scalar else { return false }
        return chinese.contains(scalar)
    }

    private func containsChinese(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        var i = range.lowerBound
        while i < range.upperBound {
            let (scalar, length) = UTF8Scalar.decode(bytes, at: i)
            if chinese.contains(scalar) { return true }
            i += length
        }
        return false
    }

    private func scalar(at i: Int, _ bytes: UnsafeBufferPointer<UInt8>) -> UInt32? {
        i < bytes.count ? UTF8Scalar.decode(bytes, at: i).scalar : nil
    }

    private func scalar(before i: Int, _ bytes: UnsafeBufferPointer<UInt8>) -> UInt32? {
        i > 0 ? UTF8Scalar.decode(bytes, at: UTF8Scalar.start(before: i, in: bytes)).scalar : nil
    }
}
