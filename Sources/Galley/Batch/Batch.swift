import Dispatch
import Foundation

/// What a batch does with its inputs.
public struct BatchOptions: Sendable {
    public var outputDirectory: String
    public var format: BatchFormat
    /// The index named in es-bulk action lines.
    public var index: String
    /// Pages repaired at once.
    public var jobs: Int
    /// Skip inputs whose output is newer than they are.
    public var resume: Bool
    public var maxPageBytes: Int

    public init(outputDirectory: String, format: BatchFormat = .markdown, index: String = "galley",
                jobs: Int = ProcessInfo.processInfo.activeProcessorCount, resume: Bool = false,
                maxPageBytes: Int = Page.defaultMaxBytes) {
        self.outputDirectory = outputDirectory
        self.format = format
        self.index = index
        self.jobs = max(1, jobs)
        self.resume = resume
        self.maxPageBytes = maxPageBytes
    }
}

/// `galley batch`: repairs every page its arguments name, `jobs` pages at a time, and writes one
/// output per input file under the output folder, mirroring the input tree.
///
/// Page files are read by the worker that repairs them; JSONL files are read one record at a time,
/// their records repaired in parallel and written to the file's output in input order. At most
/// `jobs` pages plus a window of `4 × jobs` finished records wait in memory, whatever the size of
/// the corpus. A page or record that fails is listed in `failures.jsonl` and the batch goes on.
public final class Batch: @unchecked Sendable {
    public let options: BatchOptions
    public let discovery: BatchDiscovery
    let pipeline: Pipeline
    private let window: Int

    // Everything below is guarded by `condition`.
    private let condition = NSCondition()
    private var nextInput = 0
    private var openRecords: RecordsInProgress?
    private var bufferedRecords = 0
    private var cancelled = false
    private var tally = BatchProgress()
    private var repaired = 0
    private var firstFailures: [BatchFailure] = []
    private var failuresFile: AtomicFileWriter?
    private var failuresFileError: AtomicFileWriter.OutputError?
    private var progress: (@Sendable (BatchProgress) -> Void)?
    private var progressInterval = 1.0
    private var lastProgress = 0.0
    private var started = DispatchTime.now()

    /// Finds the inputs (paths only; nothing is read yet).
    public init(arguments: [String], options: BatchOptions, pipeline: Pipeline) {
        self.options = options
        self.pipeline = pipeline
        discovery = BatchDiscovery(arguments: arguments, outputDirectory: options.outputDirectory, format: options.format)
        window = 4 * options.jobs
        tally.bytesTotal = discovery.totalBytes
    }

    /// Stops taking new pages; pages in progress are finished and written. Safe from any thread.
    public func cancel() {
        condition.lock()
        cancelled = true
        condition.broadcast()
        condition.unlock()
    }

    /// Runs the batch. `progress` is called at most every `interval` seconds from a worker thread.
    /// Throws only when the output folder or its `failures.jsonl` cannot be written.
    public func run(every interval: Double = 1, progress: (@Sendable (BatchProgress) -> Void)? = nil)
        throws(AtomicFileWriter.OutputError) -> BatchSummary
    {
        let failuresFile = try AtomicFileWriter(path: discovery.failuresPath)
        condition.lock()
        started = DispatchTime.now()
        self.failuresFile = failuresFile
        self.progress = progress
        progressInterval = interval
        for failure in discovery.failures { record(failure) }
        condition.unlock()

        DispatchQueue.concurrentPerform(iterations: options.jobs) { _ in
            while let job = takeJob() {
                switch job {
                case .page(let input): repair(page: input)
                case .record(let line, let output, let sequence): repair(record: line, into: output, sequence: sequence)
                }
            }
        }

        condition.lock()
        defer { condition.unlock() }
        let interrupted = cancelled && (openRecords != nil || nextInput < discovery.inputs.count)
        // Only a JSONL file cut short by `cancel` is still open; its output would be incomplete.
        openRecords?.output.writer?.discard()
        openRecords = nil
        tally.seconds = elapsed()
        if let failuresFileError { throw failuresFileError }
        try failuresFile.commit()
        return BatchSummary(progress: tally, repaired: repaired, firstFailures: firstFailures,
                            otherFiles: discovery.otherFiles, interrupted: interrupted,
                            failuresPath: discovery.failuresPath, jobs: options.jobs)
    }

    // MARK: Taking work

    private enum Job {
        case page(BatchInput)
        case record(RecordLine, OrderedOutput, sequence: Int)
    }

    /// The next page or record, or nil when there is none or the batch was cancelled. Waits while
    /// the window of finished records held for an unfinished earlier one is full.
    private func takeJob() -> Job? {
        condition.lock()
        defer { condition.unlock() }
        while bufferedRecords >= window && !cancelled { condition.wait() }
        while !cancelled {
            if let records = openRecords {
                if let job = nextRecord(of: records) { return job }
                continue
            }
            guard nextInput < discovery.inputs.count else { return nil }
            let input = discovery.inputs[nextInput]
            nextInput += 1
            if options.resume && isUpToDate(input) {
                tally.upToDate += 1
                tally.bytesDone += input.size
                tally.bytesSkipped += input.size
                continue
            }
            switch input.kind {
            case .page: return .page(input)
            case .records: openRecords = open(records: input)
            }
        }
        return nil
    }

    private func nextRecord(of records: RecordsInProgress) -> Job? {
        let output = records.output
        do {
            if let line = try records.reader.next() {
                output.issued += 1
                return .record(line, output, sequence: output.issued - 1)
            }
        } catch {
            output.isAbandoned = true
            record(BatchFailure(source: output.input.path, problem: "\(error) after record \(output.issued); its output was not written"))
        }
        openRecords = nil
        output.allIssued = true
        finishIfComplete(output)
        return nil
    }

