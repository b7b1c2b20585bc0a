import Foundation

/// One input file of a batch and where its output goes.
public struct BatchInput: Sendable, Equatable {
    public enum Kind: Sendable { case page, records }

    /// The path as given or found (`archive/1998/p4.txt`); the source of the page.
    public let path: String
    public let kind: Kind
    /// The output's path under the output folder without extension (`1998/p4`): the input's path
    /// below the folder (or glob prefix) that named it. It names the page in es-bulk ids.
    public let key: String
    public let outputPath: String
    public let size: Int
}

/// The input files a batch's arguments name: files as given; folders walked recursively for
/// `.txt` and `.md` pages and `.jsonl` files of page records (hidden entries and the output folder
/// skipped); glob patterns the shell left alone expanded with `glob(3)`. Paths are kept, never
/// contents, so discovery costs memory per file name only.
public struct BatchDiscovery: Sendable {
    public private(set) var inputs: [BatchInput] = []
    /// Arguments that name nothing, folders that cannot be listed, outputs that would clash.
    public private(set) var failures: [BatchFailure] = []
    /// Files in walked folders that are not pages (not `.txt`, `.md` or `.jsonl`).
    public private(set) var otherFiles = 0

    private let outputDirectory: String
    private let outputRoot: String
    private let fileExtension: String
    private var seenInputs: Set<String> = []
    private var outputOwners: [String: String] = [:]
    private var walkedFolders: Set<[UInt64]> = []

    /// `DIR/failures.jsonl`, the batch's list of failures; no input's output may take its place.
    public let failuresPath: String

    public init(arguments: [String], outputDirectory: String, format: BatchFormat) {
        self.outputDirectory = outputDirectory
        outputRoot = Self.absolute(outputDirectory)
        fileExtension = format.fileExtension
        failuresPath = Self.join(outputDirectory, "failures.jsonl")
        outputOwners[failuresPath] = "the batch's list of failures"
        for argument in arguments { add(argument: argument) }
    }

    public var totalBytes: Int { inputs.reduce(0) { $0 + $1.size } }

    private mutating func add(argument: String) {
        if let status = Self.status(argument) {
            if Self.isDirectory(status) {
                walk(folder: argument, status: status, relative: "")
            } else {
                add(file: argument, relative: Self.lastComponent(argument), size: Int(status.st_size))
            }
            return
        }
        guard argument.contains(where: { "*?[".contains($0) }) else {
            failures.append(BatchFailure(source: argument, problem: "no such file or folder"))
            return
        }
        let matches = Self.glob(argument)
        guard !matches.isEmpty else {
            failures.append(BatchFailure(source: argument, problem: "no file matches this pattern"))
            return
        }
        let root = Self.fixedPrefix(of: argument)
        for match in matches {
            guard let status = Self.status(match) else {
                failures.append(BatchFailure(source: match, problem: "cannot be read (a broken link?)"))
                continue
            }
            let relative = Self.path(match, below: root)
            if Self.isDirectory(status) {
                walk(folder: match, status: status, relative: relative)
            } else {
                add(file: match, relative: relative, size: Int(status.st_size))
            }
        }
    }

    /// Walks `folder` in name order; symbolic links are followed, each folder visited once.
    private mutating func walk(folder: String, status: stat, relative: String) {
        guard walkedFolders.insert([UInt64(status.st_dev), UInt64(status.st_ino)]).inserted else { return }
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else {
            failures.append(BatchFailure(source: folder, problem: "folder cannot be listed (permission denied?)"))
            return
        }
        for name in names.sorted() where !name.hasPrefix(".") {
            let path = Self.join(folder, name)
            let childRelative = relative.isEmpty ? name : relative + "/" + name
            guard let status = Self.status(path) else {
                failures.append(BatchFailure(source: path, problem: "cannot be read (a broken link?)"))
                continue
            }
            if Self.isDirectory(status) {
                if Self.absolute(path) != outputRoot { walk(folder: path, status: status, relative: childRelative) }
            } else if Self.kind(of: name) != nil {
                add(file: path, relative: childRelative, size: Int(status.st_size))
            } else {
                otherFiles += 1
            }
        }
    }

    /// A `.jsonl` file holds page records; any other file is a page (folders only offer `.txt` and
    /// `.md` ones, a file named on the command line is taken as a page whatever its name).
    private mutating func add(file path: String, relative: String, size: Int) {
        let absolutePath = Self.absolute(path)
        guard seenInputs.insert(absolutePath).inserted else { return }
        let kind = Self.kind(of: relative) ?? .page
        let key = Self.removingExtension(relative)
        let outputPath = Self.join(outputDirectory, "\(key).\(fileExtension)")
        if Self.absolute(outputPath) == absolutePath {
            failures.append(BatchFailure(source: path, problem: "its output would overwrite it; choose another --out folder"))
            return
        }
        if let owner = outputOwners[outputPath] {
            failures.append(BatchFailure(source: path, problem: "has the same output as \(owner) (\(outputPath)); rename one or run them in separate batches"))
            return
        }
        outputOwners[outputPath] = path
        inputs.append(BatchInput(path: path, kind: kind, key: key, outputPath: outputPath, size: size))
    }

    static func kind(of name: String) -> BatchInput.Kind? {
        switch URL(fileURLWithPath: name).pathExtension.lowercased() {
        case "txt", "md": .page
        case "jsonl": .records
        default: nil
        }
    }

    static func removingExtension(_ relative: String) -> String {
        let name = lastComponent(relative)
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return relative }
        return String(relative.dropLast(name.distance(from: dot, to: name.endIndex)))
    }

    static func join(_ folder: String, _ name: String) -> String {
        folder.hasSuffix("/") ? folder + name : folder + "/" + name
    }

    static func lastComponent(_ path: String) -> String {
        path.split(separator: "/").last.map(String.init) ?? path
    }

    static func absolute(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.path
    }

    /// `archive/199*/p*.txt` → `archive`: the folder a glob's matches are placed below.
    static func fixedPrefix(of pattern: String) -> String {
        let components = pattern.split(separator: "/", omittingEmptySubsequences: false)
        let fixed = components.prefix { !$0.contains(where: { "*?[".contains($0) }) }
        let prefix = fixed.joined(separator: "/")
        if prefix.isEmpty { return pattern.hasPrefix("/") ? "/" : "." }
        return prefix
    }

    static func path(_ path: String, below root: String) -> String {
        if root == "." { return path.hasPrefix("./") ? String(path.dropFirst(2)) : path }
        let prefix = root.hasSuffix("/") ? root : root + "/"
        return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : lastComponent(path)
    }

    static func glob(_ pattern: String) -> [String] {
        var matches = glob_t()
        defer { globfree(&matches) }
        guard Glibc.glob(pattern, 0, nil, &matches) == 0 else { return [] }
        return (0..<Int(matches.gl_pathc)).compactMap { matches.gl_pathv[$0].map { String(cString: $0) } }
    }

    static func status(_ path: String) -> stat? {
        var status = stat()
        return stat(path, &status) == 0 ? status : nil
    }

    static func isDirectory(_ status: stat) -> Bool { status.st_mode & S_IFMT == S_IFDIR }
}
