import ArgumentParser
import Dispatch
import Foundation
import Galley

extension BatchFormat: ExpressibleByArgument {}

struct BatchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "batch",
        abstract: "Repair a whole archive: every page in folders, globs and JSONL files, in parallel.",
        discussion: """
            Each page gets one output file under --out, at the same place as the page below the \
            folder (or glob prefix) that named it: archive/1998/p4.txt becomes DIR/1998/p4.md. A JSONL \
            file of page records gets one output file holding its records' output in input order, \
            as 'galley repair --input jsonl' would print it. Outputs are written whole or not at \
            all (a temporary file, then a rename).

            A page that cannot be repaired (missing, unreadable, binary, invalid UTF-8, too large, a \
            bad JSONL record) does not stop the batch: it is listed with its reason at the end and \
            in DIR/failures.jsonl, and the exit status is 1. Ctrl-C stops after the pages in \
            progress; --resume then skips every input whose output is newer than it.
            """
    )

    @Argument(help: ArgumentHelp(
        "Pages (.txt, .md), JSONL files of page records ({\"id\": ..., \"text\": ...} per line), folders (searched recursively) or glob patterns.",
        valueName: "INPUT"))
    var inputs: [String]

    @Option(name: .customLong("out"), help: ArgumentHelp("The folder outputs go to; created if missing.", valueName: "DIR"))
    var outputDirectory: String

    @Option(help: "Output format: markdown, text, json (one document per page), jsonl (one line per article) or es-bulk (Elasticsearch/OpenSearch _bulk NDJSON).")
    var format: BatchFormat = .markdown

    @Option(help: ArgumentHelp("The Elasticsearch/OpenSearch index the es-bulk documents go into.", valueName: "NAME"))
    var index: String?

    @Option(name: [.short, .long], help: ArgumentHelp("Pages repaired at once; defaults to the number of cores.", valueName: "N"))
    var jobs = ProcessInfo.processInfo.activeProcessorCount

    @Flag(help: "Skip inputs whose output is newer than they are (to finish an interrupted run).")
    var resume = false

    @OptionGroup var pageLimit: PageLimitOptions

    @OptionGroup var rules: RulePackOptions

    func validate() throws {
        guard jobs > 0 else { throw ValidationError("-j needs a positive number of pages to repair at once.") }
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: outputDirectory, isDirectory: &isDirectory), !isDirectory.boolValue {
            throw ValidationError("--out \(outputDirectory) is a file; name a folder for the outputs.")
        }
        switch (format, index) {
        case (.esBulk, nil):
            throw ValidationError("--format es-bulk needs --index NAME, the index the documents go into (for example --index newspapers).")
        case (.esBulk, let name?):
            if let problem = Self.indexNameProblem(name) { throw ValidationError("--index \(name): \(problem).") }
        case (_, .some):
            throw ValidationError("--index goes with --format es-bulk.")
        default:
            break
        }
    }

    /// Elasticsearch's rules for index names, checked before any page is repaired.
    static func indexNameProblem(_ name: String) -> String? {
        if name.isEmpty || name == "." || name == ".." { return "not a usable index name" }
        if name != name.lowercased() { return "index names must be lowercase" }
        if let first = name.first, "-_+".contains(first) { return "an index name cannot start with '\(first)'" }
        if name.contains(where: { "\\/*?\"<>|, #:".contains($0) }) { return "an index name cannot contain \\ / * ? \" < > | , # : or a space" }
        return nil
    }

    func run() throws {
        let options = BatchOptions(outputDirectory: outputDirectory, format: format, index: index ?? "",
                                   jobs: jobs, resume: resume, maxPageBytes: pageLimit.maxPageBytes)
        let batch = Batch(arguments: inputs, options: options, pipeline: try rules.pipeline())
        let interruption = Self.cancelOnInterrupt(batch)
        defer { interruption.cancel() }

        let terminal = isatty(STDERR_FILENO) != 0
        let summary: BatchSummary
        do {
            summary = try batch.run(every: terminal ? 0.2 : 10) { progress in
                Self.writeError(terminal ? "\r" + progress.bar() + "\u{1B}[K" : "galley batch: " + progress.line + "\n")
            }
        } catch {
            throw Failure(error)
        }
        Self.writeError((terminal ? "\r\u{1B}[K" : "") + "galley batch: " + summary.report)
        if summary.interrupted { throw ExitCode(130) }
        if summary.failed > 0 { throw ExitCode(1) }
    }

    /// The first Ctrl-C lets the pages in progress finish and be written; a second one stops at once.
    static func cancelOnInterrupt(_ batch: Batch) -> any DispatchSourceSignal {
        signal(SIGINT, SIG_IGN)
        let source = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
        source.setEventHandler {
            signal(SIGINT, SIG_DFL)
            writeError("\ngalley batch: interrupted; finishing the pages in progress (Ctrl-C again stops at once)\n")
            batch.cancel()
        }
        source.resume()
        return source
    }

    static func writeError(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}
