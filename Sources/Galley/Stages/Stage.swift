/// A step of the pipeline. Each stage reads its rules from the rule pack, changes the document
/// only through edits, and says in its doc comment what it changes and what it never touches.
public protocol Stage: Sendable {
    /// Stable id: edit records and rule files name the stage by it.
    static var id: String { get }
    init(pack: RulePack) throws
    func run(_ document: inout Document)
    /// What a rule example of this stage is compared against, after the pipeline ran through it.
    func exampleOutput(_ document: Document) -> String
}

extension Stage {
    /// By default an example compares the blocks' texts, joined by blank lines.
    public func exampleOutput(_ document: Document) -> String {
        document.blocks.map(\.string).joined(separator: "\n\n")
    }
}
