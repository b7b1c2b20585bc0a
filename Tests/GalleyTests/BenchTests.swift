import Foundation
import Testing
@testable import Galley

/// `galley bench`: its argument checks, its inputs, and the shape of its report. Speed itself is
/// never asserted here (it depends on the machine); the benchmark measures it.
struct BenchTests {
    struct OptionCase: CustomStringConvertible, Sendable {
        let name: String
        let change: @Sendable (inout BenchmarkOptions) -> Void
        let advice: String
        var description: String { name }
    }

    static let badOptions: [OptionCase] = [
        OptionCase(name: "no timed run", change: { $0.runs = 0 }, advice: "--runs must be at least 1"),
        OptionCase(name: "negative warm-up", change: { $0.warmup = -1 }, advice: "--warmup must be 0 or more"),
        OptionCase(name: "no core", change: { $0.parallelCores = 0 }, advice: "-j must be between 1 and 2"),
        OptionCase(name: "more cores than the machine", change: { $0.parallelCores = 3 }, advice: "-j must be between 1 and 2"),
        OptionCase(name: "no page", change: { $0.pageCount = 0 }, advice: "--pages must be at least 1"),
        OptionCase(name: "unknown step", change: { $0.only = ["normalise"] }, advice: "'normalise' is none of them"),
    ]

