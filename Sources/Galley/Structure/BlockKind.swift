/// What one block is on its own, before its neighbours are read. The assembler then decides, from
/// the blocks around it, whether a headline-shaped block is a headline or a subhead, whether a
/// label belongs to an article, and where articles start and end.
enum BlockKind: Equatable {
    /// `（下转第2版）`: a flag, no text.
    case jump(rule: String, flag: String)
    /// A photo caption (`图为…`, `…摄`).
    case caption
    /// A whole block that is a byline: `（李杰华）`, `记者 阎轶洁`.
    case byline([Byline], rule: String)
    /// `【并州论坛】` (bracketed) or a label line such as `关注县（市、区）两会`.
    case label(String, bracketed: Bool)
    /// One short line without sentence punctuation: headline, subhead or author line material.
    case headline
    /// Running text.
    case paragraph
}

/// Reads the kind of each block with the pack's structure and byline patterns.
struct BlockReader: Sendable {
    let structure: StructureRules
    let bylines: BylinePatterns

    func kinds(of blocks: [Block]) -> [BlockKind] {
        var kinds = blocks.map { $0.ownKind ?? kind(of: $0) }
        // A short numbered line among items numbered the same way is a list item, not a headline
        // (第五是新建篮球场 between 第四是… and 第六是…); 三、回避 between 7. and 8. is a section head.
        for index in kinds.indices where kinds[index] == .headline {
            guard let marker = listMarker(of: blocks[index]) else { continue }
            let neighbours = [index - 1, index + 1].filter { kinds.indices.contains($0) }
            if neighbours.contains(where: { listMarker(of: blocks[$0]) == marker && [.paragraph, .headline].contains(kinds[$0]) }) {
                kinds[index] = .paragraph
            }
        }
        return kinds
    }

    func kind(of block: Block) -> BlockKind {
        let text = block.trimmedText
        if let jump = structure.wholeJump(text) { return .jump(rule: jump.rule, flag: jump.flag) }
        if structure.caption.matchesWhole(text) { return .caption }
        if let found = bylines.bylines(in: text) {
            return .byline(found, rule: text.insideRoundBrackets == nil ? bylines.roleNamesRule : bylines.bracketedRule)
        }
        if let label = structure.bracketedLabel(in: text) { return .label(String(label), bracketed: true) }
        // A dateline opens running text, and a byline closes it, however short the block.
        if structure.lead.prefix(of: text) != nil || bylines.trailingBylines(in: text) != nil { return .paragraph }
        // A headline neither starts inside a sentence nor ends with a sentence-final mark.
        guard structure.isHeadlineShaped(text), !block.shape.startsOpen, block.shape.endsOpen else { return .paragraph }
        return structure.labelLine.matchesWhole(text) ? .label(String(text), bracketed: false) : .headline
    }

    /// Which of the pack's list markers opens the block.
    func listMarker(of block: Block) -> Int? {
        structure.listItem.patternIndex(atStartOf: block.trimmedText)
    }
}

extension Block {
    /// The block's current text without the spaces at its edges.
    var trimmedText: Substring { Substring(string).trimmingSpaces }
}
