import Foundation

/// What Linux says about this process and the machine under `/proc`; nil elsewhere.
enum ProcessStatus {
    /// Resident memory now (`VmRSS`), in bytes.
    static var residentBytes: Int? { statusField("VmRSS") }

    /// The highest resident memory since the process started (`VmHWM`), in bytes.
    static var peakResidentBytes: Int? { statusField("VmHWM") }

    /// Runnable processes averaged over the last minute: above the core count, other work was
    /// competing for the cores while a benchmark ran.
    static var loadAverage: Double? {
        guard let text = try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8) else { return nil }
        return text.split(separator: " ").first.flatMap { Double($0) }
    }

    /// A `Name:   1234 kB` line of `/proc/self/status`.
    private static func statusField(_ name: String) -> Int? {
        guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
              let line = text.split(separator: "\n").first(where: { $0.hasPrefix(name + ":") }),
              let kilobytes = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).dropFirst().first.flatMap({ Int($0) })
        else { return nil }
        return kilobytes * 1024
    }
}
