import ArgumentParser
import Foundation
import Galley

extension OutputFormat: ExpressibleByArgument {}

struct RepairCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "repair",
        abstract: "Repair OCR pages and print their articles.",
        discussion: """
            Each FILE is one page of OCR text (Markdown emphasis allowed). With several pages, \
            --format json prints one JSON document per line. Nothing is printed unless every page \
            was read and repaired.
            """
    )

    @Argument(help: ArgumentHelp("Pages to repair; '-' or none reads standard input.", valueName: "FILE"))
    var files: [String] = []

    @Option(help: "Output format: markdown, text, json (one document per page) or jsonl (one line per article).")
    var format: OutputFormat = .markdown

    @Flag(help: "Add the edit log (every change, with its stage and rule) to JSON output.")
    var edits = false

    @Flag(help: "Print why each decision was taken, to standard error.")
    var explain = false

    @Option(help: ArgumentHelp("Refuse pages larger than this many bytes.", valueName: "BYTES"))
    var maxPageBytes = Page.defaultMaxBytes

    @OptionGroup var rules: RulePackOptions

    func validate() throws {
        guard maxPageBytes > 0 else { throw ValidationError("--max-page-bytes must be a positive number of bytes.") }
        if edits && format != .json { throw ValidationError("--edits goes with --format json.") }
    }

    func run() throws {
        let pipeline = try rules.pipeline()
        let paths = files.isEmpty ? ["-"] : files
        let pages: [Page]
        do {
            pages = try paths.map { try PageReader.read(path: $0, maxBytes: maxPageBytes) }
        } catch {
            throw Failure(error)
        }
        var output = ""
        for page in pages {
            let result = pipeline.run(page, explain: explain)
            if explain {
                for line in result.explanations { FileHandle.standardError.write(Data("\(page.source): \(line)\n".utf8)) }
            }
            if !output.isEmpty && (format == .markdown || format == .text) { output += "\n" }
            output += Renderer.render(result, as: format, includeEdits: edits)
        }
        writeOutput(output)
    }
}
