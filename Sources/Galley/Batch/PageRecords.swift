import Foundation

/// One non-blank line of a JSONL file of page records.
public struct RecordLine: Sendable {
    /// 1-based line number in the file.
    public let number: Int
    /// The line without its newline; empty when the line was over the reader's limit.
    public let bytes: [UInt8]
    /// Bytes consumed from the file for this line, blank lines before it included (for progress).
    public let consumed: Int
    /// The line was longer than the reader's limit and was skipped, not kept.
    public let isOverLimit: Bool
}

/// Reads a JSONL stream one line at a time from a file descriptor, so that a stream of any length
/// takes the memory of one record. Blank lines are skipped; a line over `lineLimit` bytes is
/// consumed without being kept and reported as over the limit.
public final class RecordLineReader {
    private let descriptor: Int32
    private let closesDescriptor: Bool
    private let lineLimit: Int
    private var buffer: [UInt8] = []
    private var start = 0
    private var atEnd = false
    private var lineNumber = 0

    /// Reads standard input or the file at `path`.
    public convenience init(path: String, lineLimit: Int) throws {
        if path == "-" {
            self.init(descriptor: STDIN_FILENO, closesDescriptor: false, lineLimit: lineLimit)
            return
        }
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { throw Page.InputError(source: path, problem: Self.openProblem(errno)) }
        var status = stat()
        if fstat(descriptor, &status) == 0, status.st_mode & S_IFMT == S_IFDIR {
            close(descriptor)
            throw Page.InputError(source: path, problem: "is a directory, not a JSONL file of pages")
        }
        self.init(descriptor: descriptor, closesDescriptor: true, lineLimit: lineLimit)
    }

    public init(descriptor: Int32, closesDescriptor: Bool, lineLimit: Int) {
        self.descriptor = descriptor
        self.closesDescriptor = closesDescriptor
        self.lineLimit = lineLimit
    }

    deinit {
        if closesDescriptor { close(descriptor) }
    }

    /// The longest line worth keeping for pages of at most `maxPageBytes`: JSON may spell each
    /// byte of text as a six-byte `\u` escape.
    public static func lineLimit(forPageBytes maxPageBytes: Int) -> Int {
        let (escaped, overflow) = maxPageBytes.multipliedReportingOverflow(by: 6)
        return overflow ? Int.max : escaped + 1024
    }

    /// The next non-blank line, or nil at the end of the stream. Throws when reading fails.
    public func next() throws -> RecordLine? {
        var consumed = 0
        var discarded = 0
        var scanFrom = start
        while true {
            if let newline = buffer[scanFrom...].firstIndex(of: 0x0A) {
                lineNumber += 1
                let line = start..<newline
                consumed += discarded + newline + 1 - start
                start = newline + 1
                scanFrom = start
                if discarded > 0 {
                    return RecordLine(number: lineNumber, bytes: [], consumed: consumed, isOverLimit: true)
                }
                if buffer[line].allSatisfy(Page.isBlankByte) { continue }
                return RecordLine(number: lineNumber, bytes: Array(buffer[line]), consumed: consumed, isOverLimit: false)
            }
            if buffer.count - start > lineLimit {
                discarded += buffer.count - start
                start = buffer.count
            }
            buffer.removeSubrange(0..<start)
            start = 0
            scanFrom = buffer.count
            if atEnd { return lastLine(consumed: consumed, discarded: discarded) }
            try fill()
        }
    }

    /// The final line when the stream does not end with a newline.
    private func lastLine(consumed: Int, discarded: Int) -> RecordLine? {
        defer { buffer.removeAll() }
        let consumed = consumed + discarded + buffer.count
        if discarded > 0 {
            lineNumber += 1
            return RecordLine(number: lineNumber, bytes: [], consumed: consumed, isOverLimit: true)
        }
        guard !buffer.allSatisfy(Page.isBlankByte) else { return nil }
        lineNumber += 1
        return RecordLine(number: lineNumber, bytes: buffer, consumed: consumed, isOverLimit: false)
    }

    private func fill() throws {
        let chunk = 1 << 16
        let oldCount = buffer.count
        buffer.append(contentsOf: repeatElement(0, count: chunk))
        while true {
            let count = buffer.withUnsafeMutableBufferPointer { target in
                read(descriptor, target.baseAddress.map { $0 + oldCount }, chunk)
            }
            if count < 0 && errno == EINTR { continue }
            buffer.removeLast(chunk - max(count, 0))
            if count < 0 { throw ReadError(problem: String(cString: strerror(errno))) }
            if count == 0 { atEnd = true }
            return
        }
    }

    private static func openProblem(_ code: Int32) -> String {
        switch code {
        case ENOENT: return "no such file"
        case EACCES: return "cannot be read (permission denied)"
        default: return "cannot be opened: \(String(cString: strerror(code)))"
        }
    }

    /// Reading the stream failed part way.
    public struct ReadError: Error, CustomStringConvertible {
        public let problem: String
        public var description: String { "cannot be read: \(problem)" }
    }
}

/// A page record, `{"id": "...", "text": "..."}` (contract: `--input jsonl`).
public enum PageRecord {
    /// Why a record was refused; `id` is set once the record named one.
    public struct Problem: Error, Sendable {
        public let id: String?
        public let problem: String
    }

    /// The page of one record line; the record's id becomes the page's source.
    public static func page(from line: RecordLine, maxBytes: Int) throws(Problem) -> Page {
        guard !line.isOverLimit else {
            throw Problem(id: nil, problem: "record over the line limit for pages of \(maxBytes) bytes (raise it with --max-page-bytes)")
        }
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: Data(line.bytes))
        } catch {
            throw Problem(id: nil, problem: "not valid JSON")
        }
        guard let fields = object as? [String: Any] else {
            throw Problem(id: nil, problem: "not a JSON object; expected {\"id\": \"...\", \"text\": \"...\"}")
        }
        guard let id = fields["id"] as? String else {
            throw Problem(id: nil, problem: "no \"id\" string")
        }
        guard let text = fields["text"] as? String else {
            throw Problem(id: id, problem: "no \"text\" string")
        }
        do {
            return try Page(source: id, text: text, maxBytes: maxBytes)
        } catch let error as Page.InputError {
            throw Problem(id: id, problem: error.problem)
        } catch {
            throw Problem(id: id, problem: "\(error)")
        }
    }
}
