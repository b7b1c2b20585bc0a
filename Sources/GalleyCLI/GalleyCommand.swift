import ArgumentParser
import Foundation
import Galley

@main
struct GalleyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "galley",
        abstract: "Repair and structure the text OCR produces from scanned newspaper pages.",
        discussion: """
            Galley normalizes OCR text, removes stray spaces, re-stitches articles that columns \
            interrupted and tags headlines, leads, paragraphs and bylines. Rules come from a rule \
            pack (the built-in zh-Hans pack unless --rules names another folder).
            """,
        subcommands: [RepairCommand.self, BatchCommand.self, DiffCommand.self, RulesCommand.self, SimulateCommand.self, EvalCommand.self, BenchCommand.self],
        defaultSubcommand: RepairCommand.self
    )

    /// Exit status 2 for usage errors and 1 for data errors (contract: commands), with one clear
    /// message on stderr and never a stack trace.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let failure as Failure {
            FileHandle.standardError.write(Data("galley: \(failure.message)\n".utf8))
            Foundation.exit(1)
        } catch {
            let code = exitCode(for: error)
            if code == .validationFailure {
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }
}

/// An input or data error: reported as one line, exit status 1.
struct Failure: Error {
    let message: String
    init(_ message: String) { self.message = message }
    init(_ error: any Error) { message = "\(error)" }
}

/// Options every command that runs the pipeline shares.
struct RulePackOptions: ParsableArguments {
    @Option(name: .customLong("rules"), help: ArgumentHelp(
        "A rule pack folder to use instead of the built-in zh-Hans pack.", valueName: "DIR"))
    var directory: String?

    func pipeline() throws -> Pipeline {
        do {
            let pack = try directory.map { try RulePack.load(directory: $0) } ?? RulePack.builtIn()
            return try Pipeline(pack: pack)
        } catch {
            throw Failure(error)
        }
    }
}

/// The page size limit every command that reads pages shares.
struct PageLimitOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Refuse pages larger than this many bytes.", valueName: "BYTES"))
    var maxPageBytes = Page.defaultMaxBytes

    func validate() throws {
        guard maxPageBytes > 0 else { throw ValidationError("--max-page-bytes must be a positive number of bytes.") }
    }
}

/// Writes to standard output in one piece, after all work succeeded.
func writeOutput(_ text: String) {
    FileHandle.standardOutput.write(Data(text.utf8))
}

/// Writes a file through a temporary file and a rename: it is either whole or not there.
func writeFile(_ text: String, to path: String) throws {
    do {
        try AtomicFileWriter.write(Array(text.utf8), to: path)
    } catch {
        throw Failure(error)
    }
}
