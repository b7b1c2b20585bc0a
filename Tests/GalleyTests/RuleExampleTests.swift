import Testing
@testable import Galley

/// Every example of every rule file of the built-in pack, run through the pipeline up to the
/// rule's stage (SwiftLint's style: rules carry their own examples).
struct RuleExampleTests {
    static let examples: [RuleExample] = Shared.pipeline.pack.rules.flatMap(\.examples)
    static let stageOfRule: [String: String] = Dictionary(
        Shared.pipeline.pack.files.flatMap { file in file.rules.map { ($0.id, file.stage) } },
        uniquingKeysWith: { first, _ in first })

    @Test("rule example", arguments: examples)
    func example(_ example: RuleExample) throws {
        let stage = try #require(Self.stageOfRule[example.rule])
        let output = try Shared.pipeline.exampleOutput(input: example.input, stage: stage)
        #expect(output == example.output, "\(example.file):\(example.line ?? 0) (\(example.rule))")
    }

    /// The same examples behind a block of multi-byte text: offsets must not assume ASCII.
    @Test("rule example after multi-byte text", arguments: examples)
    func exampleAfterMultiByteText(_ example: RuleExample) throws {
        let stage = try #require(Self.stageOfRule[example.rule])
        let prefix = "多字节前缀𠀀ü。\n\n"
        let output = try Shared.pipeline.exampleOutput(input: prefix + example.input, stage: stage)
        #expect(output == prefix + example.output, "\(example.file):\(example.line ?? 0) (\(example.rule))")
    }

    @Test func everyRuleHasADescriptionAndExamples() {
        for rule in Shared.pipeline.pack.rules {
            #expect(!rule.description.isEmpty, "\(rule.id)")
            #expect(!rule.examples.isEmpty, "\(rule.id)")
        }
    }
}
