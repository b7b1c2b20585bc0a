import ArgumentParser
import Foundation
import Galley

struct SimulateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "Lay clean articles out as OCR-like pages, with a gold answer beside each page.",
        discussion: """
            Reads clean articles (JSONL, one article per line: {"headlines": ["…"], "lead": "本报讯", \
            "paragraphs": ["…", {"role": "subhead", "text": "…"}], "bylines": [{"role": null, \
            "names": ["…"]}]}; lead, bylines and labels are optional, a byline may ask for a "style": \
            standalone, trailing, author-line or inline-credit). Writes page-001.md, page-001.gold.json, \
            … into DIR, replacing files of those names. Each fault below happens at the rate you set \
            (a probability from 0 to 1) and is recorded in the gold file, so that 'galley eval DIR' can \
            measure how much of it the pipeline undoes. The same articles, options and seed give the \
            same pages.
            """
    )

    @Option(help: ArgumentHelp("Clean articles, one JSON object per line.", valueName: "FILE.jsonl"))
    var articles: String

    @Option(help: ArgumentHelp("How many pages to make.", valueName: "N"))
    var pages = 10

    @Option(help: ArgumentHelp("Seed for the random choices (a whole number, 0 or more).", valueName: "N"))
    var seed = 1

    @Option(help: ArgumentHelp("Folder to write the pages and gold files into (created if missing).", valueName: "DIR"))
    var out: String

    @Option(help: ArgumentHelp("Characters of article text per page, roughly (pages hold whole articles).", valueName: "N"))
    var pageCharacters = SimulationOptions().pageCharacters

    @Option(help: ArgumentHelp("Per block: Chinese punctuation ，；：（）！？ printed half width.", valueName: "RATE"))
    var halfWidthRate = SimulationOptions().halfWidthRate

    @Option(help: ArgumentHelp("Per gap between two Han characters of running text: a stray space.", valueName: "RATE"))
    var straySpaceRate = SimulationOptions().straySpaceRate

    @Option(help: ArgumentHelp("Per paragraph: letter-spaced, a space between every two characters.", valueName: "RATE"))
    var letterSpacingRate = SimulationOptions().letterSpacingRate

    @Option(help: ArgumentHelp("Per two-character name in a byline: padded to three with a space (周 皓).", valueName: "RATE"))
    var paddedNameRate = SimulationOptions().paddedNameRate

    @Option(help: ArgumentHelp("Per run of digits: printed in full-width digits (２０２３).", valueName: "RATE"))
    var fullWidthDigitRate = SimulationOptions().fullWidthDigitRate

    @Option(help: ArgumentHelp("Per headline group, label, lead, subhead and standalone byline: Markdown bold (**…**).", valueName: "RATE"))
    var emphasisRate = SimulationOptions().emphasisRate

    @Option(help: ArgumentHelp("Per paragraph: hard-wrapped into lines of --wrap-width characters.", valueName: "RATE"))
    var wrapRate = SimulationOptions().wrapRate

    @Option(help: ArgumentHelp("Characters per line of a hard-wrapped paragraph.", valueName: "N"))
    var wrapWidth = SimulationOptions().wrapWidth

    @Option(help: ArgumentHelp("Per paragraph of 30 characters or more: cut in two blocks by a column break (inside a word, after a comma or after a sentence).", valueName: "RATE"))
    var cutRate = SimulationOptions().cutRate

    @Option(help: ArgumentHelp("Per pair of neighbouring articles: the first one's column resumes only after the first blocks of the second.", valueName: "RATE"))
    var interleaveRate = SimulationOptions().interleaveRate

    @Option(help: ArgumentHelp("Per article: its beginning is missing, the text starting inside a word.", valueName: "RATE"))
    var truncateRate = SimulationOptions().truncateRate

    var options: SimulationOptions {
        var options = SimulationOptions()
        options.pageCharacters = pageCharacters
        options.halfWidthRate = halfWidthRate
        options.straySpaceRate = straySpaceRate
        options.letterSpacingRate = letterSpacingRate
        options.paddedNameRate = paddedNameRate
        options.fullWidthDigitRate = fullWidthDigitRate
        options.emphasisRate = emphasisRate
        options.wrapRate = wrapRate
        options.wrapWidth = wrapWidth
        options.cutRate = cutRate
        options.interleaveRate = interleaveRate
        options.truncateRate = truncateRate
        return options
    }

    func validate() throws {
        guard pages >= 1 else { throw ValidationError("--pages must be at least 1.") }
        guard seed >= 0 else { throw ValidationError("--seed must be a whole number, 0 or more.") }
        if let problem = options.problem { throw ValidationError(problem) }
    }

    func run() throws {
        let corpus: [CleanArticle]
        do {
            corpus = try ArticleCorpus.read(path: articles)
        } catch {
            throw Failure(error)
        }
        let simulated = Simulator(articles: corpus, options: options, seed: seed).pages(pages)
        let folder = URL(fileURLWithPath: out)
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw Failure("\(out): cannot create the folder: \(error.localizedDescription)")
        }
        for page in simulated {
            try writeFile(page.text, to: folder.appendingPathComponent(page.name + ".md").path)
            try writeFile(page.gold.json(), to: folder.appendingPathComponent(page.name + ".gold.json").path)
        }
        writeOutput("wrote \(simulated.count) pages and their gold files to \(out)\n")
    }
}
