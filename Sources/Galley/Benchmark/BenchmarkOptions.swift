import Foundation

/// The settings of one `galley bench`, checked before anything is read or timed.
public struct BenchmarkOptions: Sendable {
    /// A page, a folder of pages or a `.jsonl` file; nil: the default seed, 600 times.
    public var input: String?
    public var pageCount: Int?
    public var runs = 5
    public var warmup = 1
    /// Threads of the parallel measurement; the one-core measurement always runs too.
    public var parallelCores = ProcessInfo.processInfo.activeProcessorCount
    /// Target ids to measure; empty: all of them.
    public var only: [String] = []

    public init() {}

    /// A usage error, phrased as advice.
    public struct UsageError: Error, CustomStringConvertible, Sendable {
        public let description: String
    }

    public func validate(availableCores: Int = ProcessInfo.processInfo.activeProcessorCount) throws(UsageError) {
        guard runs >= 1 else { throw UsageError(description: "--runs must be at least 1: the report gives the median of the timed runs.") }
        guard warmup >= 0 else { throw UsageError(description: "--warmup must be 0 or more.") }
        guard (1...availableCores).contains(parallelCores) else {
            throw UsageError(description: "-j must be between 1 and \(availableCores), the cores of this machine.")
        }
        if let pageCount, pageCount < 1 { throw UsageError(description: "--pages must be at least 1.") }
        let known = BenchmarkTarget.all.map(\.id)
        if let unknown = only.first(where: { !known.contains($0) }) {
            throw UsageError(description: "--only takes one of \(known.joined(separator: ", ")); '\(unknown)' is none of them.")
        }
        if input == nil && !FileManager.default.fileExists(atPath: BenchmarkInput.defaultSeed) {
            throw UsageError(description: """
                No INPUT given, and the default seed page \(BenchmarkInput.defaultSeed) is not under the current \
                directory: run from the repository root, or name a page, a folder of pages or a JSONL file.
                """)
        }
    }

    /// The targets to measure, in report order.
    public var targets: [BenchmarkTarget] {
        BenchmarkTarget.all.filter { only.isEmpty || only.contains($0.id) }
    }
}
