/// One page of input, checked: non-empty UTF-8 text without NUL bytes, under the size limit.
public struct Page: Sendable {
    /// The path as given, or the record id for JSONL input.
    public let source: String
    public let raw: [UInt8]

    public static let defaultMaxBytes = 64 * 1024 * 1024

    /// Why a page was refused; `description` names the page and, where it can, the byte.
    public struct InputError: Error, CustomStringConvertible, Sendable {
        public let source: String
        public let problem: String
        public var description: String { "\(source): \(problem)" }
        public init(source: String, problem: String) {
            self.source = source
            self.problem = problem
        }
    }

    public init(source: String, bytes: [UInt8], maxBytes: Int = Page.defaultMaxBytes) throws {
        self.source = source
        guard bytes.count <= maxBytes else {
            throw InputError(source: source, problem: "page is \(bytes.count) bytes, over the limit of \(maxBytes) (raise it with --max-page-bytes)")
        }
        var body = bytes[...]
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
        if let nul = bytes.firstIndex(of: 0) {
            throw InputError(source: source, problem: "binary file (NUL byte at byte \(nul)), not a text page")
        }
        if let bad = bytes.withUnsafeBufferPointer({ UTF8Scalar.firstInvalidByte(in: $0) }) {
            throw InputError(source: source, problem: "invalid UTF-8 at byte \(bad)")
        }
        guard body.contains(where: { !Self.isBlankByte($0) }) else {
            throw InputError(source: source, problem: bytes.isEmpty ? "empty file" : "page holds no text, only white space")
        }
        raw = bytes
    }

    public init(source: String, text: String, maxBytes: Int = Page.defaultMaxBytes) throws {
        try self.init(source: source, bytes: Array(text.utf8), maxBytes: maxBytes)
    }

    static func isBlankByte(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == 0x0B || byte == 0x0C
    }
}
