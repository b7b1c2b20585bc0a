import ArgumentParser
import Foundation
import Galley

struct EvalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Measure the pipeline against gold files: article assembly, paragraphs, spaces, bylines, headlines, text.",
        discussion: """
            Runs the pipeline on the page of every NAME.gold.json in DIR (the page its "source" \
            names, relative to DIR) and prints one table of figures summed over all pages. Make gold \
            files with 'galley simulate', or write them by hand (seeds/ holds one). A gold file or \
            page that cannot be read is reported and counted as failed: the table is still printed, \
            and the exit status is 1. The README's "Measuring quality" section explains each figure.
            """
    )

    @Argument(help: ArgumentHelp("Folder of NAME.gold.json files with their pages.", valueName: "DIR"))
    var directory: String

    @Option(help: ArgumentHelp("Also write the figures as JSON to FILE.", valueName: "FILE"))
    var json: String?

    @OptionGroup var rules: RulePackOptions

    func run() throws {
        let evaluator: Evaluator
        let counts: QualityCounts
        let failures: [String]
        do {
            evaluator = try Evaluator(pipeline: rules.pipeline())
            (counts, failures) = try evaluator.evaluate(directory: directory)
        } catch let failure as Failure {
            throw failure
        } catch {
            throw Failure(error)
        }
        for failure in failures { FileHandle.standardError.write(Data("galley: \(failure)\n".utf8)) }
        let report = QualityReport(counts: counts, failures: failures)
        if let json { try writeFile(report.json(), to: json) }
        writeOutput(report.table())
        if !failures.isEmpty {
            throw Failure("\(failures.count) of \(failures.count + counts.pages) gold files could not be evaluated")
        }
    }
}
