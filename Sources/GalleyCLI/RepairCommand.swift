import ArgumentParser
import Foundation
import Galley

extension OutputFormat: ExpressibleByArgument {}

/// How `galley repair` reads its files (contract: commands).
enum PageInput: String, ExpressibleByArgument {
    /// A file is one page.
    case text
    /// Each line is a page record `{"id": "...", "text": "..."}`, repaired and printed as it arrives.
    case jsonl
}

struct RepairCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "repair",
        abstract: "Repair OCR pages and print their articles.",
        discussion: """
            Each FILE is one page of OCR text (Markdown emphasis allowed). With several pages, \
            --format json prints one JSON document per line. Nothing is printed unless every page \
            was read and repaired.

            With --input jsonl each line of the input is a page record {"id": ..., "text": ...}, \
            and each record's output is printed as soon as it is ready, so that Galley can run as \
            the mapper of a distributed engine. A bad record is reported on standard error (and, \
            with --format json or jsonl, as a line {"id", "error", "source", "line"} on standard \
            output) and the stream goes on; the exit status is then 1.
            """
    )

    @Argument(help: ArgumentHelp("Pages to repair; '-' or none reads standard input.", valueName: "FILE"))
    var files: [String] = []

    @Option(help: "Input: text (a file is one page) or jsonl (each line is a page record {\"id\", \"text\"}).")
    var input: PageInput = .text

    @Option(help: "Output format: markdown, text, json (one document per page) or jsonl (one line per article).")
    var format: OutputFormat = .markdown

    @Flag(help: "Add the edit log (every change, with its stage and rule) to JSON output.")
    var edits = false

    @Flag(help: "Print why each decision was taken, to standard error.")
    var explain = false

    @OptionGroup var pageLimit: PageLimitOptions

    @OptionGroup var rules: RulePackOptions

    func validate() throws {
        if edits && format != .json { throw ValidationError("--edits goes with --format json.") }
    }

    func run() throws {
        let pipeline = try rules.pipeline()
        let paths = files.isEmpty ? ["-"] : files
        if input == .jsonl { return try stream(paths, through: pipeline) }
        let pages: [Page]
        do {
            pages = try paths.map { try PageReader.read(path: $0, maxBytes: pageLimit.maxPageBytes) }
        } catch {
            throw Failure(error)
        }
        var output = ""
        for page in pages {
            let result = pipeline.run(page, explain: explain)
            if explain {
                for line in result.explanations { FileHandle.standardError.write(Data("\(page.source): \(line)\n".utf8)) }
            }
            if !output.isEmpty { output += format.pageSeparator }
            output += Renderer.render(result, as: format, includeEdits: edits)
        }
        writeOutput(output)
    }

    /// Page records in, output out, one record at a time; a bad record does not stop the stream.
    private func stream(_ paths: [String], through pipeline: Pipeline) throws {
        var stream = RecordStream(pipeline: pipeline, format: format)
        stream.includeEdits = edits
        stream.explain = explain
        stream.maxPageBytes = pageLimit.maxPageBytes
        for path in paths {
            stream.repair(path: path, output: writeOutput) { message in
                FileHandle.standardError.write(Data("\(message)\n".utf8))
            }
        }
        if stream.failed > 0 {
            throw Failure("\(stream.failed) of \(stream.repaired + stream.failed) records failed (listed above)")
        }
    }
}
