import ArgumentParser
import Galley

struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "List the rules of the rule pack, with what each one does.",
        discussion: "A broken rule file is reported with its file, line and problem."
    )

    @OptionGroup var rules: RulePackOptions

    func run() throws {
        let pack = try rules.pipeline().pack
        var lines = ["\(pack.name) (version \(pack.version)): \(pack.description)"]
        for file in pack.files {
            lines.append("")
            lines.append("\(file.path) [stage: \(file.stage)] \(file.description)")
            for rule in file.rules {
                lines.append("  \(rule.id) (\(rule.kind)): \(rule.description)")
            }
        }
        writeOutput(lines.joined(separator: "\n") + "\n")
    }
}
