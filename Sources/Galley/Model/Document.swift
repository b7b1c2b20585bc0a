/// Markdown markers found on a block. They are evidence for tagging and never reach the text:
/// the parser removes them with `replace` edits and remembers what they said here.
public struct Markup: Sendable, Equatable {
    /// `#` count of a Markdown heading line, 0 when none.
    public var headingLevel = 0
    /// Raw spans of text inside `**…**`, `__…__` or `*…*`.
    public var emphasis: [ByteSpan] = []
}

/// A blank-line-separated block of the page.
public struct Block: Sendable {
    /// 0-based position among the page's blocks.
    public let index: Int
    /// The block's bytes in the raw page, markers included (for a block joined from several,
    /// the first one's; `sources` lists them all).
    public let rawSpan: ByteSpan
    public var text: EditableText
    public var markup: Markup
    /// Cheap features every stage may read; computed from the normalized text.
    public var shape: BlockShape

    /// Flags the article holding this block inherits (`truncated-start`, `truncated-end`).
    public var flags: [String] = []
    /// Indices of the raw blocks joined into this one, in reading order.
    public var joinedIndices: [Int]
    /// What the block is on its own, read once by stitching and reused by tagging (the rule
    /// patterns cost microseconds a call); nil until read, and again once the text changes.
    var ownKind: BlockKind?

    /// The block's current text as a String.
    public var string: String { text.string }

    /// Raw spans of the block's text in reading order (several once blocks were joined).
    public var sources: [ByteSpan] { text.rawSpans(of: 0..<text.bytes.count) }

    public init(index: Int, rawSpan: ByteSpan, text: EditableText, markup: Markup, shape: BlockShape = BlockShape()) {
        self.index = index
        self.rawSpan = rawSpan
        self.text = text
        self.markup = markup
        self.shape = shape
        joinedIndices = [index]
    }
}

/// The working state of one page as it passes through the stages.
public struct Document: Sendable {
    public let page: Page
    public var blocks: [Block]
    /// The raw spans of the page's blocks as parsed, in raw order: stitching reorders and joins
    /// `blocks`, these stay what the page printed.
    public let rawBlockSpans: [ByteSpan]
    public var edits: [Edit] = []
    public var articles: [Article] = []
    public var labels: [PageLabel] = []
    public let explaining: Bool
    public private(set) var explanations: [String] = []

    public var raw: [UInt8] { page.raw }

    public init(page: Page, explaining: Bool = false) {
        self.page = page
        self.explaining = explaining
        var edits: [Edit] = []
        blocks = BlockParser.blocks(of: page.raw, edits: &edits)
        rawBlockSpans = blocks.map(\.rawSpan)
        self.edits = edits
    }

    /// Records why `stage` took a decision; the message is built only under `--explain`.
    public mutating func explain(_ stage: String, _ message: @autoclosure () -> String) {
        if explaining { explanations.append("\(stage): \(message())") }
    }

    /// The result the renderers take.
    public var result: PageResult {
        PageResult(source: page.source, articles: articles, labels: labels, edits: edits, explanations: explanations)
    }
}
