import Foundation
import Testing
@testable import Galley

/// `galley diff --html`: one self-contained page with the raw page and the repaired articles.
struct DiffHTMLTests {
    static func occurrences(of needle: String, in text: String) -> Int {
        text.components(separatedBy: needle).count - 1
    }

    @Test func pageHoldsRawBlocksArticlesAndChanges() throws {
        let diff = try PageDiff(document: DiffSample.document())
        let html = HTMLDiff.render(diff)
        #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"zh-Hans\">\n<head>\n<meta charset=\"utf-8\">"))
        #expect(html.hasSuffix("</html>\n"))
        #expect(Self.occurrences(of: "<div class=\"block", in: html) == 4)
        #expect(Self.occurrences(of: "<article ", in: html) == 2)
        // Each change twice (raw side and repaired side), its rule in the tooltip.
        #expect(Self.occurrences(of: "<span class=\"change\" title=\"normalize · zh-Hans/punctuation/comma-beside-han&#10;“,” → “，”\">", in: html) == 2)
        #expect(html.contains("春雨过后<span class=\"change\" title=\"normalize · zh-Hans/punctuation/comma-beside-han&#10;“,” → “，”\"><del>,</del><ins>，</ins></span>田里的麦苗"))
        #expect(html.contains("<span class=\"change\" title=\"spacing · zh-Hans/spacing/between-han&#10;“店 里” → “店里”\">店<span class=\"cut\"></span>里</span>"))
        // The join: a badge on both blocks, a seam inside the joined paragraph; the move and the tag.
        #expect(Self.occurrences(of: "<span class=\"badge join\" title=\"join: stitching · zh-Hans/stitching/open-end&#10;score 0.87\">⋈ joined with", in: html) == 2)
        #expect(html.contains("田里的麦苗<span class=\"seam\" title=\"join: stitching · zh-Hans/stitching/open-end&#10;score 0.87\">⋈</span>长得格外精神。"))
        #expect(html.contains("<span class=\"badge move\" title=\"move: stitching · zh-Hans/stitching/column-interleave&#10;score 0.74\">↷ moved → sample#1</span>"))
        #expect(html.contains("<span class=\"badge tag\" title=\"tag: tagging · zh-Hans/tagging/headline\">◆ headline</span>"))
        // Flags, headline, and the way back from a paragraph to its raw block.
        #expect(html.contains("<span class=\"badge flag\">truncated-start</span>"))
        #expect(html.contains("<span class=\"badge flag\">continued-to:2</span>"))
        #expect(html.contains("<p class=\"headline main\">城东新开了一家书店</p>"))
        #expect(html.contains("<a class=\"from\" href=\"#block-4\""))
        #expect(html.contains("id=\"block-4\""))
    }

    @Test(arguments: DiffModelTests.pagePaths)
    func selfContainedAndBalanced(_ path: String) throws {
        let diff = try PageDiff(document: DiffModelTests.document(path))
        let html = HTMLDiff.render(diff)
        for reference in ["http", "src=", "<link", "url(", "@import", "<script", "//"] {
            #expect(!html.contains(reference), "\(path): \(reference)")
        }
        for element in ["div", "span", "p", "section", "article", "table", "del", "ins"] {
            #expect(Self.occurrences(of: "<\(element) ", in: html) + Self.occurrences(of: "<\(element)>", in: html)
                    == Self.occurrences(of: "</\(element)>", in: html), "\(path): <\(element)>")
        }
        let changes = diff.blocks.flatMap(\.changes)
        #expect(Self.occurrences(of: "<span class=\"change\"", in: html) >= changes.count)
        for change in changes {
            #expect(html.contains(HTMLDiff.attribute(HTMLDiff.tooltip(change))))
        }
    }

    @Test func textIsEscaped() throws {
        let raw = "价格<b>5元</b> & \"优惠\" 'x'\n\n<script>alert(1)</script>"
        let html = HTMLDiff.render(try PageDiff(document: Document(page: Page(source: "a<b>.txt", text: raw))))
        #expect(html.contains("价格&lt;b&gt;5元&lt;/b&gt; &amp; &quot;优惠&quot; &#39;x&#39;"))
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(html.contains("<code>a&lt;b&gt;.txt</code>"))
        #expect(!html.contains("<b>") && !html.contains("<script>"))
    }
}
