import Foundation

/// A folder of rule files for one language or newspaper (`Rules/zh-Hans/`). The default pack is
/// compiled into the binary; `--rules DIR` loads another from disk.
public struct RulePack: Sendable {
    public let name: String
    public let version: Int
    public let description: String
    public let files: [RuleFile]
    /// Named character classes (`sets:` in `pack.yaml`) that every stage may use.
    public let sets: [String: CodePointSet]
    let manifest: RuleNode

    /// The pack compiled into the binary from `Rules/zh-Hans/`.
    public static func builtIn() throws -> RulePack {
        try RulePack(name: "zh-Hans", files: EmbeddedRulePack.files
            .filter { $0.path.hasPrefix("zh-Hans/") }
            .map { (path: "Rules/" + $0.path, contents: $0.contents) })
    }

    /// Loads every `*.yaml` file of `directory`.
    public static func load(directory: String) throws -> RulePack {
        let url = URL(fileURLWithPath: directory)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw RuleFileError(file: directory, line: nil, problem: "no such rule pack folder")
        }
        let names = try FileManager.default.contentsOfDirectory(atPath: directory)
            .filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }
            .sorted()
        var files: [(path: String, contents: String)] = []
        for name in names {
            let path = url.appendingPathComponent(name).path
            guard let data = FileManager.default.contents(atPath: path),
                  let contents = String(data: data, encoding: .utf8) else {
                throw RuleFileError(file: path, line: nil, problem: "cannot be read as UTF-8 text")
            }
            files.append((path, contents))
        }
        return try RulePack(name: url.lastPathComponent, files: files)
    }

    init(name: String, files: [(path: String, contents: String)]) throws {
        guard let manifestFile = files.first(where: { $0.path.hasSuffix("/pack.yaml") || $0.path == "pack.yaml" }) else {
            throw RuleFileError(file: name, line: nil, problem: "the rule pack has no pack.yaml")
        }
        manifest = try RuleNode.parse(path: manifestFile.path, contents: manifestFile.contents)
        self.name = (try manifest.optionalString("pack")) ?? name
        version = try manifest.int("version", default: 1)
        guard version == 1 else {
            throw manifest.error("rule pack version \(version) is not supported (this Galley reads version 1)")
        }
        description = try manifest.string("description")
        var sets: [String: CodePointSet] = [:]
        for (key, value) in try manifest.optional("sets")?.entries() ?? [] {
            let pattern = try value.string()
            guard let set = CodePointSet(pattern: pattern) else {
                throw value.error("set '\(key)' is not a valid ICU UnicodeSet pattern: \(pattern)")
            }
            sets[key] = set
        }
        self.sets = sets
        let packName = self.name
        self.files = try files.filter { $0.path != manifestFile.path }
            .map { try RuleFile(path: $0.path, pack: packName, contents: $0.contents) }
    }

    /// The rule files whose rules belong to `stage`, in file-name order.
    public func files(for stage: String) -> [RuleFile] { files.filter { $0.stage == stage } }

    public var rules: [Rule] { files.flatMap(\.rules) }

    /// A named set from `pack.yaml`; a missing one is a broken pack.
    public func set(_ name: String) throws -> CodePointSet {
        guard let set = sets[name] else { throw manifest.error("pack.yaml defines no set '\(name)' (under 'sets:')") }
        return set
    }
}
