import Foundation

/// Where each configuration runs.
public enum BenchmarkIsolation: Sendable {
    /// All in this process: a configuration's peak memory is then the highest so far.
    case inProcess
    /// Each configuration in a fresh process, so that its peak memory is its own:
    /// `executable` with `arguments(target, cores)` must print the `BenchmarkMeasurement` as one
    /// JSON line (what `galley bench --internal-run` does).
    case childProcesses(executable: URL, arguments: @Sendable (BenchmarkTarget, Int) -> [String])
}

/// A configuration that did not come back with a measurement.
public struct BenchmarkFailure: Error, CustomStringConvertible, Sendable {
    public let description: String
}

extension Benchmark {
    /// Measures every target on one core and on `parallelCores`, then uconv when the whole
    /// pipeline was among the targets. `progress` hears what is about to be measured.
    public func report(targets: [BenchmarkTarget], parallelCores: Int, isolation: BenchmarkIsolation,
                       uconvRules: String, progress: (String) -> Void = { _ in }) throws -> BenchmarkReport {
        let loadAverage = ProcessStatus.loadAverage
        var measurements: [BenchmarkMeasurement] = []
        for target in targets {
            for cores in Set([1, parallelCores]).sorted() {
                progress("\(target.id) on \(coreCount(cores))")
                measurements.append(try measure(target, cores: cores, isolation: isolation))
            }
        }
        var uconv: Result<UconvMeasurement, UconvMeasurement.Unavailable>?
        if targets.contains(where: { $0.step == .pipeline }) {
            progress("uconv")
            uconv = UconvMeasurement.measure(input, rules: uconvRules, runs: runs, warmup: warmup)
        }
        return BenchmarkReport(benchmark: self, parallelCores: parallelCores, isolation: isolation,
                               loadAverage: loadAverage, measurements: measurements, uconv: uconv)
    }

    private func measure(_ target: BenchmarkTarget, cores: Int, isolation: BenchmarkIsolation) throws -> BenchmarkMeasurement {
        guard case .childProcesses(let executable, let arguments) = isolation else { return measure(target, cores: cores) }
        let what = "the measurement of \(target.id) on \(coreCount(cores))"
        let outcome: ChildProcess.Outcome
        do {
            outcome = try ChildProcess.run(executable, arguments(target, cores), capture: .output)
        } catch {
            throw BenchmarkFailure(description: "\(what) could not start \(executable.path): \(error.localizedDescription)")
        }
        guard outcome.status == 0 else {
            throw BenchmarkFailure(description: "\(what) failed (exit status \(outcome.status))")
        }
        guard let measurement = try? JSONDecoder().decode(BenchmarkMeasurement.self, from: outcome.output) else {
            throw BenchmarkFailure(description: "\(what) printed no measurement")
        }
        return measurement
    }
}

extension BenchmarkMeasurement {
    /// The line a child process prints for its parent.
    public var jsonLine: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return ((try? encoder.encode(self)).map { String(decoding: $0, as: UTF8.self) } ?? "{}") + "\n"
    }
}

/// What `galley bench` found: printed as text, written as JSON with `--json`. The JSON is this
/// type's Codable form, which is also how a child process hands its measurement back.
public struct BenchmarkReport: Codable, Sendable {
    /// `release` or `debug`: a debug build is many times slower.
    public let build: String
    public let availableCores: Int
    public let parallelCores: Int
    /// At the start (`/proc/loadavg`); above the core count, other work competed for the cores.
    public let loadAverage: Double?
    public let input: String
    public let pages: Int
    public let bytes: Int
    public let runs: Int
    public let warmup: Int
    /// `child process per configuration` or `one process`.
    public let isolation: String
    public let measurements: [BenchmarkMeasurement]
    public let uconv: UconvMeasurement?
    /// Why uconv was not measured, when it was asked for.
    public let uconvSkipped: String?
    /// Whole pipeline with JSON on one core, over uconv (both medians).
    public let uconvRatio: Double?

    static var buildConfiguration: String {
        #if DEBUG
        "debug"
        #else
        "release"
        #endif
    }

