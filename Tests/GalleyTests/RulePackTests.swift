import Foundation
import Testing
@testable import Galley

/// A broken rule file is refused with its file, line and problem.
struct RulePackTests {
    static let manifest = """
        pack: test
        version: 1
        description: test pack
        sets:
          chinese: '[[:Han:]]'
          sentence-final: '[。]'
          prose-marks: '[。，]'
          closing-marks: '[”]'
          colons: '[：]'
          cannot-start: '[，]'
        shape:
          short-line-max: 30
          bracket-pairs: ['（）']
        """

    struct Broken: CustomStringConvertible, Sendable {
        let name: String
        let file: String
        let line: Int?
        let problem: String
        var description: String { name }
    }

    static let broken: [Broken] = [
        Broken(name: "bad YAML", file: "stage: normalize\ndescription: x\nrules:\n  - id: a\n   kind: [", line: 5, problem: "not valid YAML"),
        Broken(name: "unknown kind", file: """
            stage: normalize
            description: x
            rules:
              - id: a
                kind: teleport
                description: y
                examples: [{leave: "x"}]
            """, line: 4, problem: "unknown normalization rule kind 'teleport'"),
        Broken(name: "bad set", file: """
            stage: normalize
            description: x
            rules:
              - id: a
                kind: delete
                set: '[\\u12'
                description: y
                examples: [{leave: "x"}]
            """, line: 6, problem: "not a valid ICU UnicodeSet pattern"),
        Broken(name: "no examples", file: """
            stage: normalize
            description: x
            rules:
              - id: a
                kind: nfc
                description: y
            """, line: 4, problem: "has no examples"),
        Broken(name: "unknown key", file: """
            stage: normalize
            description: x
            rules:
              - id: a
                kind: nfc
                description: y
                colour: red
                examples: [{leave: "x"}]
            """, line: 7, problem: "unknown key 'colour'"),
        Broken(name: "unknown stage", file: "stage: teleport\ndescription: x\nrules: []\n", line: 1, problem: "unknown stage 'teleport'"),
    ]

    @Test(arguments: broken)
    func brokenFileIsRefusedWithFileAndLine(_ broken: Broken) throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("galley-pack-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try Self.manifest.write(to: directory.appendingPathComponent("pack.yaml"), atomically: true, encoding: .utf8)
        try broken.file.write(to: directory.appendingPathComponent("broken.yaml"), atomically: true, encoding: .utf8)
        do {
            _ = try Pipeline(pack: RulePack.load(directory: directory.path))
            Issue.record("the broken file was accepted")
        } catch let error as RuleFileError {
            #expect(error.file.hasSuffix("broken.yaml"))
            #expect(error.line == broken.line)
            #expect(error.problem.contains(broken.problem), "\(error)")
        }
    }

    /// The subject-break rules are optional: a pack without them loads and breaks articles only
    /// where the page marks it.
    @Test func packWithoutSubjectBreaksLoads() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("galley-pack-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: Repository.url("Rules/zh-Hans"), to: directory)
        defer { try? FileManager.default.removeItem(at: directory) }
        let structure = directory.appendingPathComponent("structure.yaml")
        let text = try String(contentsOf: structure, encoding: .utf8)
        let start = try #require(text.range(of: "  - id: signed-brief\n"))
        let end = try #require(text.range(of: "  - id: list-item\n"))
        try text.replacingCharacters(in: start.lowerBound..<end.lowerBound, with: "").write(to: structure, atomically: true, encoding: .utf8)
        let pack = try RulePack.load(directory: directory.path)
        let rules = try StructureRules(pack: pack)
        #expect(rules.signedBrief == nil && rules.subjectChange == nil)
        _ = try Pipeline(pack: pack)
    }

    @Test func builtInPackLoadsFromTheBinary() throws {
        let pack = try RulePack.builtIn()
        #expect(pack.name == "zh-Hans")
        #expect(pack.files.contains { $0.stage == Normalization.id })
    }
}
