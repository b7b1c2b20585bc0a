import Synchronization

/// A rule file's regular expression compiled for a small backtracking matcher over Unicode scalars,
/// when it uses only literals, `\uXXXX`, `\p{Han}`, classes of those, groups, alternatives and
/// greedy quantifiers (the byline patterns do). Swift's `Regex` costs microseconds a call; this
/// costs tens of nanoseconds a character. It answers only for text it can answer exactly as
/// `Regex` would (see `ScalarText`); `RulePattern` asks the regex engine otherwise.
struct ScalarPattern: Sendable {
    private enum Instruction: Sendable {
        case scalar(UInt32)
        case set(Int)
        /// Try the first target, on failure the second (the first is the greedy or earlier choice).
        case split(Int, Int)
        case jump(Int)
        case match
    }

    private let program: [Instruction]
    private let sets: [ScalarClass]
    /// A pattern that matches empty text would make `ranges(in:)` differ from the regex engine's.
    let matchesEmpty: Bool

    /// The pattern compiled, or nil when it uses syntax the matcher does not take.
    init?(_ source: String) {
        // A pattern character made of several scalars is one Character to the regex engine.
        guard source.count == source.unicodeScalars.count else { return nil }
        var parser = Parser(scalars: Array(source.unicodeScalars.map(\.value)))
        guard let tree = parser.parseAlternation(), parser.isAtEnd else { return nil }
        var emitter = Emitter()
        guard emitter.emit(tree), emitter.program.count <= 4096 else { return nil }
        emitter.program.append(.match)
        program = emitter.program
        sets = parser.sets
        matchesEmpty = Self.run(emitter.program, parser.sets, [], from: 0, whole: true) != nil
    }

    /// Where the match starting at `start` ends (the regex engine's choice among several), or nil.
    /// `whole`: only a match reaching the end of `scalars` counts.
    func matchEnd(in scalars: [UInt32], from start: Int, whole: Bool) -> Int? {
        Self.run(program, sets, scalars, from: start, whole: whole)
    }

    private static func run(_ program: [Instruction], _ sets: [ScalarClass], _ scalars: [UInt32], from start: Int, whole: Bool) -> Int? {
        var stack: [(pc: Int, position: Int)] = [(0, start)]
        while let (pcStart, positionStart) = stack.popLast() {
            var pc = pcStart
            var position = positionStart
            thread: while true {
                switch program[pc] {
                case .scalar(let scalar):
                    guard position < scalars.count, scalars[position] == scalar else { break thread }
                    position += 1
                    pc += 1
                case .set(let index):
                    guard position < scalars.count, sets[index].contains(scalars[position]) else { break thread }
                    position += 1
                    pc += 1
                case .split(let first, let second):
                    stack.append((second, position))
                    pc = first
                case .jump(let target):
                    pc = target
                case .match:
                    if !whole || position == scalars.count { return position }
                    break thread
                }
            }
        }
        return nil
    }

    // MARK: - Compiling

    private indirect enum Node {
        case scalar(UInt32)
        case set(Int)
        case sequence([Node])
        case alternation([Node])
        case repetition(Node, minimum: Int, maximum: Int?)

        var canBeEmpty: Bool {
            switch self {
            case .scalar, .set: false
            case .sequence(let nodes): nodes.allSatisfy(\.canBeEmpty)
            case .alternation(let nodes): nodes.contains(where: \.canBeEmpty)
            case .repetition(let node, let minimum, _): minimum == 0 || node.canBeEmpty
            }
        }
    }

    private struct Parser {
        let scalars: [UInt32]
        var position = 0
        var sets: [ScalarClass] = []

        var isAtEnd: Bool { position == scalars.count }

        private func peek(_ offset: Int = 0) -> UInt32? {
            position + offset < scalars.count ? scalars[position + offset] : nil
        }

        mutating func parseAlternation() -> Node? {
            var alternatives: [Node] = []
            while true {
                guard let sequence = parseSequence() else { return nil }
                alternatives.append(sequence)
                guard peek() == UInt32(ascii: "|") else { break }
                position += 1
            }
            return alternatives.count == 1 ? alternatives[0] : .alternation(alternatives)
        }

        private mutating func parseSequence() -> Node? {
            var nodes: [Node] = []
            while let next = peek(), next != UInt32(ascii: "|"), next != UInt32(ascii: ")") {
                guard let atom = parseAtom(), let quantified = parseQuantifier(on: atom) else { return nil }
                nodes.append(quantified)
            }
            return .sequence(nodes)
        }

