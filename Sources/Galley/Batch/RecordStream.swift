/// `galley repair --input jsonl`: page records in, their output out, one record at a time, so
/// that a distributed engine can run Galley as its mapper (Spark's `RDD.pipe`, Hadoop streaming).
/// A bad record becomes an error line (in the line-oriented formats) and a message, and the
/// stream goes on.
public struct RecordStream {
    public let pipeline: Pipeline
    public let format: OutputFormat
    public var includeEdits = false
    public var explain = false
    public var maxPageBytes = Page.defaultMaxBytes

    /// Records repaired, and records (or files) that failed, so far.
    public private(set) var repaired = 0
    public private(set) var failed = 0

    public init(pipeline: Pipeline, format: OutputFormat) {
        self.pipeline = pipeline
        self.format = format
    }

    /// Repairs every record of `path` (`-`: standard input). Each page's output goes to `output`
    /// as soon as it is ready; messages (failures, explanations) go to `messages`.
    public mutating func repair(path: String, output: (String) -> Void, messages: (String) -> Void) {
        let source = path == "-" ? "stdin" : path
        let reader: RecordLineReader
        do {
            reader = try RecordLineReader(path: path, lineLimit: RecordLineReader.lineLimit(forPageBytes: maxPageBytes))
        } catch {
            fail(BatchFailure(source: source, problem: (error as? Page.InputError)?.problem ?? "\(error)"), output, messages)
            return
        }
        while true {
            let line: RecordLine
            do {
                guard let next = try reader.next() else { return }
                line = next
            } catch {
                fail(BatchFailure(source: source, problem: "\(error)"), output, messages)
                return
            }
            do {
                let page = try PageRecord.page(from: line, maxBytes: maxPageBytes)
                let result = pipeline.run(page, explain: explain)
                for explanation in result.explanations { messages("\(page.source): \(explanation)") }
                output((repaired > 0 ? format.pageSeparator : "") + Renderer.render(result, as: format, includeEdits: includeEdits))
                repaired += 1
            } catch {
                fail(BatchFailure(source: source, line: line.number, id: error.id, problem: error.problem), output, messages)
            }
        }
    }

    private mutating func fail(_ failure: BatchFailure, _ output: (String) -> Void, _ messages: (String) -> Void) {
        failed += 1
        messages(failure.description)
        if format == .json || format == .jsonl { output(failure.jsonLine) }
    }
}
