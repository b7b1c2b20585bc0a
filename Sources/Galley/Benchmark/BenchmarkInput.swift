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
        guard let walker = FileManager.default.enumerator(atPath: folder) else {
            throw Page.InputError(source: folder, problem: "cannot be read (permission denied?)")
        }
        let names = walker.compactMap { $0 as? String }.filter { $0.hasSuffix(".txt") || $0.hasSuffix(".md") }.sorted()
        guard !names.isEmpty else { throw Page.InputError(source: folder, problem: "holds no .txt or .md pages") }
        return try names.map { try PageReader.read(path: (folder as NSString).appendingPathComponent($0), maxBytes: maxPageBytes) }
    }

    /// One page per line; blank lines are skipped, anything else that is not a record is refused
    /// with its line number.
    private static func pages(inRecords path: String, maxPageBytes: Int) throws -> [Page] {
        let bytes = try PageReader.readBytes(path: path, maxBytes: Int.max)
        var pages: [Page] = []
        for (index, line) in bytes.split(separator: 0x0A, omittingEmptySubsequences: false).enumerated()
        where line.contains(where: { !Page.isBlankByte($0) }) {
            let place = "\(path):\(index + 1)"
            guard let record = try? JSONSerialization.jsonObject(with: Data(line)) as? [String: Any],
                  let id = record["id"] as? String, let text = record["text"] as? String else {
                throw Page.InputError(source: place, problem: "not a page record {\"id\": \"…\", \"text\": \"…\"}")
            }
            do {
                pages.append(try Page(source: id, text: text, maxBytes: maxPageBytes))
            } catch let error as Page.InputError {
                throw Page.InputError(source: place, problem: "record '\(id)': \(error.problem)")
            }
        }
        guard !pages.isEmpty else { throw Page.InputError(source: path, problem: "holds no page records") }
        return pages
    }
}
