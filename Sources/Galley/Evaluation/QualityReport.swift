import Foundation

/// The figures `galley eval` prints: a table for people, the same figures as JSON for scripts.
public struct QualityReport: Sendable {
    public var counts: QualityCounts
    /// Gold files that could not be evaluated, each as "file: problem".
    public var failures: [String]

    public init(counts: QualityCounts, failures: [String] = []) {
        self.counts = counts
        self.failures = failures
    }

    /// One line of the table: name, figure, what it was counted over.
    struct Row {
        var key: String
        var name: String
        var value: Double?
        /// Print the value as a whole number (a count), not a share.
        var isCount = false
        var detail: String
    }

    var rows: [Row] {
        let c = counts
        func share(_ key: String, _ name: String, _ ratio: Ratio, _ unit: String) -> Row {
            Row(key: key, name: name, value: ratio.value, detail: "\(Self.number(ratio.numerator)) of \(Self.number(ratio.denominator)) \(unit)")
        }
        func f1(_ key: String, _ name: String, _ match: MatchCounts) -> Row {
            Row(key: key, name: name, value: match.f1, detail:
                "precision \(match.found)/\(match.predicted), recall \(match.recalled)/\(match.expected)")
        }
        return [
            Row(key: "bcubed_precision", name: "article assembly: B-cubed precision", value: c.bCubedPrecision.value,
                detail: "over \(Self.number(c.bCubedPrecision.denominator)) output characters"),
            Row(key: "bcubed_recall", name: "article assembly: B-cubed recall", value: c.bCubedRecall.value,
                detail: "over \(Self.number(c.bCubedRecall.denominator)) gold characters"),
            Row(key: "bcubed_f1", name: "article assembly: B-cubed F1", value: c.bCubedF1, detail: "character-weighted"),
            share("articles_exactly_right", "articles exactly right", c.articlesRight, "gold articles"),
            share("paragraphs_exactly_right", "paragraphs exactly right", c.paragraphsRight, "gold paragraphs"),
            share("cut_paragraphs_whole", "column-cut paragraphs whole", c.cutParagraphsWhole, "cut paragraphs"),
            Row(key: "wrong_joins", name: "wrong joins", value: c.wrongJoins.numerator, isCount: true,
                detail: "in \(Self.number(c.wrongJoins.denominator)) output paragraphs"),
            share("stray_spaces_left", "stray spaces left (share of injected)", c.straySpacesLeft, "injected"),
            share("line_breaks_left", "hard-wrap line breaks left", c.lineBreaksLeft, "injected"),
            Row(key: "deliberate_spaces_lost", name: "deliberate spaces lost", value: c.deliberateSpacesLost.numerator, isCount: true,
                detail: "of \(Self.number(c.deliberateSpacesLost.denominator))"),
            Row(key: "half_width_left", name: "half-width , ; : ( ) ! ? beside Han", value: c.halfWidthLeft.numerator, isCount: true,
                detail: "in \(Self.number(c.halfWidthLeft.denominator)) output characters"),
            f1("byline_names_f1", "byline names F1", c.bylineNames),
            f1("truncated_start_f1", "truncated-start F1", c.truncatedStart),
            share("headlines_found", "headline lines found (recall)", c.headlines.recall, "gold lines"),
            share("headlines_not_invented", "headline lines not invented (precision)", c.headlines.precision, "output lines"),
            share("character_error_rate", "character error rate of article text", c.characterErrors, "gold characters"),
        ]
    }

    public func table() -> String {
        let title = "\(counts.pages) pages evaluated" + (failures.isEmpty ? "" : ", \(failures.count) failed")
            + ": \(counts.goldArticles) gold articles, \(counts.outputArticles) output articles"
        let rows = self.rows
        let width = rows.map(\.name.count).max() ?? 0
        var lines = [title, ""]
        lines.append("| " + "metric".padding(toLength: width, withPad: " ", startingAt: 0) + " |  value | counted over")
        lines.append("|" + String(repeating: "-", count: width + 2) + "|-------:|-------------")
        for row in rows {
            let value = row.value.map { row.isCount ? Self.number($0) : String(format: "%.3f", $0) } ?? "n/a"
            lines.append("| " + row.name.padding(toLength: width, withPad: " ", startingAt: 0) + " | "
                         + String(repeating: " ", count: max(0, 6 - value.count)) + value + " | " + row.detail)
        }
        return lines.joined(separator: "\n") + "\n"
    }

    public func json() -> String {
        var json = JSONWriter()
        json.beginObject()
        json.field("pages", counts.pages)
        json.field("failed", strings: failures)
        json.field("gold_articles", counts.goldArticles)
        json.field("output_articles", counts.outputArticles)
        for row in rows {
            json.key(row.key)
            if let value = row.value { json.value(value) } else { json.value(nil as String?) }
        }
        json.key("counts")
        json.beginObject()
        let c = counts
        for (key, ratio) in [("bcubed_precision", c.bCubedPrecision), ("bcubed_recall", c.bCubedRecall),
                             ("articles_exactly_right", c.articlesRight), ("paragraphs_exactly_right", c.paragraphsRight),
                             ("cut_paragraphs_whole", c.cutParagraphsWhole), ("wrong_joins", c.wrongJoins),
                             ("stray_spaces_left", c.straySpacesLeft), ("line_breaks_left", c.lineBreaksLeft),
                             ("deliberate_spaces_lost", c.deliberateSpacesLost), ("half_width_left", c.halfWidthLeft),
                             ("character_errors", c.characterErrors)] {
            json.key(key)
            json.beginArray()
            json.value(ratio.numerator)
            json.value(ratio.denominator)
            json.endArray()
        }
        for (key, match) in [("byline_names", c.bylineNames), ("truncated_start", c.truncatedStart), ("headlines", c.headlines)] {
            json.key(key)
            json.beginObject()
            json.field("found", match.found)
            json.field("predicted", match.predicted)
            json.field("recalled", match.recalled)
            json.field("expected", match.expected)
            json.endObject()
        }
        json.endObject()
        json.endObject()
        return json.string + "\n"
    }

    /// Whole numbers without a decimal point; B-cubed sums keep one decimal.
    static func number(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(format: "%.1f", value)
    }
}