        private mutating func parseAtom() -> Node? {
            guard let first = peek() else { return nil }
            position += 1
            switch first {
            case UInt32(ascii: "("):
                // A capturing group matches like a non-capturing one; other `(?` forms are refused.
                if peek() == UInt32(ascii: "?") {
                    guard peek(1) == UInt32(ascii: ":") else { return nil }
                    position += 2
                }
                guard let inner = parseAlternation(), peek() == UInt32(ascii: ")") else { return nil }
                position += 1
                return inner
            case UInt32(ascii: "["):
                return parseClass()
            case UInt32(ascii: "\\"):
                return parseEscape()
            case UInt32(ascii: "."), UInt32(ascii: "^"), UInt32(ascii: "$"), UInt32(ascii: "?"), UInt32(ascii: "*"),
                 UInt32(ascii: "+"), UInt32(ascii: "{"), UInt32(ascii: "}"), UInt32(ascii: "]"), UInt32(ascii: "#"):
                return nil
            default:
                return Self.isPlain(first) ? .scalar(first) : nil
            }
        }

        /// After a backslash: `\uXXXX`, `\u{X…}`, `\p{Han}`, or an escaped ASCII mark.
        private mutating func parseEscape() -> Node? {
            guard let kind = peek() else { return nil }
            position += 1
            switch kind {
            case UInt32(ascii: "u"):
                guard let scalar = parseHexScalar(), Self.isPlain(scalar) else { return nil }
                return .scalar(scalar)
            case UInt32(ascii: "p"):
                guard let set = parseProperty() else { return nil }
                sets.append(ScalarClass(ranges: [], properties: [set]))
                return .set(sets.count - 1)
            default:
                // Letters and digits after a backslash are classes or anchors (\d, \b): refused.
                guard kind < 0x80, !Self.isAlphanumeric(kind) else { return nil }
                return .scalar(kind)
            }
        }

        private mutating func parseHexScalar() -> UInt32? {
            var digits: [UInt32] = []
            if peek() == UInt32(ascii: "{") {
                position += 1
                while let next = peek(), next != UInt32(ascii: "}") { digits.append(next); position += 1 }
                guard peek() == UInt32(ascii: "}") else { return nil }
                position += 1
            } else {
                for _ in 0..<4 {
                    guard let next = peek() else { return nil }
                    digits.append(next)
                    position += 1
                }
            }
            guard !digits.isEmpty, digits.count <= 6 else { return nil }
            var value: UInt32 = 0
            for digit in digits {
                guard let hex = Character(Unicode.Scalar(digit) ?? "g").hexDigitValue else { return nil }
                value = value * 16 + UInt32(hex)
            }
            return Unicode.Scalar(value) == nil ? nil : value
        }

        /// `{Han}` after `\p`: the one property whose data the tests compare with the regex engine's.
        private mutating func parseProperty() -> HanProperty? {
            let name = Array("{Han}".unicodeScalars.map(\.value))
            guard position + name.count <= scalars.count, Array(scalars[position..<(position + name.count)]) == name,
                  let han = HanProperty.shared else { return nil }
            position += name.count
            return han
        }

        private mutating func parseClass() -> Node? {
            var ranges: [ClosedRange<UInt32>] = []
            var properties: [HanProperty] = []
            guard peek() != UInt32(ascii: "^") else { return nil }
            while let next = peek(), next != UInt32(ascii: "]") {
                position += 1
                let member: UInt32
                switch next {
                case UInt32(ascii: "\\"):
                    guard let kind = peek() else { return nil }
                    if kind == UInt32(ascii: "p") {
                        position += 1
                        guard let set = parseProperty() else { return nil }
                        properties.append(set)
                        continue
                    }
                    position += 1
                    if kind == UInt32(ascii: "u") {
                        guard let scalar = parseHexScalar() else { return nil }
                        member = scalar
                    } else {
                        guard kind < 0x80, !Self.isAlphanumeric(kind) else { return nil }
                        member = kind
                    }
                case UInt32(ascii: "["), UInt32(ascii: "&"), UInt32(ascii: "~"):
                    return nil  // nested classes and set operations
                default:
                    member = next
                }
                guard Self.isPlain(member) else { return nil }
                if peek() == UInt32(ascii: "-"), let upper = peek(1), upper != UInt32(ascii: "]") {
                    guard upper != UInt32(ascii: "\\"), upper != UInt32(ascii: "["), Self.isPlain(upper), member <= upper else { return nil }
                    position += 2
                    ranges.append(member...upper)
                } else {
                    ranges.append(member...member)
                }
            }
            guard peek() == UInt32(ascii: "]"), !(ranges.isEmpty && properties.isEmpty) else { return nil }
            position += 1
            sets.append(ScalarClass(ranges: ranges, properties: properties))
            return .set(sets.count - 1)
        }

