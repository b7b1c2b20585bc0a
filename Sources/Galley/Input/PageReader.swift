import Foundation

/// Reads pages from files and standard input, refusing what is not a text page with a message
/// that names the file and the problem.
public enum PageReader {
    /// Reads `path` (`-` for standard input) as one page.
    public static func read(path: String, maxBytes: Int = Page.defaultMaxBytes) throws -> Page {
        if path == "-" {
            let data = FileHandle.standardInput.readDataToEndOfFile()
            return try Page(source: "stdin", bytes: [UInt8](data), maxBytes: maxBytes)
        }
        return try Page(source: path, bytes: readBytes(path: path, maxBytes: maxBytes), maxBytes: maxBytes)
    }

    /// The bytes of a regular file; refuses missing files, directories and files over `maxBytes`
    /// before reading them whole.
    public static func readBytes(path: String, maxBytes: Int) throws -> [UInt8] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw Page.InputError(source: path, problem: "no such file")
        }
        guard !isDirectory.boolValue else {
            throw Page.InputError(source: path, problem: "is a directory, not a page (use 'galley batch' for folders)")
        }
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.intValue ?? 0
        guard size <= maxBytes else {
            throw Page.InputError(source: path, problem: "page is \(size) bytes, over the limit of \(maxBytes) (raise it with --max-page-bytes)")
        }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw Page.InputError(source: path, problem: "cannot be read (permission denied?)")
        }
        defer { try? handle.close() }
        do {
            return [UInt8](try handle.readToEnd() ?? Data())
        } catch {
            throw Page.InputError(source: path, problem: "cannot be read: \(error.localizedDescription)")
        }
    }
}