    private func open(records input: BatchInput) -> RecordsInProgress? {
        do {
            let reader = try RecordLineReader(path: input.path, lineLimit: RecordLineReader.lineLimit(forPageBytes: options.maxPageBytes))
            let writer = try AtomicFileWriter(path: input.outputPath)
            return RecordsInProgress(reader: reader, output: OrderedOutput(input: input, writer: writer))
        } catch let error as Page.InputError {
            record(BatchFailure(error))
        } catch {
            record(BatchFailure(source: input.path, problem: "output \(error)"))
        }
        tally.bytesDone += input.size
        return nil
    }

    private func isUpToDate(_ input: BatchInput) -> Bool {
        guard let output = BatchDiscovery.status(input.outputPath), let source = BatchDiscovery.status(input.path) else { return false }
        let (o, s) = (output.st_mtim, source.st_mtim)
        return o.tv_sec > s.tv_sec || (o.tv_sec == s.tv_sec && o.tv_nsec > s.tv_nsec)
    }

    // MARK: Doing work (outside the lock)

    private func repair(page input: BatchInput) {
        var failure: BatchFailure?
        do {
            let bytes = try PageReader.readBytes(path: input.path, maxBytes: options.maxPageBytes)
            let page = try Page(source: input.path, bytes: bytes, maxBytes: options.maxPageBytes)
            let output = options.format.render(pipeline.run(page), key: input.key, index: options.index)
            try AtomicFileWriter.write(Array(output.utf8), to: input.outputPath)
        } catch let error as Page.InputError {
            failure = BatchFailure(error)
        } catch {
            failure = BatchFailure(source: input.path, problem: "output \(error)")
        }
        condition.lock()
        tally.pages += 1
        tally.bytesDone += input.size
        if let failure { record(failure) } else { repaired += 1 }
        let snapshot = progressDue()
        condition.unlock()
        if let snapshot { progress?(snapshot) }
    }

    private func repair(record line: RecordLine, into output: OrderedOutput, sequence: Int) {
        var chunk: String?
        var failure: BatchFailure?
        do {
            let page = try PageRecord.page(from: line, maxBytes: options.maxPageBytes)
            chunk = options.format.render(pipeline.run(page), key: page.source, index: options.index)
        } catch {
            failure = BatchFailure(source: output.input.path, line: line.number, id: error.id, problem: error.problem)
        }
        condition.lock()
        tally.pages += 1
        tally.bytesDone += line.consumed
        output.bytesCounted += line.consumed
        if let failure { record(failure) }
        output.finished.updateValue(chunk, forKey: sequence)
        bufferedRecords += 1
        writeReady(output)
        finishIfComplete(output)
        condition.broadcast()
        let snapshot = progressDue()
        condition.unlock()
        if let snapshot { progress?(snapshot) }
    }

    // MARK: Bookkeeping (under the lock)

    /// Writes the finished records that follow the last written one, in input order.
    private func writeReady(_ output: OrderedOutput) {
        while let chunk = output.finished.removeValue(forKey: output.written) {
            bufferedRecords -= 1
            output.written += 1
            guard let chunk, let writer = output.writer, !output.isAbandoned else { continue }
            do {
                if output.repaired > 0 { try writer.append(options.format.pageSeparator) }
                try writer.append(chunk)
                output.repaired += 1
            } catch {
                output.isAbandoned = true
                record(BatchFailure(source: output.input.path, problem: "output \(error)"))
            }
        }
    }

    private func finishIfComplete(_ output: OrderedOutput) {
        guard output.allIssued, output.written == output.issued, let writer = output.writer else { return }
        output.writer = nil
        tally.bytesDone += max(0, output.input.size - output.bytesCounted)
        if output.isAbandoned {
            writer.discard()
        } else if output.issued == 0 {
            writer.discard()
            record(BatchFailure(source: output.input.path, problem: "no page records (an empty JSONL file)"))
        } else {
            do {
                try writer.commit()
                repaired += output.repaired
            } catch {
                record(BatchFailure(source: output.input.path, problem: "output \(error)"))
            }
        }
    }

    private func record(_ failure: BatchFailure) {
        tally.failed += 1
        if firstFailures.count < BatchSummary.failuresShown { firstFailures.append(failure) }
        guard failuresFileError == nil else { return }
        do {
            try failuresFile?.append(failure.jsonLine)
        } catch {
            failuresFileError = error
        }
    }

    private func progressDue() -> BatchProgress? {
        guard progress != nil else { return nil }
        let now = elapsed()
        guard now - lastProgress >= progressInterval else { return nil }
        lastProgress = now
        var snapshot = tally
        snapshot.seconds = now
        return snapshot
    }

    private func elapsed() -> Double {
        Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1e9
    }
}

/// A JSONL input file being read.
private final class RecordsInProgress {
    let reader: RecordLineReader
    let output: OrderedOutput

    init(reader: RecordLineReader, output: OrderedOutput) {
        self.reader = reader
        self.output = output
    }
}

/// The output of a JSONL input file: records finish in any order and are written in input order.
private final class OrderedOutput {
    let input: BatchInput
    var writer: AtomicFileWriter?
    /// Records handed out, and whether the input has no more.
    var issued = 0
    var allIssued = false
    /// Records written (or passed over, when they failed), counted in input order.
    var written = 0
    /// Finished records waiting for an earlier one; nil marks a failed record.
    var finished: [Int: String?] = [:]
    var repaired = 0
    var bytesCounted = 0
    /// Reading or writing failed: the output is discarded.
    var isAbandoned = false

    init(input: BatchInput, writer: AtomicFileWriter) {
        self.input = input
        self.writer = writer
    }
}