    @Test(arguments: badOptions)
    func refusedWithAdvice(_ bad: OptionCase) {
        var options = BenchmarkOptions()
        options.input = Repository.url(Repository.seedPage).path
        bad.change(&options)
        #expect {
            try options.validate(availableCores: 2)
        } throws: { error in
            "\(error)".contains(bad.advice)
        }
    }

    @Test func acceptedOptionsChooseTheirSteps() throws {
        var options = BenchmarkOptions()
        options.input = Repository.url(Repository.seedPage).path
        options.parallelCores = 2
        try options.validate(availableCores: 2)
        #expect(options.targets.map(\.id) == BenchmarkTarget.all.map(\.id))
        options.only = ["pipeline+json", "parse"]
        #expect(options.targets.map(\.id) == ["parse", "pipeline+json"])
        // Every stage of the pipeline is a step of its own, in pipeline order.
        let stageSteps = BenchmarkTarget.all.map(\.id).filter { id in PipelineOrder.stages.contains { $0.id == id } }
        #expect(stageSteps == PipelineOrder.stages.map { $0.id })
    }

    @Test func seedRepeatedSharesItsBytes() throws {
        let seed = Repository.url(Repository.seedPage).path
        let input = try BenchmarkInput.load(path: seed, pageCount: 5)
        let size = try PageReader.readBytes(path: seed, maxBytes: Int.max).count
        #expect(input.pages.count == 5)
        #expect(input.bytes == 5 * size)
        #expect(input.description == "\(seed) × 5")
    }

    @Test func folderOfPagesInPathOrder() throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("b"), withIntermediateDirectories: true)
        try Data("第二版，本报讯。\n".utf8).write(to: folder.appendingPathComponent("b/2.md"))
        try Data("第一版，本报讯。\n".utf8).write(to: folder.appendingPathComponent("a.txt"))
        try Data("不是页面".utf8).write(to: folder.appendingPathComponent("notes.csv"))
        try Data("隐藏的页面".utf8).write(to: folder.appendingPathComponent(".hidden.txt"))
        let input = try BenchmarkInput.load(path: folder.path, pageCount: nil)
        #expect(input.pages.map { URL(fileURLWithPath: $0.source).lastPathComponent } == ["a.txt", "2.md"])
        #expect(input.description == folder.path)
        #expect(try BenchmarkInput.load(path: folder.path, pageCount: 3).description == "\(folder.path) (2 pages) repeated to 3")
    }

    @Test func jsonlRecordsAndABadLine() throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let good = folder.appendingPathComponent("pages.jsonl")
        try Data("""
            {"id": "p1", "text": "春风十里，不如你。"}

            {"id": "p2", "text": "夏雨连绵,河水上涨."}

            """.utf8).write(to: good)
        let input = try BenchmarkInput.load(path: good.path, pageCount: 3)
        #expect(input.pages.map(\.source) == ["p1", "p2", "p1"])
        let bad = folder.appendingPathComponent("bad.jsonl")
        try Data("{\"id\": \"p1\", \"text\": \"秋叶\"}\n{\"id\": 7}\n".utf8).write(to: bad)
        #expect(throws: Page.InputError(source: "\(bad.path):2", problem: "no \"id\" string")) {
            try BenchmarkInput.load(path: bad.path, pageCount: nil)
        }
    }

    @Test func spreadOfRuns() {
        #expect(Spread([3, 1, 2]) == Spread([2, 2, 1, 3, 3]))
        let even = Spread([4, 1, 3, 2])
        #expect((even.median, even.min, even.max) == (2.5, 1, 4))
    }

    /// One page, one run, every step, in this process: the report names build, cores and input,
    /// has a row per step, and its JSON reads back.
    @Test func tinyRunReport() throws {
        let cores = min(2, ProcessInfo.processInfo.activeProcessorCount)
        let input = try BenchmarkInput.load(path: Repository.url(Repository.seedPage).path, pageCount: 1)
        let benchmark = try Benchmark(pipeline: Shared.pipeline, input: input, runs: 1, warmup: 0)
        var heard: [String] = []
        let report = try benchmark.report(targets: BenchmarkTarget.all, parallelCores: cores, isolation: .inProcess,
                                          uconvRules: Repository.url("bench/uconv-normalize.rules").path) { heard.append($0) }

        let coreCounts = Array(Set([1, cores])).sorted()
        #expect(report.measurements.map(\.target) == BenchmarkTarget.all.flatMap { target in coreCounts.map { _ in target.id } })
        #expect(report.measurements.map(\.cores) == BenchmarkTarget.all.flatMap { _ in coreCounts })
        #expect(heard.first == "parse on 1 core")
        for measurement in report.measurements {
            #expect(measurement.seconds.count == 1)
            #expect(measurement.bytes == input.bytes)
            #expect(measurement.megabytesPerSecond.min <= measurement.megabytesPerSecond.max)
        }
        #expect(report.pages == 1 && report.bytes == input.bytes && report.isolation == "one process")
        #expect(report.build == BenchmarkReport.buildConfiguration)
        // uconv either ran or said why not; the ratio exists exactly when it ran.
        #expect((report.uconv != nil) != (report.uconvSkipped != nil))
        #expect((report.uconv != nil) == (report.uconvRatio != nil))

        let text = report.text
        #expect(text.hasPrefix("galley bench: \(report.build) build, \(report.availableCores) core"))
        #expect(text.contains("input: \(input.description): 1 page, "))
        for target in BenchmarkTarget.all { #expect(text.contains("\n| \(target.id) | ")) }
        #expect(text.contains(report.uconv == nil ? "ratio skipped." : "× uconv."))

        let decoded = try JSONDecoder().decode(BenchmarkReport.self, from: report.json)
        #expect(decoded.measurements.map(\.target) == report.measurements.map(\.target))
        #expect(decoded.input == report.input)
    }

    @Test func uconvWithoutItsRulesIsSkipped() throws {
        let input = try BenchmarkInput.load(path: Repository.url(Repository.seedPage).path, pageCount: 1)
        let benchmark = try Benchmark(pipeline: Shared.pipeline, input: input, runs: 1, warmup: 0)
        let report = try benchmark.report(targets: [try #require(BenchmarkTarget.named("pipeline+json"))], parallelCores: 1,
                                          isolation: .inProcess, uconvRules: "/nonexistent/uconv.rules")
        let reason = try #require(report.uconvSkipped)
        #expect(reason.hasPrefix("uconv not found") || reason.hasPrefix("no uconv rule file /nonexistent/uconv.rules"))
        #expect(report.uconvRatio == nil)
        #expect(report.text.contains("\(reason), ratio skipped."))
    }

    static func temporaryFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("galley-bench-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }
}
