import ArgumentParser
import Foundation
import Galley

struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure how fast Galley repairs pages on this machine.",
        discussion: """
            Times each step of the pipeline alone (parsing, every stage, normalize and spacing \
            together, one block-shape refresh, JSON rendering) and the whole pipeline with JSON \
            output, in MB/s of raw input: \
            warm-up runs first, then the median and the range of the timed runs, on one core and \
            on -j cores. Each configuration runs in a child process of its own, so that the peak \
            resident memory reported for it is its own. Then it runs ICU's uconv (Debian package \
            icu-devtools) with the rule file of --uconv-rules over the same text and prints how \
            many times faster the whole pipeline is; without uconv the ratio is skipped. \
            Use a release build (swift build -c release): a debug build is many times slower.
            """
    )

    @Argument(help: ArgumentHelp("""
        A page file, a folder of .txt/.md pages (searched recursively) or a .jsonl file of \
        {"id", "text"} page records. Default: \(BenchmarkInput.defaultSeed), found from the \
        current directory (run from the repository root), taken as \(BenchmarkInput.defaultSeedPages) pages.
        """, valueName: "INPUT"))
    var input: String?

    @Option(name: [.customShort("j"), .customLong("jobs")], help: ArgumentHelp(
        "Cores for the parallel measurement; the default is all of them.", valueName: "N"))
    var cores = ProcessInfo.processInfo.activeProcessorCount

    @Option(help: ArgumentHelp("Timed runs of each configuration; the report gives their median and range.", valueName: "N"))
    var runs = 5

    @Option(help: ArgumentHelp("Untimed runs before the timed ones.", valueName: "N"))
    var warmup = 1

    @Option(help: ArgumentHelp("""
        Measure this many pages, repeating the input's pages in order (they share memory). Compare \
        the peak RSS of --pages 600 and --pages 6000 to see whether memory grows with the pages.
        """, valueName: "N"))
    var pages: Int?

    @Option(help: ArgumentHelp("""
        Measure only this step (repeat for more): \(BenchmarkTarget.all.map(\.id).joined(separator: ", ")).
        """, valueName: "STEP"))
    var only: [String] = []

    @Option(help: ArgumentHelp("Also write the report as JSON to this file (its folders are created).", valueName: "FILE"))
    var json: String?

    @Option(help: ArgumentHelp("The uconv rule file, from the current directory.", valueName: "FILE"))
    var uconvRules = "bench/uconv-normalize.rules"

    @OptionGroup var rules: RulePackOptions

    /// Set in the child process that measures one configuration and prints it as a JSON line.
    @Option(help: .hidden)
    var internalRun: String?

    var options: BenchmarkOptions {
        var options = BenchmarkOptions()
        options.input = input
        options.pageCount = pages
        options.runs = runs
        options.warmup = warmup
        options.parallelCores = cores
        // The child's step is checked like an --only name.
        options.only = only + (internalRun.map { [$0] } ?? [])
        return options
    }

    func validate() throws {
        do {
            try options.validate()
        } catch {
            throw ValidationError(error.description)
        }
    }

    func run() throws {
        let pipeline = try rules.pipeline()
        let benchmark: Benchmark
        do {
            let input = try BenchmarkInput.load(path: self.input, pageCount: pages)
            benchmark = try Benchmark(pipeline: pipeline, input: input, runs: runs, warmup: warmup)
        } catch {
            throw Failure(error)
        }
        if let internalRun, let target = BenchmarkTarget.named(internalRun) {
            writeOutput(benchmark.measure(target, cores: cores).jsonLine)
            return
        }
        let report: BenchmarkReport
        do {
            report = try benchmark.report(targets: options.targets, parallelCores: cores,
                                          isolation: .childProcesses(executable: Self.executable, arguments: childArguments()),
                                          uconvRules: uconvRules) { step in
                FileHandle.standardError.write(Data("galley bench: measuring \(step)…\n".utf8))
            }
        } catch {
            throw Failure(error)
        }
        if let json {
            do {
                try AtomicFileWriter.write(Array(report.json), to: json)
            } catch {
                throw Failure(error.description)
            }
        }
        writeOutput(report.text)
    }

    /// This command again, for one configuration.
    func childArguments() -> @Sendable (BenchmarkTarget, Int) -> [String] {
        var shared = (input.map { [$0] } ?? []) + ["--runs", String(runs), "--warmup", String(warmup)]
        if let pages { shared += ["--pages", String(pages)] }
        if let directory = rules.directory { shared += ["--rules", directory] }
        return { [shared] target, cores in ["bench"] + shared + ["-j", String(cores), "--internal-run", target.id] }
    }

    /// The running binary; `/proc/self/exe` on Linux does not depend on how it was called.
    static var executable: URL {
        let proc = URL(fileURLWithPath: "/proc/self/exe")
        if FileManager.default.fileExists(atPath: proc.path) { return proc }
        return Bundle.main.executableURL ?? URL(fileURLWithPath: CommandLine.arguments[0])
    }
}