    init(benchmark: Benchmark, parallelCores: Int, isolation: BenchmarkIsolation, loadAverage: Double?,
         measurements: [BenchmarkMeasurement], uconv: Result<UconvMeasurement, UconvMeasurement.Unavailable>?) {
        build = Self.buildConfiguration
        availableCores = ProcessInfo.processInfo.activeProcessorCount
        self.parallelCores = parallelCores
        self.loadAverage = loadAverage
        input = benchmark.input.description
        pages = benchmark.input.pages.count
        bytes = benchmark.input.bytes
        runs = benchmark.runs
        warmup = benchmark.warmup
        if case .inProcess = isolation { self.isolation = "one process" } else { self.isolation = "child process per configuration" }
        self.measurements = measurements
        switch uconv {
        case .success(let measured):
            self.uconv = measured
            uconvSkipped = nil
        case .failure(let unavailable):
            self.uconv = nil
            uconvSkipped = unavailable.reason
        case nil:
            self.uconv = nil
            uconvSkipped = nil
        }
        let pipeline = measurements.first { $0.target == "pipeline+json" && $0.cores == 1 }
        uconvRatio = self.uconv.flatMap { uconv in pipeline.map { $0.megabytesPerSecond.median / uconv.megabytesPerSecond.median } }
    }

    public var json: Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return ((try? encoder.encode(self)) ?? Data()) + Data("\n".utf8)
    }

    /// A header naming build, cores and input, a Markdown table (one row per target), then the
    /// uconv comparison and what the whole pipeline's speed means for a gigabyte of pages.
    public var text: String {
        var lines: [String] = []
        let load = loadAverage.map { String(format: ", load average %.2f at the start", $0) } ?? ""
        lines.append("galley bench: \(build) build, \(coreCount(availableCores))\(load)")
        lines.append("input: \(input): \(pages) \(pages == 1 ? "page" : "pages"), \(Self.megabytes(bytes)) (\(bytes) bytes)")
        lines.append("\(runs) timed \(runs == 1 ? "run" : "runs") after \(warmup) warm-up, \(isolation); "
                     + "MB/s of raw input (1 MB = 10^6 bytes), median (min–max)")
        lines.append("")
        let coreCounts = Set(measurements.map(\.cores)).sorted()
        var header = "| step |"
        var rule = "|:--|"
        for cores in coreCounts { header += " \(coreCount(cores)) MB/s |"; rule += "--:|" }
        if coreCounts.count > 1 { header += " speed-up |"; rule += "--:|" }
        header += " peak RSS (" + coreCounts.map(coreCount).joined(separator: " / ") + ") |"
        rule += "--:|"
        lines += [header, rule]
        for target in measurements.filter({ $0.cores == coreCounts.first }).map(\.target) {
            let row = coreCounts.map { cores in measurements.first { $0.target == target && $0.cores == cores } }
            var line = "| \(target) |"
            for measurement in row {
                line += " " + (measurement.map { Self.format($0.megabytesPerSecond) } ?? "–") + " |"
            }
            if coreCounts.count > 1 {
                let first = row.first??.megabytesPerSecond.median
                let last = row.last??.megabytesPerSecond.median
                line += " " + (first.flatMap { one in last.map { String(format: "%.2f×", $0 / one) } } ?? "–") + " |"
            }
            line += " " + row.map { $0?.peakResidentBytes.map(Self.megabytes) ?? "–" }.joined(separator: " / ") + " |"
            lines.append(line)
        }
        lines.append("")
        lines.append("peak RSS: the highest resident memory (VmHWM) of the process that ran the configuration, "
                     + "the binary, the rule pack and the input held in memory included.")
        if let uconv {
            var line = "uconv -x \(uconv.rules): \(Self.format(uconv.megabytesPerSecond)) MB/s on 1 core"
            if let uconvRatio { line += String(format: "; pipeline+json on 1 core is %.2f× uconv", uconvRatio) }
            lines.append(line + ".")
        } else if let uconvSkipped {
            lines.append("\(uconvSkipped), ratio skipped.")
        }
        if let fastest = measurements.filter({ $0.target == "pipeline+json" }).max(by: { $0.cores < $1.cores }) {
            let seconds = 1000 / fastest.megabytesPerSecond.median
            lines.append("At pipeline+json's median on \(coreCount(fastest.cores)), "
                         + "1 GB of pages like these takes about \(Self.duration(seconds)).")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func format(_ spread: Spread) -> String {
        String(format: "%.1f (%.1f–%.1f)", spread.median, spread.min, spread.max)
    }

    private static func megabytes(_ bytes: Int) -> String {
        String(format: "%.1f MB", Double(bytes) / 1_000_000)
    }

    private static func duration(_ seconds: Double) -> String {
        if seconds < 60 { return String(format: "%.0f s", seconds) }
        let minutes = Int(seconds / 60)
        if minutes < 60 { return "\(minutes) min \(Int(seconds) % 60) s" }
        return "\(minutes / 60) h \(minutes % 60) min"
    }
}

/// `1 core`, `2 cores`.
func coreCount(_ cores: Int) -> String { cores == 1 ? "1 core" : "\(cores) cores" }