        private mutating func parseQuantifier(on atom: Node) -> Node? {
            guard let next = peek() else { return atom }
            let minimum: Int
            let maximum: Int?
            switch next {
            case UInt32(ascii: "?"): minimum = 0; maximum = 1; position += 1
            case UInt32(ascii: "*"): minimum = 0; maximum = nil; position += 1
            case UInt32(ascii: "+"): minimum = 1; maximum = nil; position += 1
            case UInt32(ascii: "{"):
                position += 1
                guard let lower = parseNumber() else { return nil }
                minimum = lower
                if peek() == UInt32(ascii: ",") {
                    position += 1
                    maximum = peek() == UInt32(ascii: "}") ? nil : parseNumber()
                    if maximum == nil && peek() != UInt32(ascii: "}") { return nil }
                } else {
                    maximum = lower
                }
                guard peek() == UInt32(ascii: "}") else { return nil }
                position += 1
            default:
                return atom
            }
            // Lazy and possessive quantifiers choose differently: refused.
            if let after = peek(), after == UInt32(ascii: "?") || after == UInt32(ascii: "+") || after == UInt32(ascii: "*")
                || after == UInt32(ascii: "{") { return nil }
            if let maximum, maximum < minimum { return nil }
            // A repeated part that can match nothing would loop forever in an unbounded repetition.
            if maximum == nil && atom.canBeEmpty { return nil }
            return .repetition(atom, minimum: minimum, maximum: maximum)
        }

        private mutating func parseNumber() -> Int? {
            var value = 0
            var digits = 0
            while let next = peek(), next >= UInt32(ascii: "0"), next <= UInt32(ascii: "9"), digits < 4 {
                value = value * 10 + Int(next - UInt32(ascii: "0"))
                digits += 1
                position += 1
            }
            return digits > 0 ? value : nil
        }

        private static func isAlphanumeric(_ scalar: UInt32) -> Bool {
            (scalar >= 0x30 && scalar <= 0x39) || ((scalar | 0x20) >= 0x61 && (scalar | 0x20) <= 0x7A)
        }

        /// A scalar the regex engine compares by plain equality: one that no other scalar is
        /// canonically equivalent to (NFC-inert: Han characters and Chinese marks are; Latin
        /// letters, which can compose, are not, and leave their patterns to the regex engine).
        private static func isPlain(_ scalar: UInt32) -> Bool {
            ScalarText.isPlain(scalar)
        }
    }

    private struct Emitter {
        var program: [Instruction] = []

        /// False when the program grows past any byline's need.
        mutating func emit(_ node: Node) -> Bool {
            guard program.count <= 4096 else { return false }
            switch node {
            case .scalar(let scalar): program.append(.scalar(scalar))
            case .set(let index): program.append(.set(index))
            case .sequence(let nodes):
                for node in nodes where !emit(node) { return false }
            case .alternation(let nodes):
                var jumps: [Int] = []
                for (index, node) in nodes.enumerated() {
                    if index == nodes.count - 1 {
                        guard emit(node) else { return false }
                        break
                    }
                    let split = program.count
                    program.append(.match)  // patched below
                    guard emit(node) else { return false }
                    jumps.append(program.count)
                    program.append(.match)  // patched below
                    program[split] = .split(split + 1, program.count)
                }
                for jump in jumps { program[jump] = .jump(program.count) }
            case .repetition(let node, let minimum, let maximum):
                for _ in 0..<minimum where !emit(node) { return false }
                if let maximum {
                    var splits: [Int] = []
                    for _ in minimum..<maximum {
                        splits.append(program.count)
                        program.append(.match)  // patched below
                        guard emit(node) else { return false }
                    }
                    for split in splits { program[split] = .split(split + 1, program.count) }
                } else {
                    let loop = program.count
                    program.append(.match)  // patched below
                    guard emit(node) else { return false }
                    program.append(.jump(loop))
                    program[loop] = .split(loop + 1, program.count)
                }
            }
            return true
        }
    }
}

/// A class of a pattern: scalar ranges and property sets.
private struct ScalarClass: Sendable {
    let ranges: [ClosedRange<UInt32>]
    let properties: [HanProperty]

