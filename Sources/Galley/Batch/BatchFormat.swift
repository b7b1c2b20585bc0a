/// Output formats of `galley batch`: those of `galley repair`, and Elasticsearch/OpenSearch
/// `_bulk` NDJSON.
public enum BatchFormat: String, CaseIterable, Sendable {
    case markdown, text, json, jsonl
    case esBulk = "es-bulk"

    /// The extension of output files.
    public var fileExtension: String {
        switch self {
        case .markdown: "md"
        case .text: "txt"
        case .json: "json"
        case .jsonl: "jsonl"
        case .esBulk: "ndjson"
        }
    }

    /// What goes between two pages written to one file.
    public var pageSeparator: String {
        pageFormat?.pageSeparator ?? ""
    }

    /// The same format in `galley repair`, if it has one.
    public var pageFormat: OutputFormat? { OutputFormat(rawValue: rawValue) }

    /// The output of one page. `key` names the page uniquely in the batch (its path under the output
    /// folder without extension, or the record id); es-bulk builds document ids from it.
    public func render(_ result: PageResult, key: String, index: String) -> String {
        guard let pageFormat else { return BulkRenderer.render(result, index: index, key: key) }
        return Renderer.render(result, as: pageFormat)
    }
}

extension OutputFormat {
    /// What goes between two pages in one output: a blank line between Markdown or text pages;
    /// nothing between line-oriented ones.
    public var pageSeparator: String {
        self == .markdown || self == .text ? "\n" : ""
    }
}

/// Elasticsearch/OpenSearch `_bulk` NDJSON: before each article's JSONL line (contract: JSONL
/// line) an action line `{"index":{"_index":NAME,"_id":ID}}`; the text ends with a newline.
public enum BulkRenderer {
    /// `_id` is `key#N`, N counting the page's articles from 1, so that pages with the same file
    /// name in different folders do not overwrite each other in the index.
    public static func render(_ result: PageResult, index: String, key: String) -> String {
        var out = ""
        // Article lines hold no raw newline (JSONWriter escapes it), so splitting bytes is safe.
        let lines = Renderer.jsonLines(result).utf8.split(separator: UInt8(ascii: "\n"))
        for (number, line) in lines.enumerated() {
            var action = JSONWriter()
            action.beginObject()
            action.key("index")
            action.beginObject()
            action.field("_index", index)
            action.field("_id", "\(key)#\(number + 1)")
            action.endObject()
            action.endObject()
            out += action.string + "\n" + String(decoding: line, as: UTF8.self) + "\n"
        }
        return out
    }
}
