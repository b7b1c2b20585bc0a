import Dispatch
import Synchronization

/// Times pipeline steps over a set of pages, in this process.
///
/// A step that needs the output of earlier steps (a stage, a shape refresh, JSON rendering) gets
/// it prepared untimed, a batch of pages at a time, and only the step itself runs inside the
/// clock; batches keep memory bounded whatever the page count. The whole pipeline runs page by
/// page with nothing prepared and nothing kept. Pages go to `cores` threads, each taking the next
/// page, so uneven pages do not leave a core idle.
public struct Benchmark: Sendable {
    public let pipeline: Pipeline
    public let input: BenchmarkInput
    public let runs: Int
    public let warmup: Int
    /// Each stage built on its own from the pipeline's pack, to be run alone.
    private let stages: [any Stage]
    private let shapes: ShapeReader

    /// Pages prepared at once for a step timed alone.
    static let batchSize = 256

    public init(pipeline: Pipeline, input: BenchmarkInput, runs: Int, warmup: Int) throws {
        self.pipeline = pipeline
        self.input = input
        self.runs = runs
        self.warmup = warmup
        stages = try PipelineOrder.stages.map { try $0.init(pack: pipeline.pack) }
        shapes = try ShapeReader(pack: pipeline.pack)
    }

    /// Warm-up runs, then `runs` timed runs of `target` on `cores` threads.
    public func measure(_ target: BenchmarkTarget, cores: Int) -> BenchmarkMeasurement {
        let baseline = ProcessStatus.residentBytes
        for _ in 0..<warmup { _ = secondsOfOneRun(target.step, cores: cores) }
        let seconds = (0..<runs).map { _ in secondsOfOneRun(target.step, cores: cores) }
        return BenchmarkMeasurement(target: target.id, cores: cores, bytes: input.bytes, seconds: seconds,
                                    baselineResidentBytes: baseline, peakResidentBytes: ProcessStatus.peakResidentBytes)
    }

    private func secondsOfOneRun(_ step: BenchmarkTarget.Step, cores: Int) -> Double {
        let pages = input.pages
        // What a step made is counted here, so that the optimizer cannot drop the work as unused.
        let made = Atomic<Int>(0)
        switch step {
        case .parse:
            return Self.timed(pages.count, cores: cores) {
                _ = made.wrappingAdd(Document(page: pages[$0]).blocks.count, ordering: .relaxed)
            }
        case .stages(let positions):
            let previous = positions.lowerBound > 0 ? PipelineOrder.stages[positions.lowerBound - 1].id : nil
            let run = Array(stages[positions])
            return timedInBatches(cores: cores, prepare: { page in
                previous.map { pipeline.document(for: page, through: $0) } ?? Document(page: page)
            }, step: { [shapes] document in
                for (offset, stage) in run.enumerated() {
                    // The refresh the pipeline does after a stage, when another stage of the step reads it.
                    if offset > 0 { document.refreshShapes(with: shapes) }
                    stage.run(&document)
                }
            })
        case .shapes:
            let first = PipelineOrder.stages.first?.id
            return timedInBatches(cores: cores, prepare: { pipeline.document(for: $0, through: first) },
                                  step: { [shapes] in $0.refreshShapes(with: shapes) })
        case .renderJSON:
            return timedInBatches(cores: cores, prepare: { pipeline.run($0) }, step: {
                _ = made.wrappingAdd(Renderer.render($0, as: .json).utf8.count, ordering: .relaxed)
            })
        case .pipeline:
            return Self.timed(pages.count, cores: cores) { [pipeline] in
                _ = made.wrappingAdd(Renderer.render(pipeline.run(pages[$0]), as: .json).utf8.count, ordering: .relaxed)
            }
        }
    }

    /// Prepares `batchSize` pages at a time untimed, then times `step` over the batch.
    private func timedInBatches<Prepared: Sendable>(
        cores: Int, prepare: (Page) -> Prepared, step: @Sendable (inout Prepared) -> Void
    ) -> Double {
        var seconds = 0.0
        var start = 0
        while start < input.pages.count {
            let end = min(start + Self.batchSize, input.pages.count)
            var prepared = input.pages[start..<end].map(prepare)
            seconds += prepared.withUnsafeMutableBufferPointer { buffer in
                let slots = DisjointSlots(buffer: buffer)
                return Self.timed(buffer.count, cores: cores) { step(&slots.buffer[$0]) }
            }
            start = end
        }
        return seconds
    }

    /// Wall-clock seconds to run `work` for every index below `count` on `cores` threads.
    static func timed(_ count: Int, cores: Int, _ work: @Sendable (Int) -> Void) -> Double {
        let elapsed = ContinuousClock().measure {
            if cores == 1 {
                for index in 0..<count { work(index) }
                return
            }
            let next = Atomic<Int>(0)
            DispatchQueue.concurrentPerform(iterations: cores) { _ in
                while true {
                    let index = next.wrappingAdd(1, ordering: .relaxed).oldValue
                    guard index < count else { return }
                    work(index)
                }
            }
        }
        return elapsed.seconds
    }
}

extension Duration {
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}

/// A buffer whose elements the worker threads split among themselves: each index is read and
/// written by one thread only, which is what makes sharing it sound.
private struct DisjointSlots<Element>: @unchecked Sendable {
    let buffer: UnsafeMutableBufferPointer<Element>
}
