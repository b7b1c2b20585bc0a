/// The stages in the order they run (contract: pipeline order). This list is the only place
/// that order is written down.
public enum PipelineOrder {
    public static let stages: [any Stage.Type] = [
        Normalization.self,
        Spacing.self,
        Stitching.self,
        Tagging.self,
    ]
}

/// A rule pack compiled into runnable stages.
public struct Pipeline: Sendable {
    public let pack: RulePack
    let stages: [any Stage]
    let shapes: ShapeReader

    public init(pack: RulePack) throws {
        self.pack = pack
        let known = Set(PipelineOrder.stages.map { $0.id })
        for file in pack.files where !known.contains(file.stage) {
            throw RuleFileError(file: file.path, line: file.root.optional("stage")?.line,
                                problem: "unknown stage '\(file.stage)' (stages: \(PipelineOrder.stages.map { $0.id }.joined(separator: ", ")))")
        }
        shapes = try ShapeReader(pack: pack)
        stages = try PipelineOrder.stages.map { try $0.init(pack: pack) }
    }

    /// Runs every stage on `page`.
    public func run(_ page: Page, explain: Bool = false) -> PageResult {
        document(for: page, through: nil, explain: explain).result
    }

    /// Runs the stages up to and including `lastStage` (all when nil), refreshing block shapes
    /// after each stage so that the next one reads them from the current text.
    public func document(for page: Page, through lastStage: String?, explain: Bool = false) -> Document {
        var document = Document(page: page, explaining: explain)
        for stage in stages {
            stage.run(&document)
            document.refreshShapes(with: shapes)
            if type(of: stage).id == lastStage { break }
        }
        return document
    }

    /// Runs one rule example through the pipeline up to the rule's stage and returns what the
    /// stage shows for it.
    public func exampleOutput(input: String, stage stageID: String) throws -> String {
        guard let stage = stages.first(where: { type(of: $0).id == stageID }) else {
            throw RuleFileError(file: stageID, line: nil, problem: "no stage '\(stageID)'")
        }
        let page = try Page(source: "example", text: input)
        return stage.exampleOutput(document(for: page, through: stageID))
    }
}