    @inline(__always)
    func contains(_ scalar: UInt32) -> Bool {
        ranges.contains { $0.contains(scalar) } || properties.contains { $0.contains(scalar) }
    }
}

/// A text as the scalar matcher reads it, or nil when the matcher could answer differently from
/// the regex engine: the engine matches Characters, compares them by canonical equivalence and
/// reads `\p{Han}` from its own Unicode data. So every Character must be one scalar that no other
/// scalar is equivalent to (NFC-inert), and assigned in the system ICU's Unicode version, whose
/// Han set `ScalarPatternTests` compares with the regex engine's for every scalar it accepts.
struct ScalarText {
    let scalars: [UInt32]
    /// Where each scalar starts in the text, and the text's end last.
    let indices: [String.Index]

    init?(_ text: Substring) {
        var scalars: [UInt32] = []
        var indices: [String.Index] = []
        scalars.reserveCapacity(text.utf8.count)
        indices.reserveCapacity(text.utf8.count + 1)
        let view = text.unicodeScalars
        var index = view.startIndex
        var allStandAlone = true
        while index < view.endIndex {
            let scalar = view[index].value
            guard Self.isPlain(scalar) else { return nil }
            if allStandAlone && !Self.standsAlone(scalar) { allStandAlone = false }
            scalars.append(scalar)
            indices.append(index)
            index = view.index(after: index)
        }
        indices.append(view.endIndex)
        // A scalar that joins the one before it (a variation selector, a CR LF pair) makes one
        // Character of several; text of scalars that never join needs no Character count.
        guard allStandAlone || text.count == scalars.count else { return nil }
        self.scalars = scalars
        self.indices = indices
    }

    /// Scalars whose Grapheme_Cluster_Break is Other and stays so: printable ASCII, CJK marks
    /// (U+3000–U+3029, U+3030–U+303F; U+302A–U+302F are combining), Han (U+3400–U+4DBF,
    /// U+4E00–U+9FFF), general punctuation U+2010–U+2027 and full-width forms U+FF01–U+FF5E.
    /// Between two of them there is always a Character boundary.
    static func standsAlone(_ scalar: UInt32) -> Bool {
        switch scalar {
        case 0x20...0x7E, 0x2010...0x2027, 0x3000...0x3029, 0x3030...0x303F, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xFF01...0xFF5E:
            return true
        default:
            return false
        }
    }

    static func isPlain(_ scalar: UInt32) -> Bool {
        // Han and the marks around it are assigned and NFC-inert (a test checks each): no ICU
        // call. (ASCII letters are not inert: a combining mark after one composes with it.)
        scalar >= 0x2010 && standsAlone(scalar) || !unassigned.contains(scalar) && ICU.isNFCInert(scalar)
    }

    /// Unassigned in the system ICU's Unicode version (a later version may have assigned it).
    static let unassigned = CodePointSet(pattern: "[:Cn:]") ?? CodePointSet(pattern: "", ranges: [0...0x10FFFF])
}

/// The regex engine's `\p{Han}`, which reads Script_Extensions (、 is Han to it). Scalars of the
/// Han script are read from the system ICU's data; shared marks (script Common or Inherited,
/// whose extensions change between Unicode versions: ·, ⿰) are asked of the regex engine once
/// each and remembered.
final class HanProperty: Sendable {
    private let han: CodePointSet
    private let shared: CodePointSet
    private let answers = Mutex<[UInt32: Bool]>([:])

    static let shared: HanProperty? = {
        guard let han = CodePointSet(pattern: "[:Script=Han:]"),
              let shared = CodePointSet(pattern: "[[:Script=Common:][:Script=Inherited:]]") else { return nil }
        return HanProperty(han: han, shared: shared)
    }()

    private init(han: CodePointSet, shared: CodePointSet) {
        self.han = han
        self.shared = shared
    }

    /// False for the shared marks, which the regex engine answers.
    func readsFromICU(_ scalar: UInt32) -> Bool { !shared.contains(scalar) }

    func contains(_ scalar: UInt32) -> Bool {
        guard shared.contains(scalar) else { return han.contains(scalar) }
        if let known = answers.withLock({ $0[scalar] }) { return known }
        let answer = Unicode.Scalar(scalar).map { (try? Regex("\\p{Han}").wholeMatch(in: String(Character($0)))) != nil } ?? false
        answers.withLock { $0[scalar] = answer }
        return answer
    }
}

private extension UInt32 {
    /// The scalar value of an ASCII character, for reading pattern syntax.
    init(ascii scalar: Unicode.Scalar) { self = scalar.value }
}
