/// A half-open byte range `[start, end)` into the raw input of a page.
public typealias ByteSpan = Range<Int>

/// One change a stage made, as the contract's edit record describes it.
public struct Edit: Sendable, Equatable {
    public enum Kind: String, Sendable {
        /// `span`'s text became `after`.
        case replace
        /// Two blocks made one paragraph (`spans`, `score`).
        case join
        /// A block placed into another article (`span`, `score`).
        case move
        /// A block given a role (`span`, `after` is the role).
        case tag
    }

    public var stage: String
    public var rule: String
    public var kind: Kind
    public var span: ByteSpan
    public var before: String
    public var after: String
    /// For `join`: the raw spans of the two blocks made one.
    public var spans: [ByteSpan]
    /// For `join` and `move`: the evidence score behind the decision.
    public var score: Double?

    public init(stage: String, rule: String, kind: Kind, span: ByteSpan, before: String = "",
                after: String = "", spans: [ByteSpan] = [], score: Double? = nil) {
        self.stage = stage
        self.rule = rule
        self.kind = kind
        self.span = span
        self.before = before
        self.after = after
        self.spans = spans
        self.score = score
    }
}
