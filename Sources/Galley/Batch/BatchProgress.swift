/// How far a batch has come. Bytes are those of the input files; up-to-date inputs skipped by
/// `--resume` count as done but not toward the rate.
public struct BatchProgress: Sendable, Equatable {
    /// Pages and records taken in and finished, written or failed.
    public var pages = 0
    /// Entries in `failures.jsonl`: failed pages and records, and inputs that could not be opened.
    public var failed = 0
    /// Inputs skipped because their output is newer (`--resume`).
    public var upToDate = 0
    public var bytesDone = 0
    public var bytesSkipped = 0
    public var bytesTotal = 0
    public var seconds = 0.0

    public init() {}

    public var bytesPerSecond: Double {
        seconds > 0 ? Double(bytesDone - bytesSkipped) / seconds : 0
    }

    public var fraction: Double {
        bytesTotal > 0 ? min(1, Double(bytesDone) / Double(bytesTotal)) : 1
    }

    /// Time left at the rate so far; nil until there is a rate.
    public var secondsLeft: Double? {
        bytesPerSecond > 0 ? Double(max(0, bytesTotal - bytesDone)) / bytesPerSecond : nil
    }

    /// `[=========>          ] 312 pages · 5.1/10.2 MB · 2.3 MB/s · 0:02 left` for a terminal.
    public func bar(width: Int = 20) -> String {
        let filled = Int((fraction * Double(width)).rounded(.down))
        let arrow = filled < width ? ">" : ""
        let bar = String(repeating: "=", count: filled) + arrow + String(repeating: " ", count: max(0, width - filled - arrow.count))
        return "[\(bar)] " + figures.joined(separator: " · ")
    }

    /// `312 pages, 5.1/10.2 MB, 2.3 MB/s, 0:02 left` for a log.
    public var line: String { figures.joined(separator: ", ") }

    private var figures: [String] {
        var figures = ["\(pages) pages"]
        if failed > 0 { figures.append("\(failed) failed") }
        if upToDate > 0 { figures.append("\(upToDate) up to date") }
        figures.append("\(Self.megabytes(bytesDone))/\(Self.megabytes(bytesTotal)) MB")
        figures.append("\(Self.megabytes(Int(bytesPerSecond))) MB/s")
        figures.append(secondsLeft.map { "\(Self.clock($0)) left" } ?? "-:-- left")
        return figures
    }

    /// Megabytes (10⁶ bytes) with one decimal.
    static func megabytes(_ bytes: Int) -> String {
        let tenths = (bytes + 50_000) / 100_000
        return "\(tenths / 10).\(tenths % 10)"
    }

    /// `4.2 s` under a minute, then as `clock`.
    static func duration(_ seconds: Double) -> String {
        guard seconds < 59.95 else { return clock(seconds) }
        let tenths = Int((seconds * 10).rounded())
        return "\(tenths / 10).\(tenths % 10) s"
    }

    /// `0:07`, `12:03`, `1:02:03`.
    static func clock(_ seconds: Double) -> String {
        let total = Int(seconds.rounded(.up))
        let (hours, minutes, rest) = (total / 3600, total / 60 % 60, total % 60)
        let padded = rest < 10 ? "0\(rest)" : "\(rest)"
        if hours > 0 { return "\(hours):\(minutes < 10 ? "0" : "")\(minutes):\(padded)" }
        return "\(minutes):\(padded)"
    }
}

/// What a batch did, for the report at its end.
public struct BatchSummary: Sendable {
    /// How many failures the report lists; `failures.jsonl` has them all.
    public static let failuresShown = 10

    public var progress: BatchProgress
    /// Pages and records whose output was written.
    public var repaired: Int
    public var firstFailures: [BatchFailure]
    public var otherFiles: Int
    public var interrupted: Bool
    public var failuresPath: String
    public var jobs: Int

    public var failed: Int { progress.failed }

    /// The report: counts, speed, failures with their reasons, where the full list is.
    public var report: String {
        var lines: [String] = []
        var counts = "\(repaired) pages repaired, \(failed) failed"
        if progress.upToDate > 0 { counts += ", \(progress.upToDate) inputs up to date (skipped by --resume)" }
        let megabytes = BatchProgress.megabytes(progress.bytesDone - progress.bytesSkipped)
        lines.append("\(counts); \(megabytes) MB in \(BatchProgress.duration(progress.seconds)) "
                     + "(\(BatchProgress.megabytes(Int(progress.bytesPerSecond))) MB/s, \(jobs) jobs)")
        if otherFiles > 0 { lines.append("\(otherFiles) other files skipped (not .txt, .md or .jsonl)") }
        if failed > 0 {
            lines.append("failed:")
            lines += firstFailures.map { "  \($0)" }
            if failed > firstFailures.count { lines.append("  … and \(failed - firstFailures.count) more") }
            lines.append("all failures with their reasons: \(failuresPath)")
        }
        if interrupted { lines.append("interrupted: run the same command with --resume to finish") }
        return lines.joined(separator: "\n") + "\n"
    }
}
