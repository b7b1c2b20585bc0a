import Foundation

/// ICU's command-line tool run over the same text: the speed a user gets without Galley, from
/// `uconv -f utf-8 -t utf-8 -x RULES` (Debian package icu-devtools) with a rule file that does
/// part of what normalization and spacing do (`bench/uconv-normalize.rules`).
public struct UconvMeasurement: Codable, Sendable {
    public let rules: String
    /// Bytes of the file uconv read: the pages one after another.
    public let bytes: Int
    /// Wall-clock seconds from launch to exit of each timed run, warm-up excluded.
    public let seconds: [Double]
    public let megabytesPerSecond: Spread

    /// Why uconv could not be measured; the report prints it and skips the ratio.
    public struct Unavailable: Error, Sendable {
        public let reason: String
    }

    /// Writes the input's pages to one temporary file, then runs uconv over it `warmup` times
    /// untimed and `runs` times timed (one process, one core, each time).
    public static func measure(_ input: BenchmarkInput, rules: String, runs: Int, warmup: Int) -> Result<UconvMeasurement, Unavailable> {
        guard let uconv = ChildProcess.find("uconv") else {
            return .failure(Unavailable(reason: "uconv not found (Debian package icu-devtools)"))
        }
        guard let ruleText = try? String(contentsOfFile: rules, encoding: .utf8) else {
            return .failure(Unavailable(reason: "no uconv rule file \(rules) (run from the repository root or pass --uconv-rules)"))
        }
        let file = FileManager.default.temporaryDirectory
            .appendingPathComponent("galley-bench-\(ProcessInfo.processInfo.processIdentifier).txt")
        defer { try? FileManager.default.removeItem(at: file) }
        let bytes: Int
        do {
            bytes = try write(input.pages, to: file)
        } catch {
            return .failure(Unavailable(reason: "cannot write the text for uconv to \(file.path): \(error.localizedDescription)"))
        }
        let arguments = ["-f", "utf-8", "-t", "utf-8", "-x", ruleText, "-o", "/dev/null", file.path]
        var seconds: [Double] = []
        for run in 0..<(warmup + runs) {
            let outcome: ChildProcess.Outcome
            do {
                outcome = try ChildProcess.run(uconv, arguments, capture: .errors)
            } catch {
                return .failure(Unavailable(reason: "uconv could not be started: \(error.localizedDescription)"))
            }
            guard outcome.status == 0 else {
                let message = outcome.errors.split(separator: "\n").first.map(String.init) ?? "no message"
                return .failure(Unavailable(reason: "uconv failed (exit status \(outcome.status)): \(message)"))
            }
            if run >= warmup { seconds.append(outcome.seconds) }
        }
        return .success(UconvMeasurement(rules: rules, bytes: bytes, seconds: seconds,
                                         megabytesPerSecond: .megabytesPerSecond(bytes: bytes, seconds: seconds)))
    }

    /// The pages one after another, each ending in a line break; returns the bytes written.
    private static func write(_ pages: [Page], to file: URL) throws -> Int {
        guard FileManager.default.createFile(atPath: file.path, contents: nil),
              let handle = FileHandle(forWritingAtPath: file.path) else {
            throw CocoaError(.fileWriteNoPermission)
        }
        defer { try? handle.close() }
        var bytes = 0
        for page in pages {
            let text = page.raw.last == 0x0A ? page.raw : page.raw + [0x0A]
            try handle.write(contentsOf: text)
            bytes += text.count
        }
        return bytes
    }
}
