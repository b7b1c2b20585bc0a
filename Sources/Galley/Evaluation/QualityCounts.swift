/// What `galley eval` counts on one page; pages add up before any share is taken, so every
/// figure is weighted by what it counts (characters, paragraphs, names …), not by page.
public struct QualityCounts: Sendable, Equatable {
    public var pages = 0
    public var goldArticles = 0
    public var outputArticles = 0
    /// Character-weighted B-cubed of article assembly.
    public var bCubedPrecision = Ratio(0, of: 0)
    public var bCubedRecall = Ratio(0, of: 0)
    /// Gold articles whose best-matching output article has the same headlines, lead, paragraph
    /// texts, byline names and flags (whitespace ignored).
    public var articlesRight = Ratio(0, of: 0)
    /// Gold paragraphs some output paragraph equals (whitespace ignored).
    public var paragraphsRight = Ratio(0, of: 0)
    /// Gold paragraphs that a column cut split (`joins`) and one output paragraph holds whole.
    public var cutParagraphsWhole = Ratio(0, of: 0)
    /// Extra gold paragraphs an output paragraph holds (two in one is one wrong join), of the
    /// output paragraphs.
    public var wrongJoins = Ratio(0, of: 0)
    public var straySpacesLeft = Ratio(0, of: 0)
    public var lineBreaksLeft = Ratio(0, of: 0)
    public var deliberateSpacesLost = Ratio(0, of: 0)
    /// Half-width `, ; : ( ) ! ?` beside a Han character, of the output characters.
    public var halfWidthLeft = Ratio(0, of: 0)
    public var bylineNames = MatchCounts()
    public var truncatedStart = MatchCounts()
    public var headlines = MatchCounts()
    /// Edit operations of article texts against gold texts, of gold characters.
    public var characterErrors = Ratio(0, of: 0)

    public init() {}

    public var bCubedF1: Double? { Metrics.f1(precision: bCubedPrecision, recall: bCubedRecall) }

    public static func + (lhs: QualityCounts, rhs: QualityCounts) -> QualityCounts {
        var sum = lhs
        sum.pages += rhs.pages
        sum.goldArticles += rhs.goldArticles
        sum.outputArticles += rhs.outputArticles
        sum.bCubedPrecision = sum.bCubedPrecision + rhs.bCubedPrecision
        sum.bCubedRecall = sum.bCubedRecall + rhs.bCubedRecall
        sum.articlesRight = sum.articlesRight + rhs.articlesRight
        sum.paragraphsRight = sum.paragraphsRight + rhs.paragraphsRight
        sum.cutParagraphsWhole = sum.cutParagraphsWhole + rhs.cutParagraphsWhole
        sum.wrongJoins = sum.wrongJoins + rhs.wrongJoins
        sum.straySpacesLeft = sum.straySpacesLeft + rhs.straySpacesLeft
        sum.lineBreaksLeft = sum.lineBreaksLeft + rhs.lineBreaksLeft
        sum.deliberateSpacesLost = sum.deliberateSpacesLost + rhs.deliberateSpacesLost
        sum.halfWidthLeft = sum.halfWidthLeft + rhs.halfWidthLeft
        sum.bylineNames = sum.bylineNames + rhs.bylineNames
        sum.truncatedStart = sum.truncatedStart + rhs.truncatedStart
        sum.headlines = sum.headlines + rhs.headlines
        sum.characterErrors = sum.characterErrors + rhs.characterErrors
        return sum
    }
}
