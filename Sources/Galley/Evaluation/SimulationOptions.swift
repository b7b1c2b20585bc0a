/// How hard the simulator degrades clean articles. Every rate is a probability in [0, 1]; the
/// defaults give pages like the seed page (half-width commas, a few stray spaces, bold leads and
/// bylines, a column cut or an interleaved column now and then) with the rarer OCR faults mixed in.
public struct SimulationOptions: Sendable, Equatable {
    /// Characters of article text per page, roughly (a page holds whole articles).
    public var pageCharacters = 6000
    /// Per block: its Chinese punctuation `，；：（）！？` printed half width.
    public var halfWidthRate = 0.8
    /// Per gap between two Han characters of running text: a stray space.
    public var straySpaceRate = 0.004
    /// Per paragraph: printed letter-spaced (a space between every two characters).
    public var letterSpacingRate = 0.02
    /// Per two-character name in a byline: padded with a space to three (周 皓).
    public var paddedNameRate = 0.5
    /// Per run of digits: printed with full-width digits (２０２３).
    public var fullWidthDigitRate = 0.05
    /// Per headline group, label, lead, subhead and standalone byline: wrapped in `**…**`.
    public var emphasisRate = 0.6
    /// Per paragraph: hard-wrapped into lines of `wrapWidth` characters.
    public var wrapRate = 0.03
    public var wrapWidth = 22
    /// Per paragraph of 30 characters or more: cut in two blocks by a column break.
    public var cutRate = 0.08
    /// Per pair of neighbouring articles: the first one's column resumes after the first blocks
    /// of the second.
    public var interleaveRate = 0.15
    /// Per article: its beginning is missing (the page starts in its middle).
    public var truncateRate = 0.08

    public init() {}

    /// The settings by name, as the CLI spells them, for gold files and validation.
    public var settings: [(name: String, value: Double)] {
        [("page-characters", Double(pageCharacters)), ("half-width-rate", halfWidthRate),
         ("stray-space-rate", straySpaceRate), ("letter-spacing-rate", letterSpacingRate),
         ("padded-name-rate", paddedNameRate), ("full-width-digit-rate", fullWidthDigitRate),
         ("emphasis-rate", emphasisRate), ("wrap-rate", wrapRate), ("wrap-width", Double(wrapWidth)),
         ("cut-rate", cutRate), ("interleave-rate", interleaveRate), ("truncate-rate", truncateRate)]
    }

    /// The first setting out of range, phrased as advice, or nil.
    public var problem: String? {
        for (name, value) in settings where name.hasSuffix("-rate") && !(0...1).contains(value) {
            return "--\(name) is a probability: give a number from 0 to 1 (got \(value))."
        }
        if pageCharacters < 1 { return "--page-characters must be at least 1." }
        if wrapWidth < 2 { return "--wrap-width must be at least 2 characters." }
        return nil
    }
}
