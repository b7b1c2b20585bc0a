import Foundation

/// Runs another program to completion and times it from launch to exit.
enum ChildProcess {
    struct Outcome {
        let status: Int32
        /// Standard output, when captured.
        let output: Data
        /// Standard error, when captured.
        let errors: String
        let seconds: Double
    }

    enum Capture { case output, errors }

    /// Runs `executable` and waits for it; the stream named by `capture` is collected (it must
    /// stay under a pipe's buffer, a few kilobytes here), the other goes where this process's
    /// goes. The wait ends on the termination handler, not on `waitUntilExit`, whose polling
    /// would add up to 50 ms to the time.
    static func run(_ executable: URL, _ arguments: [String], capture: Capture) throws -> Outcome {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        let pipe = Pipe()
        switch capture {
        case .output: process.standardOutput = pipe
        case .errors: process.standardError = pipe
        }
        let exited = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in exited.signal() }
        let clock = ContinuousClock()
        let start = clock.now
        try process.run()
        exited.wait()
        let elapsed = clock.now - start
        let captured = pipe.fileHandleForReading.readDataToEndOfFile()
        return Outcome(status: process.terminationStatus,
                       output: capture == .output ? captured : Data(),
                       errors: capture == .errors ? String(decoding: captured, as: UTF8.self) : "",
                       seconds: elapsed.seconds)
    }

    /// The first executable file called `name` on `PATH`.
    static func find(_ name: String) -> URL? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").map { URL(fileURLWithPath: String($0)).appendingPathComponent(name) }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }
}
