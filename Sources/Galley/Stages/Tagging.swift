/// Last stage: tags every block and groups the blocks into articles (contract: page JSON).
///
/// Changes: fills `Document.articles` and `Document.labels`; records a `tag` edit for every block
/// (or part of a block) given a role other than body: headline, kicker, subtitle, label, lead,
/// byline, subhead, list-item, caption, jump-line. Leads, credits, bylines and jump lines leave the
/// paragraph text they stood in; each paragraph keeps the raw span of what remains.
/// Never touches: the block text (no `replace` edits). Patterns come from `structure.yaml` and
/// `bylines.yaml`; what is decided from neighbouring blocks is `ArticleAssembler`'s.
public struct Tagging: Stage {
    public static let id = "assemble"

    let reader: BlockReader

    public init(pack: RulePack) throws {
        reader = BlockReader(structure: try StructureRules(pack: pack), bylines: try BylinePatterns(pack: pack))
    }

    public func run(_ document: inout Document) {
        var assembler = ArticleAssembler(reader: reader, stage: Self.id)
        assembler.assemble(&document)
    }

    /// One line per part, in page order: `label: …`, `kicker: …`, `headline: …`, `subtitle: …`,
    /// `lead: …`, body paragraphs as they are, `subhead: …`, `list-item: …`, `caption: …`, one
    /// `byline: role=记者 names=阎轶洁 | …` line per article, `flags: …`, and `page-label: …` for
    /// labels that belong to no article.
    public func exampleOutput(_ document: Document) -> String {
        var entries: [(position: Int, lines: [String])] = document.labels.map { ($0.source.first?.lowerBound ?? 0, ["page-label: \($0.text)"]) }
        for article in document.articles {
            var lines = article.labels.map { "label: \($0)" }
            lines += article.decks.map { ($0.role == .main ? "headline" : $0.role.rawValue) + ": " + $0.text }
            if let lead = article.lead { lines.append("lead: \(lead)") }
            lines += article.paragraphs.map { $0.role == .body ? $0.text : "\($0.role.rawValue): \($0.text)" }
            if !article.bylines.isEmpty {
                lines.append("byline: " + article.bylines.map {
                    "role=\($0.role ?? "-") names=\($0.names.joined(separator: ","))"
                }.joined(separator: " | "))
            }
            if !article.flags.isEmpty { lines.append("flags: " + article.flags.joined(separator: " ")) }
            entries.append((article.paragraphs.first?.source.first?.lowerBound ?? Int.max, lines))
        }
        return entries.enumerated().sorted { ($0.element.position, $0.offset) < ($1.element.position, $1.offset) }
            .flatMap(\.element.lines).joined(separator: "\n\n")
    }

    /// `pages/1998-01-13-p4.md`, 0 → `1998-01-13-p4#1`: stable for the same input and rules.
    public static func articleID(source: String, index: Int) -> String {
        let name = source.split(separator: "/").last.map(String.init) ?? source
        let stem = name.contains(".") ? String(name[..<(name.lastIndex(of: ".") ?? name.endIndex)]) : name
        return "\(stem.isEmpty ? "page" : stem)#\(index + 1)"
    }
}
