import ArgumentParser
import Foundation
import Galley

extension ColorMode: ExpressibleByArgument {}

struct DiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Show what the repair changed on a page, each change with the stage and rule that made it.",
        discussion: """
            Prints each changed block of the raw page with its changes marked (deletions red, \
            insertions green; [-deleted-]{+inserted+} without colour), the rules behind them, \
            the joins and moves that re-stitched articles, and a summary of edits per stage and \
            per rule. Colour is used on a terminal unless NO_COLOR is set. With --html, writes \
            one self-contained page (raw page and repaired articles side by side) instead.
            """
    )

    @Argument(help: ArgumentHelp("The page to compare; '-' or none reads standard input.", valueName: "FILE"))
    var file = "-"

    @Flag(help: "Show raw and repaired text in two columns instead of marking changes in the raw text.")
    var sideBySide = false

    @Option(help: ArgumentHelp("Write the diff as a self-contained HTML page to this file ('-': standard output) instead of printing it.",
                               valueName: "OUT.html"))
    var html: String?

    @Option(help: ArgumentHelp("When to colour the output: auto (on a terminal, unless NO_COLOR is set), always or never.",
                               valueName: "WHEN"))
    var color: ColorMode = .auto

    @Option(help: ArgumentHelp("Line width for --side-by-side (default: the terminal's width, else $COLUMNS, else 120).",
                               valueName: "COLUMNS"))
    var width: Int?

    @OptionGroup var pageLimit: PageLimitOptions

    @OptionGroup var rules: RulePackOptions

    func validate() throws {
        if let width {
            guard sideBySide else { throw ValidationError("--width goes with --side-by-side.") }
            guard width >= 40 else { throw ValidationError("--width must be at least 40 columns for two columns to fit.") }
        }
        if html != nil && sideBySide {
            throw ValidationError("--html already shows raw and repaired text side by side; drop --side-by-side.")
        }
        if html?.isEmpty == true { throw ValidationError("--html needs a file name (or '-' for standard output).") }
    }

    func run() throws {
        let pipeline = try rules.pipeline()
        let page: Page
        do {
            page = try PageReader.read(path: file, maxBytes: pageLimit.maxPageBytes)
        } catch {
            throw Failure(error)
        }
        let diff: PageDiff
        do {
            diff = try PageDiff(document: pipeline.document(for: page, through: nil))
        } catch {
            throw Failure("\(page.source): the edit log does not replay on the page: \(error)")
        }
        if let html {
            let document = HTMLDiff.render(diff)
            if html == "-" { writeOutput(document) } else { try writeAtomically(document, to: html) }
            return
        }
        let isTerminal = isatty(STDOUT_FILENO) != 0
        let palette = DiffPalette(mode: color, isTerminal: isTerminal, environment: ProcessInfo.processInfo.environment)
        writeOutput(sideBySide
            ? TerminalDiff.sideBySide(diff, palette: palette, width: width ?? Self.terminalWidth(isTerminal: isTerminal))
            : TerminalDiff.unified(diff, palette: palette))
    }

    /// The terminal's width, else `$COLUMNS`, else 120.
    static func terminalWidth(isTerminal: Bool) -> Int {
        var size = winsize()
        if isTerminal, ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col >= 40 { return Int(size.ws_col) }
        if let columns = ProcessInfo.processInfo.environment["COLUMNS"].flatMap(Int.init), columns >= 40 { return columns }
        return 120
    }

    /// Writes the page through a temporary file beside `path`: never a half-written page.
    private func writeAtomically(_ text: String, to path: String) throws {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            throw Failure("\(path): is a directory; name the HTML file to write")
        }
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw Failure("\(path): cannot write the HTML page: no folder \(folder)")
        }
        try writeFile(text, to: path)
    }
}
