/// The evidence for one pairing of an open end with an open start.
struct Evidence: CustomStringConvertible {
    var wordAcrossJunction: (word: WordJunction.Evidence, conclusive: Bool)?
    var fragmentStart: Bool
    var orphanStart: Bool
    /// A paragraph past the first blocks of the article after the end, following a closed
    /// paragraph (a column printed after the next article's first blocks).
    var interleavedStart: Bool
    /// For a start right under a headline: how well the headline's words fit its column (0–1).
    var headlineAffinity: Double?
    var vocabulary: Double
    /// For a start away from the end: how much better the end's vocabulary fits it than the
    /// text right before it.
    var betterFit: Double
    var adjacent: Bool
    var distance: Int

    var description: String {
        "word across junction \(wordAcrossJunction.map { "\($0.word)\($0.conclusive ? "" : " (weak)")" } ?? "none"), fragment start \(fragmentStart), orphan start \(orphanStart), interleaved start \(interleavedStart), headline affinity \(headlineAffinity.map { "\(Stitching.rounded($0))" } ?? "-"), vocabulary \(Stitching.rounded(vocabulary)), better fit \(Stitching.rounded(betterFit)), adjacent \(adjacent), distance \(distance)"
    }
}

/// Weights and thresholds from `stitching.yaml`.
struct StitchingSettings: Sendable {
    let window: Int
    let wordAcrossJunction: Double
    let fragmentStart: Double
    let orphanStart: Double
    let interleavedStart: Double
    let underHeadline: Double
    let headlineAffinity: Double
    let vocabulary: Double
    let betterFit: Double
    let adjacent: Double
    let distance: Double
    let joinThreshold: Double
    let moveThreshold: Double
    /// An unpaired fragment after running text is flagged truncated-start only when its column
    /// fits that text less than this (otherwise it more likely goes on with it).
    let truncatedFitMax: Double
    let freeSingleCharacters: Set<Character>
    let joinWordRule: String
    let joinSentenceRule: String
    let moveRule: String

    init(pack: RulePack) throws {
        guard let file = pack.files(for: Stitching.id).first else {
            throw RuleFileError(file: pack.name, line: nil, problem: "the rule pack has no rule file for the stage 'stitch'")
        }
        let root = file.root
        window = try root.int("window", default: 40)
        let weights = try root.required("weights")
        wordAcrossJunction = try weights.double("word-across-junction", default: 2)
        fragmentStart = try weights.double("fragment-start", default: 0.6)
        orphanStart = try weights.double("orphan-start", default: 0.6)
        interleavedStart = try weights.double("interleaved-start", default: 0)
        underHeadline = try weights.double("under-headline", default: -0.3)
        headlineAffinity = try weights.double("headline-affinity", default: -3)
        vocabulary = try weights.double("vocabulary", default: 5)
        betterFit = try weights.double("better-fit", default: 3)
        adjacent = try weights.double("adjacent", default: 0.4)
        distance = try weights.double("distance", default: -0.01)
        joinThreshold = try root.double("join-threshold", default: 1.2)
        moveThreshold = try root.double("move-threshold", default: 2.2)
        truncatedFitMax = try root.double("truncated-fit-max", default: 1)
        freeSingleCharacters = Set(try root.optionalString("free-single-characters") ?? "")
        let kinds = ["join-word", "join-sentence", "move"]
        for rule in file.rules where !kinds.contains(rule.kind) {
            throw rule.node.error("unknown stitching rule kind '\(rule.kind)' (\(kinds.joined(separator: ", ")))")
        }
        func rule(_ kind: String) throws -> String {
            guard let rule = file.rules.first(where: { $0.kind == kind }) else { throw root.error("stitching needs a rule of kind '\(kind)'") }
            return rule.id
        }
        joinWordRule = try rule("join-word")
        joinSentenceRule = try rule("join-sentence")
        moveRule = try rule("move")
    }

    func score(_ evidence: Evidence) -> Double {
        (evidence.wordAcrossJunction.map { $0.conclusive ? wordAcrossJunction : wordAcrossJunction / 2 } ?? 0) + (evidence.fragmentStart ? fragmentStart : 0)
            + (evidence.orphanStart ? orphanStart : 0) + (evidence.interleavedStart ? interleavedStart : 0)
            + (evidence.headlineAffinity.map { underHeadline + headlineAffinity * $0 } ?? 0)
            + vocabulary * evidence.vocabulary + betterFit * evidence.betterFit + (evidence.adjacent ? adjacent : 0) + distance * Double(evidence.distance)
    }
}
