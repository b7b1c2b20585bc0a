/// Edits counted per stage and per rule, straight from the edit log. An edit that several
/// rules made together (`a+b`) counts once for its stage and once under each of its rules.
public struct DiffSummary: Sendable, Equatable {
    public struct Count: Sendable, Equatable {
        public let stage: String
        /// nil for a stage's line.
        public let rule: String?
        public private(set) var edits = 0
        /// Edits per kind, kinds in the order they first appear in the log.
        public private(set) var kinds: [KindCount] = []

        /// `12 replace` or `2 join, 1 move`.
        public var kindsText: String {
            kinds.map { "\($0.edits) \($0.kind.rawValue)" }.joined(separator: ", ")
        }

        mutating func add(_ kind: Edit.Kind) {
            edits += 1
            if let index = kinds.firstIndex(where: { $0.kind == kind }) {
                kinds[index].edits += 1
            } else {
                kinds.append(KindCount(kind: kind, edits: 1))
            }
        }
    }

    public struct KindCount: Sendable, Equatable {
        public let kind: Edit.Kind
        public var edits: Int
    }

    public let edits: Int
    /// Stages in the order they first appear in the log (the pipeline's order).
    public let stages: [Count]
    /// Rules grouped by stage, each stage's rules in the order they first appear.
    public let rules: [Count]

    public init(edits log: [Edit]) {
        var stages: [Count] = []
        var rules: [Count] = []
        for edit in log {
            Self.count(edit.kind, stage: edit.stage, rule: nil, in: &stages)
            for label in EditLabel.labels(of: edit) {
                Self.count(edit.kind, stage: label.stage, rule: label.rule, in: &rules)
            }
        }
        let stageOrder = stages.map(\.stage)
        edits = log.count
        self.stages = stages
        self.rules = rules.enumerated().sorted { a, b in
            let left = stageOrder.firstIndex(of: a.element.stage) ?? 0
            let right = stageOrder.firstIndex(of: b.element.stage) ?? 0
            return left != right ? left < right : a.offset < b.offset
        }.map(\.element)
    }

    private static func count(_ kind: Edit.Kind, stage: String, rule: String?, in counts: inout [Count]) {
        if let index = counts.firstIndex(where: { $0.stage == stage && $0.rule == rule }) {
            counts[index].add(kind)
        } else {
            var count = Count(stage: stage, rule: rule)
            count.add(kind)
            counts.append(count)
        }
    }
}
