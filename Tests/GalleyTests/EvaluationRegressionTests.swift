import Testing
@testable import Galley

/// `galley simulate` + `galley eval` on the fixture articles, in process: the pipeline's figures
/// may not fall below what it reached when each issue landed.
///
/// Floors are the figures measured on these four pages (seed 2024, `EvaluationFixtures.harshOptions`)
/// minus a small margin, or the measured figure itself where it must not move at all. When a
/// stage lands (spacing, stitching, tagging), raise the floors it lifts to its new figures.
/// Measured at the foundation (normalization only; every block one paragraph of one article):
/// B-cubed P 0.138 R 1.000 F1 0.242; paragraphs right 0.485; everything structural 0; stray
/// spaces left 1.000; line breaks left 1.000; CER 0.377.
/// Measured with spacing, stitching and tagging: B-cubed P 0.831 R 0.772 F1 0.801; articles right
/// 0.161; paragraphs right 0.786; cut paragraphs whole 0.360; byline names F1 0.846; truncated-start
/// F1 0.143; headlines found 0.949; stray spaces left 0.003; line breaks left 0; wrong joins 6 of 110
/// output paragraphs; CER 0.236.
/// Measured after subheads needed a sign of a feature, truncated-start needed text that does not
/// fit the text above, and interleaved columns became candidates: B-cubed P 0.896 R 0.798 F1
/// 0.844; articles right 0.226; paragraphs right 0.835; cut paragraphs whole 0.400; byline names
/// F1 0.950; truncated-start F1 0.400; headlines found 0.974; wrong joins 5 of 112; CER 0.201.
/// Measured after signed briefs, author lines alone above text and column runs read against the
/// end they may continue: B-cubed P 0.896 R 0.843 F1 0.869; articles right 0.290; truncated-start
/// F1 0.500; the rest as before.
/// The same pages from the command line: `galley simulate --articles Fixtures/articles/fixture-articles.jsonl
/// --pages 4 --seed 2024 --page-characters 1500 --letter-spacing-rate 0.1 --wrap-rate 0.15
/// --full-width-digit-rate 0.3 --cut-rate 0.2 --interleave-rate 0.4 --truncate-rate 0.2 --out DIR`,
/// then `galley eval DIR`.
struct EvaluationRegressionTests {
    static let counts: QualityCounts = {
        do {
            let evaluator = try Evaluator(pipeline: Shared.pipeline)
            return try EvaluationFixtures.simulatedPages().reduce(QualityCounts()) { sum, simulated in
                sum + evaluator.evaluate(page: try EvaluationFixtures.page(simulated), gold: simulated.gold)
            }
        } catch {
            fatalError("simulating the fixture pages: \(error)")
        }
    }()

    /// The pages exercise every figure, so that each floor means something.
    @Test func pagesExerciseEveryFigure() {
        let counts = Self.counts
        #expect(counts.pages == 4)
        #expect(counts.cutParagraphsWhole.denominator >= 10)
        #expect(counts.straySpacesLeft.denominator >= 50)
        #expect(counts.lineBreaksLeft.denominator >= 5)
        #expect(counts.deliberateSpacesLost.denominator >= 5)
        #expect(counts.bylineNames.expected >= 20)
        #expect(counts.truncatedStart.expected >= 2)
        #expect(counts.headlines.expected >= 20)
    }

    /// A figure of the report, read from the counts.
    enum Figure: String, Sendable {
        case bCubedPrecision = "B-cubed precision", bCubedRecall = "B-cubed recall", bCubedF1 = "B-cubed F1"
        case articlesRight = "articles exactly right", paragraphsRight = "paragraphs exactly right"
        case cutParagraphsWhole = "cut paragraphs whole", bylineNames = "byline names F1"
        case truncatedStart = "truncated-start F1", headlinesFound = "headlines found"
        case straySpacesLeft = "stray spaces left", lineBreaksLeft = "line breaks left"
        case deliberateSpacesLost = "deliberate spaces lost", halfWidthLeft = "half-width marks left"
        case wrongJoins = "wrong joins per output paragraph", characterErrorRate = "character error rate"

        func value(in counts: QualityCounts) -> Double? {
            switch self {
            case .bCubedPrecision: counts.bCubedPrecision.value
            case .bCubedRecall: counts.bCubedRecall.value
            case .bCubedF1: counts.bCubedF1
            case .articlesRight: counts.articlesRight.value
            case .paragraphsRight: counts.paragraphsRight.value
            case .cutParagraphsWhole: counts.cutParagraphsWhole.value
            case .bylineNames: counts.bylineNames.f1
            case .truncatedStart: counts.truncatedStart.f1
            case .headlinesFound: counts.headlines.recall.value
            case .straySpacesLeft: counts.straySpacesLeft.value
            case .lineBreaksLeft: counts.lineBreaksLeft.value
            case .deliberateSpacesLost: counts.deliberateSpacesLost.value
            case .halfWidthLeft: counts.halfWidthLeft.value
            case .wrongJoins: counts.wrongJoins.value
            case .characterErrorRate: counts.characterErrors.value
            }
        }
    }

    /// Figures where higher is better: at or above their floors.
    @Test(arguments: [
        (Figure.bCubedPrecision, 0.87), (.bCubedRecall, 0.82), (.bCubedF1, 0.85),
        (.articlesRight, 0.27), (.paragraphsRight, 0.81), (.cutParagraphsWhole, 0.38),
        (.bylineNames, 0.93), (.truncatedStart, 0.45), (.headlinesFound, 0.95),
    ])
    func atOrAboveFloor(_ figure: Figure, _ floor: Double) throws {
        let value = try #require(figure.value(in: Self.counts), "\(figure.rawValue) is undefined on the fixture pages")
        #expect(value >= floor, "\(figure.rawValue): \(value) fell below its floor \(floor)")
    }

    /// Figures where lower is better: at or below their ceilings. Deliberate spaces and
    /// half-width marks are right today and must stay so.
    @Test(arguments: [
        (Figure.straySpacesLeft, 0.01), (.lineBreaksLeft, 0.0), (.deliberateSpacesLost, 0.0),
        (.halfWidthLeft, 0.0), (.wrongJoins, 0.06), (.characterErrorRate, 0.22),
    ])
    func atOrBelowCeiling(_ figure: Figure, _ ceiling: Double) throws {
        let value = try #require(figure.value(in: Self.counts), "\(figure.rawValue) is undefined on the fixture pages")
        #expect(value <= ceiling, "\(figure.rawValue): \(value) rose above its ceiling \(ceiling)")
    }
}
