import Foundation

/// Writes an output file so that readers only ever see the old file or the whole new one: the
/// bytes go to a hidden temporary file in the same folder (`.NAME.partial`), which is renamed over
/// the target once complete. An interrupted run leaves at most that hidden file, which the next
/// run overwrites.
public final class AtomicFileWriter {
    public let path: String
    let temporaryPath: String
    private var descriptor: Int32

    /// Opens the temporary file, creating the folders above `path` as needed.
    public init(path: String) throws(OutputError) {
        self.path = path
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent()
        temporaryPath = folder.appendingPathComponent(".\(url.lastPathComponent).partial").path
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw OutputError(path: path, problem: "its folder cannot be created (\(error.localizedDescription))")
        }
        descriptor = open(temporaryPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard descriptor >= 0 else { throw OutputError(path: path, code: errno) }
    }

    deinit { discard() }

    /// Writes `path` in one go: temporary file, then rename.
    public static func write(_ bytes: [UInt8], to path: String) throws(OutputError) {
        let writer = try AtomicFileWriter(path: path)
        try writer.append(bytes)
        try writer.commit()
    }

    public func append(_ bytes: [UInt8]) throws(OutputError) {
        var written = 0
        while written < bytes.count {
            let count = bytes.withUnsafeBufferPointer { source in
                Glibc.write(descriptor, source.baseAddress.map { $0 + written }, source.count - written)
            }
            if count < 0 {
                if errno == EINTR { continue }
                let code = errno
                discard()
                throw OutputError(path: path, code: code)
            }
            written += count
        }
    }

    public func append(_ text: String) throws(OutputError) { try append(Array(text.utf8)) }

    /// Closes the temporary file and renames it to `path`.
    public func commit() throws(OutputError) {
        let closed = close(descriptor)
        descriptor = -1
        guard closed == 0, rename(temporaryPath, path) == 0 else {
            let code = errno
            unlink(temporaryPath)
            throw OutputError(path: path, code: code)
        }
    }

    /// Removes the temporary file, leaving `path` as it was; nothing happens after `commit`.
    public func discard() {
        guard descriptor >= 0 else { return }
        close(descriptor)
        descriptor = -1
        unlink(temporaryPath)
    }

    /// An output file could not be written.
    public struct OutputError: Error, CustomStringConvertible, Sendable {
        public let path: String
        public let problem: String
        public var description: String { "\(path): \(problem)" }

        init(path: String, problem: String) {
            self.path = path
            self.problem = problem
        }

        init(path: String, code: Int32) {
            self.init(path: path, problem: "cannot be written (\(String(cString: strerror(code))))")
        }
    }
}
