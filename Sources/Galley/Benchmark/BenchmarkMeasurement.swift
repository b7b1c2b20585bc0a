/// What `galley bench` can time: each step of the pipeline on its own, and the whole.
public struct BenchmarkTarget: Sendable, Hashable {
    /// The name the report and `--only` use.
    public let id: String
    let step: Step

    enum Step: Sendable, Hashable {
        /// Splitting the raw page into blocks (`Document(page:)`).
        case parse
        /// Consecutive stages of `PipelineOrder.stages`, by position (usually one), with the shape
        /// refresh the pipeline does between them.
        case stages(Range<Int>)
        /// One refresh of every block's shape (the pipeline does one after each stage).
        case shapes
        /// Rendering a finished page as JSON.
        case renderJSON
        /// Everything a page goes through in `galley repair --format json`.
        case pipeline
    }

    /// Every target, in pipeline order, the whole pipeline last.
    public static var all: [BenchmarkTarget] {
        [BenchmarkTarget(id: "parse", step: .parse)]
            + PipelineOrder.stages.enumerated().map { BenchmarkTarget(id: $1.id, step: .stages($0..<($0 + 1))) }
            // Normalization and spacing together: the figure issue 5's speed goal names.
            + [BenchmarkTarget(id: "\(Normalization.id)+\(Spacing.id)", step: .stages(stagePositions(Normalization.self, Spacing.self)))]
            + [BenchmarkTarget(id: "shapes", step: .shapes),
               BenchmarkTarget(id: "render-json", step: .renderJSON),
               BenchmarkTarget(id: "pipeline+json", step: .pipeline)]
    }

    public static func named(_ id: String) -> BenchmarkTarget? { all.first { $0.id == id } }

    /// The positions of `first` through `last` in `PipelineOrder.stages`.
    private static func stagePositions(_ first: any Stage.Type, _ last: any Stage.Type) -> Range<Int> {
        let ids = PipelineOrder.stages.map { $0.id }
        let lower = ids.firstIndex(of: first.id) ?? 0
        return lower..<((ids.firstIndex(of: last.id) ?? lower) + 1)
    }
}

/// The median and the extremes of a few runs.
public struct Spread: Codable, Sendable, Equatable {
    public let median: Double
    public let min: Double
    public let max: Double

    /// `values` must not be empty.
    public init(_ values: [Double]) {
        let sorted = values.sorted()
        let middle = sorted.count / 2
        median = sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
        min = sorted.first ?? 0
        max = sorted.last ?? 0
    }

    /// Megabytes (10⁶ bytes) per second of each run that went through `bytes` in `seconds`.
    static func megabytesPerSecond(bytes: Int, seconds: [Double]) -> Spread {
        Spread(seconds.map { Double(bytes) / 1_000_000 / Swift.max($0, 1e-9) })
    }
}

/// One configuration of `galley bench` (a target on a number of cores) after its runs. A child
/// process prints it as one JSON line for the parent to read; the `--json` report holds a list.
public struct BenchmarkMeasurement: Codable, Sendable {
    public let target: String
    public let cores: Int
    /// Raw input bytes one run went through.
    public let bytes: Int
    /// Wall-clock seconds of each timed run, warm-up excluded.
    public let seconds: [Double]
    /// Of raw input, 1 MB = 10⁶ bytes.
    public let megabytesPerSecond: Spread
    /// Resident memory before the first run (binary, rule pack, input); nil off Linux.
    public let baselineResidentBytes: Int?
    /// The highest resident memory of the process that ran this configuration; nil off Linux.
    public let peakResidentBytes: Int?

    init(target: String, cores: Int, bytes: Int, seconds: [Double], baselineResidentBytes: Int?, peakResidentBytes: Int?) {
        self.target = target
        self.cores = cores
        self.bytes = bytes
        self.seconds = seconds
        megabytesPerSecond = .megabytesPerSecond(bytes: bytes, seconds: seconds)
        self.baselineResidentBytes = baselineResidentBytes
        self.peakResidentBytes = peakResidentBytes
    }
}
