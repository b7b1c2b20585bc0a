import Foundation

/// The pages `galley bench` measures, held in memory so that reading files is not timed.
public struct BenchmarkInput: Sendable {
    /// What was read, for the report: `seeds/000_f9a4c3c1b52d9922.txt × 600`.
    public let description: String
    public let pages: [Page]
    /// Raw bytes of all pages: the amount every MB/s figure divides.
    public let bytes: Int

    /// The default input, resolved against the current directory (the repository root).
    public static let defaultSeed = "seeds/000_f9a4c3c1b52d9922.txt"
    public static let defaultSeedPages = 600

    /// Reads `path` (the default seed when nil): a page file, a folder of `.txt`/`.md` pages
    /// (searched recursively, in path order), or a `.jsonl` file of `{"id", "text"}` page records.
    /// With `pageCount`, the pages are repeated in order (or cut) to that many; repeated pages
    /// share one copy of their bytes, so memory does not grow with the count.
    public static func load(path: String?, pageCount: Int?, maxPageBytes: Int = Page.defaultMaxBytes) throws -> BenchmarkInput {
        let name = path ?? defaultSeed
        let read: [Page]
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: name, isDirectory: &isDirectory), isDirectory.boolValue {
            read = try pages(inFolder: name, maxPageBytes: maxPageBytes)
        } else if name.hasSuffix(".jsonl") {
            read = try pages(inRecords: name, maxPageBytes: maxPageBytes)
        } else {
            read = [try PageReader.read(path: name, maxBytes: maxPageBytes)]
        }
        let count = pageCount ?? (path == nil ? defaultSeedPages : read.count)
        let pages = (0..<count).map { read[$0 % read.count] }
        let description = count == read.count ? name
            : read.count == 1 ? "\(name) × \(count)" : "\(name) (\(read.count) pages) repeated to \(count)"
        return BenchmarkInput(description: description, pages: pages, bytes: pages.reduce(0) { $0 + $1.raw.count })
    }

    private static func pages(inFolder folder: String, maxPageBytes: Int) throws -> [Page] {
        // Hidden files and folders are skipped, as `galley batch` skips them.
        guard let walker = FileManager.default.enumerator(at: URL(fileURLWithPath: folder), includingPropertiesForKeys: nil,
                                                          options: [.skipsHiddenFiles]) else {
            throw Page.InputError(source: folder, problem: "cannot be read (permission denied?)")
        }
        let prefix = URL(fileURLWithPath: folder).standardizedFileURL.path + "/"
        let names = walker.compactMap { ($0 as? URL)?.standardizedFileURL.path }
            .filter { $0.hasSuffix(".txt") || $0.hasSuffix(".md") }
            .map { $0.hasPrefix(prefix) ? String($0.dropFirst(prefix.count)) : $0 }
            .sorted()
        guard !names.isEmpty else { throw Page.InputError(source: folder, problem: "holds no .txt or .md pages") }
        return try names.map { try PageReader.read(path: (folder as NSString).appendingPathComponent($0), maxBytes: maxPageBytes) }
    }

    /// One page per line (blank lines skipped), read as `galley batch` reads them; a line that is
    /// not a page record is refused with its line number.
    private static func pages(inRecords path: String, maxPageBytes: Int) throws -> [Page] {
        let reader = try RecordLineReader(path: path, lineLimit: RecordLineReader.lineLimit(forPageBytes: maxPageBytes))
        var pages: [Page] = []
        while let line = try nextLine(of: reader, path: path) {
            do {
                pages.append(try PageRecord.page(from: line, maxBytes: maxPageBytes))
            } catch {
                throw Page.InputError(source: "\(path):\(line.number)", problem: (error.id.map { "record '\($0)': " } ?? "") + error.problem)
            }
        }
        guard !pages.isEmpty else { throw Page.InputError(source: path, problem: "holds no page records") }
        return pages
    }

    private static func nextLine(of reader: RecordLineReader, path: String) throws -> RecordLine? {
        do {
            return try reader.next()
        } catch {
            throw Page.InputError(source: path, problem: "\(error)")
        }
    }
}
